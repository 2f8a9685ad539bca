"""Who sees a job's page, and « Mes tâches »."""

import pytest
from django.urls import reverse

from mailleurs.background.models import Job

pytestmark = pytest.mark.django_db


@pytest.fixture
def job(member):
    return Job.objects.create(owner=member, kind="essai", label="Export de mes fiches")


def detail(job):
    return reverse("background:job_detail", kwargs={"pk": job.pk})


def test_the_owner_sees_the_job_with_a_progress_bar_and_a_refresh_link(client, member, job):
    client.force_login(member)
    page = client.get(detail(job)).text
    assert "Export de mes fiches" in page
    assert '<label for="avancement-' in page and "<progress" in page
    assert 'aria-live="polite"' in page
    assert f'href="{detail(job)}">Rafraîchir</a>' in page
    assert 'http-equiv="refresh"' not in page


def test_staff_see_anyone_s_job(client, staff_user, job):
    client.force_login(staff_user)
    assert client.get(detail(job)).status_code == 200


def test_another_member_cannot_see_cancel_or_download_the_job(client, moderator, job):
    client.force_login(moderator)
    assert client.get(detail(job)).status_code == 404
    cancel = reverse("background:job_cancel", kwargs={"pk": job.pk})
    assert client.post(cancel).status_code == 404
    assert client.get(reverse("background:job_file", kwargs={"pk": job.pk})).status_code == 404
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING and not job.cancel_requested


def test_a_visitor_is_asked_to_sign_in(client, job):
    response = client.get(detail(job))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


def test_cancel_takes_a_post_only(client, member, job):
    client.force_login(member)
    response = client.get(reverse("background:job_cancel", kwargs={"pk": job.pk}))
    assert response.status_code == 405
    job.refresh_from_db()
    assert job.status == Job.Status.PENDING


def test_my_jobs_lists_mine_only(client, member, moderator, job):
    Job.objects.create(owner=moderator, kind="essai", label="Le travail d’un autre")
    client.force_login(member)
    page = client.get(reverse("background:job_list")).text
    assert "Export de mes fiches" in page and "en attente" in page
    assert "Le travail d’un autre" not in page


def test_a_job_without_a_file_has_nothing_to_download(client, member, job):
    client.force_login(member)
    assert client.get(reverse("background:job_file", kwargs={"pk": job.pk})).status_code == 404


def test_the_team_sees_jobs_and_the_worker_s_queue_in_the_admin(admin_client, job):
    jobs = admin_client.get(reverse("admin:background_job_changelist"), {"q": "fiches"})
    assert "Export de mes fiches" in jobs.text
    job_page = admin_client.get(reverse("admin:background_job_change", args=[job.pk]))
    assert job_page.status_code == 200
    queue = reverse("admin:django_tasks_database_dbtaskresult_changelist")
    assert admin_client.get(queue).status_code == 200
