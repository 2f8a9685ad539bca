"""The quick start on SQLite: the site and the task worker write to one file at once."""

import threading
import time

import pytest
from django.conf import settings
from django.db import connection, connections, transaction
from django.db.backends.sqlite3.base import DatabaseWrapper

pytestmark = pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite only")


@pytest.fixture
def unblocked(django_db_blocker):
    """Connections of the test's own, to a file of its own (not the test database)."""
    with django_db_blocker.unblock():
        yield
        for alias in ("setup", "site"):
            connections[alias].close()
            del connections[alias]


def file_connection(path, alias: str) -> DatabaseWrapper:
    """A connection to the file `path` with the site's own database settings, known to
    `transaction.atomic` under `alias` in this thread."""
    wrapper = DatabaseWrapper({**settings.DATABASES["default"], "NAME": str(path)}, alias=alias)
    connections[alias] = wrapper
    return wrapper


def test_a_transaction_that_reads_then_writes_waits_for_another_writer(tmp_path, unblocked):
    path = tmp_path / "db.sqlite3"
    with file_connection(path, "setup").cursor() as cursor:
        cursor.execute("CREATE TABLE answer (value integer)")
    holding, refused = threading.Event(), []

    def worker_holds_the_lock():
        worker = file_connection(path, "worker")
        with transaction.atomic(using="worker"), worker.cursor() as cursor:
            cursor.execute("INSERT INTO answer VALUES (1)")
            holding.set()
            time.sleep(0.5)
        worker.close()

    thread = threading.Thread(target=worker_holds_the_lock)
    thread.start()
    holding.wait()
    site = file_connection(path, "site")
    try:
        with transaction.atomic(using="site"), site.cursor() as cursor:
            cursor.execute("SELECT count(*) FROM answer")
            cursor.execute("INSERT INTO answer VALUES (2)")
    except Exception as error:  # noqa: BLE001 — what the page would have shown as a 500
        refused.append(error)
    thread.join()
    assert refused == []
    with site.cursor() as cursor:
        cursor.execute("SELECT count(*) FROM answer")
        assert cursor.fetchone() == (2,)
    site.close()
