"""The task worker's loop run inside a process that is not `manage.py db_worker`: the tests and
the benchmark run the queued jobs exactly as the worker does, without its signal handling."""

from unittest import mock

from django_tasks_db.management.commands import db_worker
from django_tasks_db.management.commands.db_worker import Worker


def in_process_worker(worker_id: str, *, interval: float = 0, batch: bool = True) -> Worker:
    """A worker of the default queue; with `batch`, it stops once the queue is empty."""
    return Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id=worker_id,
        excluded_queue_names=[],
    )


def run_queued_jobs(worker_id: str) -> None:
    """Every queued job, run now in this process. The worker closes its database connection
    between tasks, which would end the caller's transaction (a test's, the benchmark's rolled
    back one): not here."""
    with mock.patch.object(db_worker, "close_old_connections", lambda: None):
        in_process_worker(worker_id).run()
