"""Starting and cancelling jobs."""

import os
from contextlib import suppress

from django.db import OperationalError
from django.db.models import Q
from django.utils import timezone

from mailleurs.background import kinds, live
from mailleurs.background.models import Job
from mailleurs.background.selectors import job_state
from mailleurs.background.tasks import run_job_task


def start_job(
    *,
    owner,
    kind: str,
    label: str,
    params: dict,
    rows_total: int | None = None,
    site_root: str = "",
    input_file=None,
) -> Job:
    """Record the job and hand it to the worker. `site_root` (https://host/) lets the e-mail
    that tells its end give a full address; `input_file` (an upload) is kept for the work to
    read as `job.input_file`. Call it outside a transaction: the worker must find the job's row
    as soon as the task is queued."""
    kinds.work_of(kind)  # an unknown kind fails here, in the request, not later in the worker
    job = Job.objects.create(
        owner=owner,
        kind=kind,
        label=label[:200],
        params={**params, "site_root": site_root},
        rows_total=rows_total,
    )
    if input_file is not None:
        job.input_file.save(os.path.basename(input_file.name or "fichier"), input_file)
    result = run_job_task.enqueue(job.pk)
    Job.objects.filter(pk=job.pk).update(task_id=str(result.id))
    job.refresh_from_db()
    return job


def request_cancel(*, job: Job) -> bool:
    """Cancel a job that waits, or ask a running one to stop before it writes; False when it
    is too late (it writes, or it ended)."""
    waiting = Q(pk=job.pk, status=Job.Status.PENDING)
    if Job.objects.filter(waiting).update(
        status=Job.Status.CANCELLED, cancel_requested=True, finished_at=timezone.now()
    ):
        return True
    job.refresh_from_db()
    if not job_state(job).can_cancel:
        return False
    live.ask_cancel(job.pk)  # what the worker reads
    # SQLite: the job's long read may keep the database from being written for now. The
    # worker reads the request from the cache anyway, and records it when it stops.
    with suppress(OperationalError):
        Job.objects.filter(pk=job.pk).update(cancel_requested=True)
    return True
