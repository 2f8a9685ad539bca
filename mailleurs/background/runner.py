"""Run one job, as the worker does: claim it, run its work in a transaction, keep its outcome
(file, link, or a French reason), and tell its owner when it took long."""

import logging

from django.core.files import File
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mailleurs.background import kinds, live, notifications
from mailleurs.background.models import Job
from mailleurs.background.progress import JobCancelled, JobError, Output, Progress

logger = logging.getLogger(__name__)

UNEXPECTED = _(
    "La tâche s’est arrêtée sur une erreur inattendue ; rien n’a été écrit. "
    "Réessayez, et si l’erreur revient, signalez-la à l’équipe du site."
)
INTERRUPTED = _("La tâche a été interrompue (arrêt du serveur) ; rien n’a été écrit.")


def run_job(job_id: int) -> str:
    """Returns the job's final status (the task's result, kept by the worker)."""
    claimed = Job.objects.filter(pk=job_id, status=Job.Status.PENDING).update(
        status=Job.Status.RUNNING, started_at=timezone.now()
    )
    if not claimed:  # cancelled while it waited, or already run
        return Job.objects.filter(pk=job_id).values_list("status", flat=True).first() or ""
    job = Job.objects.get(pk=job_id)
    progress = Progress(job.pk, total=job.rows_total)
    changes: dict = {}
    try:
        progress.publish()  # « en cours » from now on; stops here if cancelled meanwhile
        with transaction.atomic():
            _keep(job, kinds.work_of(job.kind)(job, progress))
        changes = {"status": Job.Status.DONE, "has_written": progress.has_written}
    except JobCancelled:
        changes = {"status": Job.Status.CANCELLED, "cancel_requested": True}
    except JobError as error:
        changes = {"status": Job.Status.FAILED, "error_message": str(error)}
    except Exception:
        logger.exception("La tâche %s (%s) a échoué", job.pk, job.kind)
        changes = {"status": Job.Status.FAILED, "error_message": str(UNEXPECTED)}
    except BaseException:  # the worker is being stopped: the job must not stay « en cours »
        changes = {"status": Job.Status.FAILED, "error_message": str(INTERRUPTED)}
        raise
    finally:
        live.forget(job.pk)
        changes["rows_done"] = progress.done
        changes["rows_total"] = progress.total
        changes["finished_at"] = timezone.now()
        Job.objects.filter(pk=job.pk).update(**changes)
    job.refresh_from_db()
    notifications.job_ended(job)
    return job.status


def _keep(job: Job, output: Output | None) -> None:
    if output is None:
        return
    if output.file is not None:
        with output.file:
            job.result_file.save(output.file_name, File(output.file), save=False)
        job.result_name = output.file_name
    job.result_link = output.link
    job.save(update_fields=["result_file", "result_name", "result_link"])
