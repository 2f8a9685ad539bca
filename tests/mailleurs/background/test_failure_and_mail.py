"""A job that fails writes nothing and says why in French; a long job e-mails its owner."""

import pytest
from django.core import mail
from django.urls import reverse

from actors.models import Sphere
from mailleurs.background.models import Job
from mailleurs.background.progress import JobError
from tests.mailleurs.background.jobs import run_worker, start_test_job

pytestmark = pytest.mark.django_db


def write_then_refuse(job, progress):
    with progress.writing():
        Sphere.objects.create(name="À moitié écrite", slug="a-moitie-ecrite")
        raise JobError("La ligne 7 désigne une commune qui n’existe pas : rien n’a été importé.")


def write_then_break(job, progress):
    with progress.writing():
        Sphere.objects.create(name="À moitié écrite", slug="a-moitie-ecrite")
        raise ZeroDivisionError


def write_one_sphere(job, progress):
    with progress.writing():
        Sphere.objects.create(name="Écrite", slug="ecrite")


def test_a_failing_job_writes_nothing_and_its_page_says_why(client, member, test_kind):
    test_kind(write_then_refuse)
    client.force_login(member)
    job = start_test_job(member)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert not Sphere.objects.filter(slug="a-moitie-ecrite").exists()
    page = client.get(reverse("background:job_detail", kwargs={"pk": job.pk})).text
    assert "échoué" in page
    assert "La ligne 7 désigne une commune qui n’existe pas : rien n’a été importé." in page


def test_an_unexpected_error_is_told_in_french_and_writes_nothing(
    client, member, test_kind, caplog
):
    test_kind(write_then_break)
    client.force_login(member)
    job = start_test_job(member)

    run_worker()

    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert job.error_message.startswith("La tâche s’est arrêtée sur une erreur inattendue")
    assert not Sphere.objects.filter(slug="a-moitie-ecrite").exists()
    assert "ZeroDivisionError" in caplog.text  # for the site's team, in the worker's log


def test_the_owner_is_emailed_when_a_long_job_ends(member, test_kind, settings):
    settings.TASKS_NOTIFY_AFTER_SECONDS = 0
    test_kind(write_one_sphere)
    job = start_test_job(member)

    run_worker()

    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert message.to == [member.email]
    assert message.subject == "Mailleurs : « Tâche d’essai » est terminée"
    assert f"https://mailleurs.example.org/taches/{job.pk}/" in message.body


def test_the_owner_is_told_why_a_long_job_failed(member, test_kind, settings):
    settings.TASKS_NOTIFY_AFTER_SECONDS = 0
    test_kind(write_then_refuse)
    start_test_job(member)

    run_worker()

    assert mail.outbox[0].subject == "Mailleurs : « Tâche d’essai » a échoué"
    assert "La ligne 7 désigne une commune qui n’existe pas" in mail.outbox[0].body


def test_a_short_job_sends_no_mail(member, test_kind, settings):
    settings.TASKS_NOTIFY_AFTER_SECONDS = 3600
    test_kind(write_one_sphere)
    start_test_job(member)

    run_worker()

    assert Job.objects.get().status == Job.Status.DONE
    assert mail.outbox == []
