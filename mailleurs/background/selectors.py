"""A job as its page shows it: the row's state, with the running job's live progress."""

from dataclasses import dataclass

from mailleurs.background import live
from mailleurs.background.models import Job


@dataclass(frozen=True)
class JobState:
    job: Job
    done: int
    total: int | None
    has_written: bool
    cancel_requested: bool = False

    @property
    def percent(self) -> int | None:
        if not self.total:
            return 100 if self.job.status == Job.Status.DONE else None
        return min(100, self.done * 100 // self.total)

    @property
    def can_cancel(self) -> bool:
        return self.job.is_active and not self.has_written and not self.cancel_requested

    @property
    def cancel_too_late(self) -> bool:
        """Running and already writing: the page says why there is no cancel button."""
        return self.job.status == Job.Status.RUNNING and self.has_written


def job_state(job: Job) -> JobState:
    if job.status != Job.Status.RUNNING:
        return JobState(job, job.rows_done, job.rows_total, job.has_written, job.cancel_requested)
    cancel_requested = job.cancel_requested or live.cancel_asked(job.pk)
    state = live.read(job.pk)
    if state is None:  # claimed by the worker, not yet started
        return JobState(job, job.rows_done, job.rows_total, job.has_written, cancel_requested)
    return JobState(job, state.done, state.total, state.has_written, cancel_requested)


def jobs_of(user):
    return Job.objects.filter(owner=user).order_by("-created_at", "-pk")
