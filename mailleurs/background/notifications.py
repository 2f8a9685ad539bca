"""The e-mail that tells a job's owner it ended, when it ran long enough for them to leave."""

from django.conf import settings
from django.utils.translation import gettext as _

from mailleurs.background.models import Job
from mailleurs.mail import send_templated_mail

TOLD_WHEN_ENDED = (Job.Status.DONE, Job.Status.FAILED)


def job_ended(job: Job) -> None:
    duration = job.duration_seconds
    if job.status not in TOLD_WHEN_ENDED or duration is None:
        return
    if duration < settings.TASKS_NOTIFY_AFTER_SECONDS or not job.owner.email:
        return
    root = (job.params.get("site_root") or "").rstrip("/")
    subject = (
        _("Mailleurs : « %(label)s » est terminée")
        if job.status == Job.Status.DONE
        else _("Mailleurs : « %(label)s » a échoué")
    )
    send_templated_mail(
        folder="background/emails",
        template="job_ended",
        subject=subject % {"label": job.label},
        recipients=[job.owner.email],
        context={"job": job, "url": root + job.get_absolute_url(), "done": job.status == "done"},
    )
