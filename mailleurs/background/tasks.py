"""The task the worker runs (Django's tasks framework): one job, by its id."""

from django.tasks import task

from mailleurs.background.runner import run_job


@task()
def run_job_task(job_id: int) -> str:
    return run_job(job_id)
