"""What a work function tells while it runs: how many rows in all, how many done, and when it
starts writing; and where it stops when its owner cancels it."""

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import IO

from django.conf import settings

from mailleurs.background import live


class JobCancelled(Exception):
    """The owner cancelled the job before it wrote anything."""


class JobError(Exception):
    """The work cannot be done, for a reason its owner can read (in French)."""


@dataclass
class Output:
    """What a finished job gives: a file to download, or a page to go to."""

    file: IO[bytes] | None = None
    file_name: str = ""
    link: str = ""


class Progress:
    def __init__(self, job_id: int, *, total: int | None = None, every: int | None = None):
        self.job_id = job_id
        self.total = total
        self.done = 0
        self.has_written = False
        self.every = max(1, every or settings.TASKS_PROGRESS_EVERY)
        self._published = 0

    def set_total(self, total: int) -> None:
        self.total = total
        self.publish()

    def advance(self, rows: int = 1) -> None:
        self.done += rows
        if self.done - self._published >= self.every:
            self.publish()

    def track(self, rows: Iterable) -> Iterator:
        """The rows one by one, counted as each is handed out."""
        for row in rows:
            yield row
            self.advance()

    def publish(self) -> None:
        """Show where the job stands, and stop here if it was cancelled meanwhile."""
        self._published = self.done
        live.publish(self.job_id, done=self.done, total=self.total, has_written=self.has_written)
        self.stop_if_cancelled()

    def stop_if_cancelled(self) -> None:
        if not self.has_written and live.cancel_asked(self.job_id):
            raise JobCancelled

    @contextmanager
    def writing(self):
        """The part that writes: a cancel asked until now is honoured, none after."""
        self.stop_if_cancelled()
        self.has_written = True
        self.publish()
        yield
