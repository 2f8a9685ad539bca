"""The glossary's import page with a heavy file: previewed then imported by the worker, each
step ending on the import's report."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import ImportRecord
from glossary.models import Term
from mailleurs.background.models import Job
from tests.actors.spreadsheets.helpers import csv_bytes
from tests.mailleurs.background.jobs import run_jobs_in_this_process, run_worker

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _every_file_in_the_background(settings, tmp_path):
    run_jobs_in_this_process(settings, tmp_path, every=1)
    settings.IMPORT_BACKGROUND_KILOBYTES = 0


def worked() -> Job:
    run_worker()
    return Job.objects.order_by("-pk").first()


def test_the_glossary_is_previewed_then_imported_by_the_worker(client, glossary, staff_user):
    client.force_login(staff_user)
    content = csv_bytes([["slug", "définition"], ["ctg", "Nouvelle."], ["evs", "Autre."]])
    response = client.post(
        reverse("glossary:import_start"), {"file": SimpleUploadedFile("glossaire.csv", content)}
    )
    assert response.url == Job.objects.get().get_absolute_url()

    preview = worked()
    record = ImportRecord.objects.get()
    assert record.kind == "glossaire" and record.rows_updated == 2
    assert preview.result_link == record.get_absolute_url()
    assert (preview.rows_done, preview.rows_total) == (2, 2)
    assert Term.objects.get(slug="ctg").definition != "Nouvelle."

    response = client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))
    assert response.url == Job.objects.order_by("-pk").first().get_absolute_url()
    imported = worked()
    assert imported.status == Job.Status.DONE and imported.has_written
    assert (imported.rows_done, imported.rows_total) == (2, 2)
    assert Term.objects.get(slug="ctg").definition == "Nouvelle."
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.IMPORTED


def test_a_glossary_import_with_rows_in_error_fails_and_changes_nothing(
    client, glossary, staff_user
):
    client.force_login(staff_user)
    content = csv_bytes([["slug", "définition"], ["ctg", "Nouvelle."], ["evs", ""]])
    client.post(
        reverse("glossary:import_start"), {"file": SimpleUploadedFile("glossaire.csv", content)}
    )
    worked()
    record = ImportRecord.objects.get()

    client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))

    job = worked()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("Rien n’a été importé : des lignes sont en erreur.")
    assert Term.objects.get(slug="ctg").version == 1
