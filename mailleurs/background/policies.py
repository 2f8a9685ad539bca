"""Who sees a job: its owner, and the site's staff."""


def can_see_job(user, job) -> bool:
    return user.is_authenticated and (job.owner_id == user.pk or user.is_staff)
