"""Spreadsheet imports as background jobs: the preview (a dry run, which writes nothing) and
the import itself (which writes, so cannot be cancelled once it began), each ending on the
import's report page. The import pages start them with `start_preview` and `start_confirm`.

Their bar moves when `imports` counts rows: both functions pass `progress` on to the import as
soon as it takes one (`progress.advance()` per row read); until then it fills at the end."""

from django.conf import settings
from django.core.files import File
from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import ImportRecord
from actors.spreadsheets import imports
from mailleurs.background.progress import JobError, Output
from mailleurs.background.services import start_job

PREVIEW_KIND = "apercu-import"
CONFIRM_KIND = "import"


def start_preview(request, *, kind: str, upload):
    return start_job(
        owner=request.user,
        kind=PREVIEW_KIND,
        label=_("Aperçu de l’import de « %(name)s »")
        % {"name": imports.stored_filename(upload.name)},
        params={"kind": kind, "filename": imports.stored_filename(upload.name)},
        site_root=request.build_absolute_uri("/"),
        input_file=upload,
    )


def start_confirm(request, *, record: ImportRecord, valid_rows_only: bool):
    return start_job(
        owner=request.user,
        kind=CONFIRM_KIND,
        label=_("Import de « %(name)s »") % {"name": record.filename},
        params={"record": record.pk, "valid_rows_only": valid_rows_only},
        rows_total=record.rows_total,
        site_root=request.build_absolute_uri("/"),
    )


def preview_import(job, progress) -> Output:
    with job.input_file.open("rb") as handle:
        upload = File(handle, name=job.params["filename"])
        record, report = imports.preview(
            kind=job.params["kind"],
            upload=upload,
            user=job.owner,
            max_megabytes=settings.IMPORT_MAX_MEGABYTES,
        )
    if record is None:
        raise JobError(report.file_error)
    progress.set_total(record.rows_total)
    progress.advance(record.rows_total)
    return Output(link=_report_page(record))


def confirm_import(job, progress) -> Output:
    record = ImportRecord.objects.filter(pk=job.params["record"]).first()
    if record is None:
        raise JobError(_("Cet aperçu n’existe plus : déposez le fichier à nouveau."))
    progress.set_total(record.rows_total)
    with progress.writing():
        imports.confirm(
            record=record, user=job.owner, valid_rows_only=job.params["valid_rows_only"]
        )
    progress.advance(record.rows_total)
    return Output(link=_report_page(record))


def _report_page(record) -> str:
    return reverse("actors:import_detail", kwargs={"pk": record.pk})
