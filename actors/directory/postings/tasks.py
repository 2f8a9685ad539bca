"""The snapshot's build as a background task (`manage.py db_worker` runs it)."""

from django.tasks import task

from actors.directory.postings.build import build_snapshot


@task()
def build_postings_task() -> str:
    snapshot = build_snapshot()
    return f"{snapshot.fiches} fiches, {snapshot.seconds:.1f} s"
