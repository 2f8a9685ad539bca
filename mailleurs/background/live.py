"""A running job's progress and its cancel request, shared by the worker and the web server
through the TASKS_PROGRESS_CACHE cache. The job's row cannot carry them: the work runs in one
transaction, and nobody sees its updates before it ends."""

from dataclasses import dataclass

from django.conf import settings
from django.core.cache import caches

# Long enough for any job; a job's entries are removed when it ends.
KEEP_SECONDS = 24 * 3600


@dataclass(frozen=True)
class LiveState:
    done: int
    total: int | None
    has_written: bool


def _cache():
    return caches[settings.TASKS_PROGRESS_CACHE]


def _key(job_id: int, what: str) -> str:
    return f"tache-{job_id}-{what}"


def publish(job_id: int, *, done: int, total: int | None, has_written: bool) -> None:
    _cache().set(_key(job_id, "etat"), (done, total, has_written), KEEP_SECONDS)


def read(job_id: int) -> LiveState | None:
    value = _cache().get(_key(job_id, "etat"))
    return LiveState(*value) if value else None


def ask_cancel(job_id: int) -> None:
    _cache().set(_key(job_id, "annuler"), True, KEEP_SECONDS)


def cancel_asked(job_id: int) -> bool:
    return bool(_cache().get(_key(job_id, "annuler")))


def forget(job_id: int) -> None:
    _cache().delete_many([_key(job_id, "etat"), _key(job_id, "annuler")])
