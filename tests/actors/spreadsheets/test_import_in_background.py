"""The import pages with a heavy file: the request only queues a job and leads to its page; the
worker previews, previews again (new mapping, accepted suggestion) and imports, counting rows
as it goes; a cancel before writing or a failure leaves nothing written."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ImportMapping, ImportRecord
from actors.spreadsheets import imports
from mailleurs.background import live
from mailleurs.background.models import Job
from mailleurs.background.progress import Progress
from tests.actors.factories import ThemeFactory
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes
from tests.mailleurs.background.jobs import run_jobs_in_this_process, run_worker

pytestmark = pytest.mark.django_db

ROWS = [
    [f"Maison n° {number}", "Centre social", "Action sociale", "Accueil", "", "26113", ""]
    for number in range(1, 8)
]
HAND_KEPT = [
    ["Structure porteuse", "TYPE", "Résumé", "Code INSEE", "Remarques"],
    ["Maison des projets", "Centre social", "Accueil", "26113", "rappeler en mars"],
]


@pytest.fixture(autouse=True)
def _every_file_in_the_background(settings, tmp_path):
    run_jobs_in_this_process(settings, tmp_path)  # progress published every 3 rows
    settings.IMPORT_BACKGROUND_KILOBYTES = 0


@pytest.fixture
def staff_client(client, staff_user):
    client.force_login(staff_user)
    return client


@pytest.fixture
def published(monkeypatch):
    """Each (rows done, rows in all, writing) the jobs publish for their page."""
    seen = []
    real = live.publish

    def publish(job_id, *, done, total, has_written):
        seen.append((done, total, has_written))
        real(job_id, done=done, total=total, has_written=has_written)

    monkeypatch.setattr(live, "publish", publish)
    return seen


def upload(client, rows, name="acteurs.csv"):
    content = SimpleUploadedFile(name, csv_bytes(rows))
    return client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": content})


def last_job() -> Job:
    return Job.objects.order_by("-pk").first()


def worked() -> Job:
    run_worker()
    job = last_job()
    job.refresh_from_db()
    return job


def previewed(client, rows=None) -> ImportRecord:
    upload(client, rows or [HEADERS, *ROWS])
    assert worked().status == Job.Status.DONE
    return ImportRecord.objects.get()


def confirm(client, record, rows="toutes"):
    return client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}), {"lignes": rows})


def test_an_upload_is_queued_and_its_job_counts_the_rows_then_leads_to_the_preview(
    staff_client, vocab, published
):
    response = upload(staff_client, [HEADERS, *ROWS])

    job = last_job()
    assert response.url == job.get_absolute_url()
    assert job.label == "Aperçu de l’import de « acteurs.csv »"
    assert "en attente" in staff_client.get(response.url).text
    assert not ImportRecord.objects.exists()

    job = worked()
    assert job.status == Job.Status.DONE, job.error_message
    assert (job.rows_done, job.rows_total) == (7, 7)
    assert [s for s in published if s[0] in (3, 6)] == [(3, 7, False), (6, 7, False)]
    record = ImportRecord.objects.get()
    assert job.result_link == record.get_absolute_url()
    assert (record.rows_new, record.rows_invalid) == (7, 0)
    assert not Actor.objects.exists()
    page = staff_client.get(job.get_absolute_url()).text
    assert "7 / 7 lignes (100 %)" in page and f'href="{record.get_absolute_url()}"' in page


def test_a_light_file_is_still_previewed_at_once_and_a_heavy_one_queued(
    staff_client, vocab, settings
):
    settings.IMPORT_BACKGROUND_KILOBYTES = 1
    form = staff_client.get(reverse("actors:import_start")).text
    assert "Un fichier de plus de 1 Ko est lu en arrière-plan" in form
    light = upload(staff_client, [HEADERS, ROWS[0]])
    assert light.url == ImportRecord.objects.get().get_absolute_url()
    assert not Job.objects.exists()

    heavy = upload(staff_client, [HEADERS, *ROWS * 5])
    assert len(csv_bytes([HEADERS, *ROWS * 5])) > 1024
    assert heavy.url == last_job().get_absolute_url()


def test_the_import_runs_as_a_job_counting_its_rows_as_it_writes(
    staff_client, vocab, staff_user, published
):
    record = previewed(staff_client)
    published.clear()

    response = confirm(staff_client, record)
    job = last_job()
    assert response.url == job.get_absolute_url()
    assert job.label == "Import de « acteurs.csv »" and not Actor.objects.exists()

    job = worked()
    assert job.status == Job.Status.DONE and job.has_written
    assert (job.rows_done, job.rows_total) == (7, 7)
    assert (6, 7, True) in published
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.IMPORTED and record.imported_by == staff_user
    assert job.result_link == record.get_absolute_url()
    assert Actor.objects.count() == 7
    assert "<strong>Importé</strong>" in staff_client.get(record.get_absolute_url()).text


def test_a_preview_cancelled_midway_keeps_nothing(staff_client, vocab, monkeypatch):
    advance = Progress.advance

    def cancel_at_row_4(progress, rows=1):
        advance(progress, rows)
        if progress.done == 4:
            staff_client.post(reverse("background:job_cancel", kwargs={"pk": progress.job_id}))

    monkeypatch.setattr(Progress, "advance", cancel_at_row_4)
    upload(staff_client, [HEADERS, *ROWS])

    job = worked()
    assert job.status == Job.Status.CANCELLED
    assert job.rows_done == 6  # stopped where it next published
    assert not ImportRecord.objects.exists() and not Actor.objects.exists()


def test_an_import_cancelled_after_reading_its_file_stops_before_writing(
    staff_client, vocab, monkeypatch
):
    record = previewed(staff_client)
    set_total = Progress.set_total

    def cancel_once_read(progress, total):
        set_total(progress, total)
        staff_client.post(reverse("background:job_cancel", kwargs={"pk": progress.job_id}))

    monkeypatch.setattr(Progress, "set_total", cancel_once_read)
    confirm(staff_client, record)

    job = worked()
    assert job.status == Job.Status.CANCELLED and not job.has_written
    assert not Actor.objects.exists()
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.PREVIEW


def test_an_import_refused_for_its_rows_in_error_fails_saying_why(staff_client, vocab):
    wrong = ["Maison mal typée", "Type inconnu", "Action sociale", "Accueil", "", "26113", ""]
    record = previewed(staff_client, [HEADERS, *ROWS, wrong])
    assert record.rows_invalid == 1

    confirm(staff_client, record)

    job = worked()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("Rien n’a été importé : des lignes sont en erreur.")
    assert job.error_message in staff_client.get(job.get_absolute_url()).text
    assert not Actor.objects.exists()
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.PREVIEW


def test_an_import_failing_after_it_wrote_its_rows_leaves_nothing_written(
    staff_client, vocab, monkeypatch
):
    record = previewed(staff_client)

    def broken(*args, **kwargs):
        assert Actor.objects.count() == 7  # the rows are written by now
        raise RuntimeError("panne")

    monkeypatch.setattr(imports, "_describe", broken)
    confirm(staff_client, record)

    job = worked()
    assert job.status == Job.Status.FAILED
    assert "rien n’a été écrit" in job.error_message
    assert not Actor.objects.exists()
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.PREVIEW


def columns_url(record):
    return reverse("actors:import_columns", kwargs={"pk": record.pk})


def mapping_data(client, record, **changes):
    form = client.get(columns_url(record)).context["form"]
    data = {name: form[name].initial for name, _header in form.headers}
    return {**data, **changes}


def test_a_new_mapping_previews_again_as_a_job_and_is_saved_once_the_file_reads(
    staff_client, vocab
):
    upload(staff_client, HAND_KEPT, name="liste.csv")
    job = worked()
    record = ImportRecord.objects.get()
    assert job.result_link == columns_url(record)  # « Structure porteuse » is unknown

    data = mapping_data(staff_client, record, colonne_0="name", save_as="Réseau Drôme")
    response = staff_client.post(columns_url(record), data)
    job = last_job()
    assert response.url == job.get_absolute_url()
    assert job.label == "Nouvel aperçu de l’import de « liste.csv »"
    assert not ImportMapping.objects.exists()

    job = worked()
    assert job.status == Job.Status.DONE and job.result_link == record.get_absolute_url()
    record.refresh_from_db()
    assert (record.rows_new, record.rows_invalid) == (1, 0)
    assert ImportMapping.objects.get(name="Réseau Drôme").columns == record.mapping


def test_a_mapping_that_leaves_nothing_to_read_fails_and_keeps_the_preview(staff_client, vocab):
    upload(staff_client, HAND_KEPT, name="liste.csv")
    worked()
    record = ImportRecord.objects.get()
    before = record.report
    data = dict.fromkeys(mapping_data(staff_client, record), "")
    data["save_as"] = "Vide"

    staff_client.post(columns_url(record), data)

    job = worked()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("La première ligne doit donner les noms des colonnes")
    record.refresh_from_db()
    assert record.report == before and record.mapping == {}
    assert not ImportMapping.objects.exists()


def test_a_suggestion_accepted_for_all_rows_previews_again_as_a_job(staff_client, vocab):
    ThemeFactory(name="Parentalité, familles", slug="parentalite-familles")
    family = [[*row[:4], "Parentalité", *row[5:]] for row in ROWS[:3]]
    record = previewed(staff_client, [HEADERS, *family])
    assert record.rows_invalid == 3

    url = reverse("actors:import_suggestion", kwargs={"pk": record.pk})
    response = staff_client.post(url, {"column": "Thèmes", "value": "Parentalité"}, follow=True)
    assert "« Parentalité » est remplacé par « Parentalité, familles » dans 3 lignes." in (
        response.text
    )
    assert response.redirect_chain[-1][0] == last_job().get_absolute_url()

    job = worked()
    assert job.result_link == record.get_absolute_url() + "#suggestions"
    record.refresh_from_db()
    assert record.rows_invalid == 0 and record.substitutions[0]["value"] == "Parentalité"


def test_a_long_import_tells_its_owner_by_mail_where_to_find_it(
    staff_client, vocab, settings, mailoutbox
):
    settings.TASKS_NOTIFY_AFTER_SECONDS = 0  # every job is long enough here
    record = previewed(staff_client)
    mailoutbox.clear()

    confirm(staff_client, record)
    job = worked()

    [mail] = mailoutbox
    assert mail.subject == "Mailleurs : « Import de « acteurs.csv » » est terminée"
    assert f"http://testserver{job.get_absolute_url()}" in mail.body
