"""A job seen from its page while the worker runs it: its progress, and cancelling it."""

import pytest
from django.db import OperationalError
from django.db.models import QuerySet
from django.urls import reverse

from actors.models import Sphere
from mailleurs.background import live
from mailleurs.background.models import Job
from tests.mailleurs.background.jobs import run_worker, start_test_job

pytestmark = pytest.mark.django_db

ROWS = 10
# What the test does while the work runs: (moment, job) → None; moments are "row 1" … "row 10"
# and "writing".
DURING: list = []


def count_rows_then_write(job, progress):
    progress.set_total(ROWS)
    for number in progress.track(range(1, ROWS + 1)):
        for step in DURING:
            step(f"row {number}", job)
    with progress.writing():
        for step in DURING:
            step("writing", job)
        Sphere.objects.create(name="Écrite par la tâche", slug="ecrite-par-la-tache")


@pytest.fixture
def during(test_kind):
    test_kind(count_rows_then_write)
    DURING.clear()
    yield DURING.append
    DURING.clear()


def page_of(client, job) -> str:
    return client.get(reverse("background:job_detail", kwargs={"pk": job.pk})).text


def test_the_page_shows_the_rows_done_while_the_job_runs(client, member, during):
    client.force_login(member)
    seen = {}
    during(lambda moment, job: seen.setdefault(moment, page_of(client, job)))
    job = start_test_job(member)
    assert "en attente" in page_of(client, job)

    run_worker()

    # Published every 3 rows: after rows 3 and 6, rows 7 and 8 still show 6.
    assert 'max="10" value="6"' in seen["row 8"]
    assert "6 / 10 lignes (60 %)" in seen["row 8"]
    assert "en cours" in seen["row 8"]
    assert "Annuler la tâche" in seen["row 8"]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and (job.rows_done, job.rows_total) == (10, 10)
    finished = page_of(client, job)
    assert "10 / 10 lignes (100 %)" in finished and "terminé" in finished
    assert "Annuler la tâche" not in finished and "Rafraîchir" not in finished


def test_htmx_polling_gets_the_state_alone_and_stops_once_the_job_ended(client, member, during):
    client.force_login(member)
    job = start_test_job(member)
    url = reverse("background:job_detail", kwargs={"pk": job.pk})
    waiting = client.get(url, headers={"HX-Request": "true"})
    assert waiting.status_code == 200 and "<h1>" not in waiting.text
    assert 'hx-trigger="every 2s"' in client.get(url).text

    run_worker()

    ended = client.get(url, headers={"HX-Request": "true"})
    assert ended.status_code == 286  # htmx stops polling on this status
    assert "terminé" in ended.text
    assert 'hx-trigger="every' not in client.get(url).text


def test_a_job_cancelled_while_it_waits_never_runs(client, member, during):
    client.force_login(member)
    ran = []
    during(lambda moment, job: ran.append(moment))
    job = start_test_job(member)
    response = client.post(reverse("background:job_cancel", kwargs={"pk": job.pk}), follow=True)
    assert "Annulation demandée" in response.text

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and ran == []
    assert "La tâche a été annulée ; rien n’a été écrit." in page_of(client, job)


def test_cancelling_a_running_job_stops_it_before_it_writes(client, member, during):
    client.force_login(member)
    cancel = reverse("background:job_cancel", kwargs={"pk": 0})

    def cancel_at_row_4(moment, job):
        if moment == "row 4":
            client.post(cancel.replace("/0/", f"/{job.pk}/"))

    during(cancel_at_row_4)
    job = start_test_job(member)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED
    assert job.rows_done == 6  # stopped at the next publication, after row 6
    assert not Sphere.objects.filter(slug="ecrite-par-la-tache").exists()
    assert not job.has_written


def test_a_job_that_writes_can_no_longer_be_cancelled_and_says_why(client, member, during):
    client.force_login(member)
    seen = {}

    def try_to_cancel_while_writing(moment, job):
        if moment == "writing":
            seen["page"] = page_of(client, job)
            url = reverse("background:job_cancel", kwargs={"pk": job.pk})
            seen["answer"] = client.post(url, follow=True).text

    during(try_to_cancel_while_writing)
    job = start_test_job(member)

    run_worker()

    assert "Annuler la tâche" not in seen["page"]
    assert "elle ne peut plus être annulée" in seen["page"]
    assert "Trop tard pour annuler" in seen["answer"]
    job.refresh_from_db()
    assert job.status == Job.Status.DONE and job.has_written and not job.cancel_requested
    assert Sphere.objects.filter(slug="ecrite-par-la-tache").exists()


def test_a_cancel_the_database_cannot_record_yet_still_stops_the_job(
    client, member, during, monkeypatch
):
    """On SQLite, a job's long read keeps the database from being written: the request goes
    through the progress cache, the page shows it, and the job stops all the same."""
    real_update = QuerySet.update

    def locked(queryset, **changes):
        if changes == {"cancel_requested": True}:
            raise OperationalError("database is locked")
        return real_update(queryset, **changes)

    monkeypatch.setattr(QuerySet, "update", locked)
    client.force_login(member)
    seen = {}

    def cancel_at_row_4(moment, job):
        if moment == "row 4":
            client.post(reverse("background:job_cancel", kwargs={"pk": job.pk}))
        if moment == "row 5":  # the state alone (the page would repeat the POST's message)
            url = reverse("background:job_detail", kwargs={"pk": job.pk})
            seen["page"] = client.get(url, headers={"HX-Request": "true"}).text

    during(cancel_at_row_4)
    job = start_test_job(member)

    run_worker()

    assert "Annulation demandée : la tâche s’arrête sans rien écrire." in seen["page"]
    assert "Annuler la tâche" not in seen["page"]
    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and job.cancel_requested
    assert not Sphere.objects.filter(slug="ecrite-par-la-tache").exists()


def test_a_cancel_asked_as_the_worker_takes_the_job_stops_it_before_its_work(member, during):
    ran = []
    during(lambda moment, job: ran.append(moment))
    job = start_test_job(member)
    # The request arrives between the worker's claim and the job's first step.
    live.ask_cancel(job.pk)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.CANCELLED and ran == []
