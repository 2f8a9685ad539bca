"""Starting a job and running the worker as `manage.py db_worker` does, for the tests."""

from mailleurs.background.in_process import run_queued_jobs
from mailleurs.background.services import start_job

TEST_KIND = "essai"


def run_jobs_in_this_process(settings, tmp_path, *, every: int = 3) -> None:
    """For tests where the worker runs in the test's process: a progress cache of this
    process, the files in a temporary folder, a progress published every `every` rows."""
    settings.CACHES = {
        **settings.CACHES,
        settings.TASKS_PROGRESS_CACHE: {
            "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
            "LOCATION": "taches-de-test",
        },
    }
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.TASKS_PROGRESS_EVERY = every


def run_worker() -> None:
    """Every queued task, run by django-tasks-db's worker (the loop `db_worker --batch` runs,
    without taking over the process's signals). The worker closes its database connection
    between tasks, which would end the test's transaction (PostgreSQL): not here."""
    run_queued_jobs("travailleur-de-test")


def start_test_job(owner, **params):
    return start_job(
        owner=owner,
        kind=TEST_KIND,
        label="Tâche d’essai",
        params=params,
        site_root="https://mailleurs.example.org/",
    )
