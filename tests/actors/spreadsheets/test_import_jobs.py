"""The preview and the import of a spreadsheet as background jobs, started from the code:
each ends on the import's report; the import writes, so it cannot be cancelled once running."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ImportRecord
from actors.spreadsheets import import_jobs
from mailleurs.background.models import Job
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes
from tests.mailleurs.background.jobs import run_jobs_in_this_process, run_worker

pytestmark = pytest.mark.django_db

ROWS = [
    ["Maison des familles", "Centre social", "Action sociale", "Accueil", "", "26113", ""],
    ["Épicerie du Diois", "Centre social", "Action sociale", "Vrac", "mobilite", "26113", ""],
]


@pytest.fixture(autouse=True)
def _jobs_in_this_process(settings, tmp_path):
    run_jobs_in_this_process(settings, tmp_path)


@pytest.fixture
def staff_request(rf, staff_user):
    request = rf.post("/import/")
    request.user = staff_user
    return request


def previewed(staff_request, content=None) -> Job:
    upload = SimpleUploadedFile("acteurs.csv", content or csv_bytes([HEADERS, *ROWS]))
    job = import_jobs.start_preview(staff_request, kind="acteurs", upload=upload)
    run_worker()
    job.refresh_from_db()
    return job


def test_a_preview_job_writes_nothing_and_leads_to_the_report(staff_request, vocab):
    job = previewed(staff_request)

    assert job.status == Job.Status.DONE, job.error_message
    assert job.label == "Aperçu de l’import de « acteurs.csv »"
    record = ImportRecord.objects.get()
    assert job.result_link == reverse("actors:import_detail", kwargs={"pk": record.pk})
    assert (record.rows_new, record.rows_invalid) == (2, 0)
    assert (job.rows_done, job.rows_total) == (2, 2)
    assert not Actor.objects.exists()


def test_a_file_that_is_no_spreadsheet_fails_with_the_import_s_own_reason(staff_request, vocab):
    job = previewed(staff_request, content=b"\x00\x01 pas un tableur")

    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("Ce fichier n’est pas un tableur lisible.")
    assert not ImportRecord.objects.exists()


def test_the_import_job_writes_the_fiches_and_cannot_be_cancelled_after(
    client, staff_user, staff_request, vocab
):
    record = ImportRecord.objects.get(pk=previewed(staff_request).result_link.split("/")[-2])
    job = import_jobs.start_confirm(staff_request, record=record, valid_rows_only=False)
    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.has_written
    assert Actor.objects.count() == 2
    client.force_login(staff_user)
    cancel = client.post(reverse("background:job_cancel", kwargs={"pk": job.pk}), follow=True)
    assert "Trop tard pour annuler" in cancel.text


def test_an_import_cancelled_while_it_waits_writes_nothing(
    client, staff_user, staff_request, vocab
):
    record = ImportRecord.objects.get(pk=previewed(staff_request).result_link.split("/")[-2])
    job = import_jobs.start_confirm(staff_request, record=record, valid_rows_only=False)
    client.force_login(staff_user)
    client.post(reverse("background:job_cancel", kwargs={"pk": job.pk}))
    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert not Actor.objects.exists()
    record.refresh_from_db()
    assert record.status != ImportRecord.Status.IMPORTED
