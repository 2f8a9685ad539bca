"""The import as the pages run it for a heavy file (bench/import_probe.py background): the
upload's web request queues the preview as a background job, the worker runs it; the
confirmation's request queues the import, the worker runs it. Each request is timed (it should
take milliseconds), then each job until it is done.

Everything happens in this process and in one transaction rolled back at the end, as the other
import measurements do: the benchmark database is left as it was. The worker's loop is
django-tasks-db's (`db_worker --batch`), kept from closing the connection between tasks (which
would end the transaction); the uploaded file and the jobs' progress go to a temporary folder
and a cache of this process."""

import tempfile
import time

from django.contrib.auth import get_user_model
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.test import Client, override_settings
from django.urls import reverse

from actors.models import Actor, ImportRecord
from mailleurs.background.in_process import run_queued_jobs
from mailleurs.background.models import Job


def through_jobs(content: bytes, filename: str) -> dict:
    with (
        tempfile.TemporaryDirectory(prefix="mailleurs-bench-taches-") as media,
        override_settings(**_job_settings(media)),
    ):
        return _measured(content, filename)


def _job_settings(media: str) -> dict:
    from django.conf import settings

    progress_cache = {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}
    return {
        "MEDIA_ROOT": media,
        "CACHES": {**settings.CACHES, settings.TASKS_PROGRESS_CACHE: progress_cache},
        "ALLOWED_HOSTS": ["testserver"],
        # Whatever its size, the file goes to the background (a 300-row file might not).
        "IMPORT_BACKGROUND_KILOBYTES": 0,
        # No e-mail leaves the bench when a long job ends.
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }


def _measured(content: bytes, filename: str) -> dict:
    actors_before = Actor.objects.count()
    with transaction.atomic():
        client = Client()
        client.force_login(_staff())
        client.get(reverse("actors:import_start"))  # not timed: the process's first request
        upload = SimpleUploadedFile(filename, content)
        request_ms, response = _timed(
            lambda: client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": upload})
        )
        preview = _job_run(response)
        record = ImportRecord.objects.order_by("-pk").first()
        confirm_ms, response = _timed(
            lambda: client.post(
                reverse("actors:import_confirm", kwargs={"pk": record.pk}), {"lignes": "toutes"}
            )
        )
        imported = _job_run(response)
        record.refresh_from_db()
        actors_during = Actor.objects.count()
        transaction.set_rollback(True)  # the benchmark database stays as it was
    return {
        "preview_request_ms": request_ms,
        "preview_job": preview,
        "import_request_ms": confirm_ms,
        "import_job": imported,
        "counts": {
            "new": record.rows_new,
            "updated": record.rows_updated,
            "unchanged": record.rows_unchanged,
            "invalid": record.rows_invalid,
        },
        "written": record.status == ImportRecord.Status.IMPORTED,
        "actors_added": actors_during - actors_before,
        "rolled_back": Actor.objects.count() == actors_before,
    }


def _staff():
    return get_user_model().objects.create_superuser(
        username="banc-import-taches", email="banc@example.org", password=None
    )


def _timed(request):
    started = time.perf_counter()
    response = request()
    return round((time.perf_counter() - started) * 1000, 1), response


def _job_run(response) -> dict:
    """The job the request queued (its page is where the response leads), run by the worker."""
    job = Job.objects.order_by("-pk").first()
    queued = (
        job is not None and response.status_code == 302 and response.url == job.get_absolute_url()
    )
    started = time.perf_counter()
    run_queued_jobs("banc-import")
    seconds = time.perf_counter() - started
    job.refresh_from_db()
    return {
        "queued": queued,
        "seconds": round(seconds, 2),
        "status": job.status,
        "rows_done": job.rows_done,
        "rows_total": job.rows_total,
        "error": job.error_message,
    }
