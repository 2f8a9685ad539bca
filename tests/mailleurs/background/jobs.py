"""Starting a job and running the worker as `manage.py db_worker` does, for the tests."""

from django_tasks_db.management.commands.db_worker import Worker

from mailleurs.background.services import start_job

TEST_KIND = "essai"


def run_worker() -> None:
    """Every queued task, run by django-tasks-db's worker (the loop `db_worker --batch` runs,
    without taking over the process's signals)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="travailleur-de-test",
        excluded_queue_names=[],
    ).run()


def start_test_job(owner, **params):
    return start_job(
        owner=owner,
        kind=TEST_KIND,
        label="Tâche d’essai",
        params=params,
        site_root="https://mailleurs.example.org/",
    )
