"""django-tasks-db's worker in a thread of the test's process, for browser tests whose pages
queue background jobs."""

import threading
from contextlib import contextmanager

from django.db import connections

from mailleurs.background.in_process import in_process_worker


@contextmanager
def worker_running(*, interval: float = 0.2, batch: bool = True):
    """The worker runs the jobs queued, then stops (`batch`, as `db_worker --batch` does);
    otherwise it takes each job as soon as it is queued, until the block ends. On SQLite, a
    worker polling all along may lock the tables a page reads at the same moment: keep it
    running only while a job is expected."""
    worker = in_process_worker("travailleur-navigateur", interval=interval, batch=batch)

    def work():
        try:
            worker.run()
        finally:
            connections.close_all()

    thread = threading.Thread(target=work)
    thread.start()
    try:
        yield worker
    finally:
        if not batch:
            worker.running = False  # what its signal handler does: out after the current task
        thread.join(timeout=30)
