"""A directory export above EXPORT_BACKGROUND_ROWS runs as a background job whose file is the
one the immediate export sends."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from mailleurs.background.models import Job
from tests.actors.factories import ActorFactory, SphereFactory, ThemeFactory
from tests.mailleurs.background.jobs import run_jobs_in_this_process, run_worker

pytestmark = pytest.mark.django_db

THRESHOLD = 3


@pytest.fixture(autouse=True)
def _small_threshold(settings, tmp_path):
    settings.EXPORT_BACKGROUND_ROWS = THRESHOLD
    run_jobs_in_this_process(settings, tmp_path)


@pytest.fixture
def directory(db):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    for name in ("Épicerie solidaire", "Garage solidaire", "Jardin partagé", "Ressourcerie"):
        ActorFactory(name=name, spheres=[social], themes=[food])
    ActorFactory(name="Maison de santé", spheres=[social])
    return food


def export_url(extension):
    return reverse("actors:actors_export", kwargs={"extension": extension})


def body(response) -> bytes:
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def export_through_a_job(client, extension, params):
    response = client.get(export_url(extension), params)
    job = Job.objects.get()
    assert response.status_code == 302 and response["Location"] == job.get_absolute_url()
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.error_message
    download = client.get(reverse("background:job_file", kwargs={"pk": job.pk}))
    assert download.status_code == 200
    return job, download


def test_a_large_csv_export_runs_as_a_job_and_gives_the_same_file(
    client, staff_user, directory, settings
):
    client.force_login(staff_user)
    params = {"theme": directory.slug}
    job, download = export_through_a_job(client, "csv", params)
    assert job.rows_total == 4 and job.rows_done == 4
    assert job.label == "Export de l’annuaire en CSV (4 fiches)"

    settings.EXPORT_BACKGROUND_ROWS = 1000
    direct = client.get(export_url("csv"), params)
    assert direct.status_code == 200
    assert body(download) == body(direct)
    assert download["Content-Disposition"] == direct["Content-Disposition"]


def test_a_large_xlsx_export_gives_the_same_workbook(client, staff_user, directory, settings):
    client.force_login(staff_user)
    _job, download = export_through_a_job(client, "xlsx", {})
    settings.EXPORT_BACKGROUND_ROWS = 1000
    job_bytes, direct_bytes = body(download), body(client.get(export_url("xlsx")))

    from_job = zipfile.ZipFile(io.BytesIO(job_bytes))
    at_once = zipfile.ZipFile(io.BytesIO(direct_bytes))
    assert from_job.namelist() == at_once.namelist()
    # Only the moments differ: the file's creation date and the « Exporté le » row.
    clock_parts = {"docProps/core.xml", "xl/worksheets/sheet1.xml"}
    for name in set(at_once.namelist()) - clock_parts:
        assert from_job.read(name) == at_once.read(name), name
    job_book = load_workbook(io.BytesIO(job_bytes))
    direct_book = load_workbook(io.BytesIO(direct_bytes))
    job_about = [r for r in job_book["À propos"].values if r[0] != "Exporté le"]
    assert job_about == [r for r in direct_book["À propos"].values if r[0] != "Exporté le"]
    assert len(list(job_book["Acteurs"].values)) == 6  # the header and the five fiches


def test_a_small_export_is_sent_at_once(client, staff_user, directory):
    client.force_login(staff_user)
    response = client.get(export_url("csv"), {"q": "garage"})
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not Job.objects.exists()


def test_a_visitor_s_large_export_is_sent_at_once(client, directory):
    response = client.get(export_url("csv"))
    assert response.status_code == 200 and "attachment" in response["Content-Disposition"]
    assert not Job.objects.exists()


def test_a_search_that_became_invalid_fails_with_a_french_reason(client, staff_user, directory):
    client.force_login(staff_user)
    client.get(export_url("csv"), {"theme": directory.slug})
    job = Job.objects.get()
    # Between the request and the worker, someone deleted the theme searched.
    directory.delete()
    run_worker()
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("La recherche exportée n’est plus valide")
    assert not job.result_file
