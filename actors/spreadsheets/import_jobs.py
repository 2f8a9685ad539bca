"""Spreadsheet imports as background jobs: the preview (a dry run, which writes nothing), the
preview again (another column mapping, an accepted suggestion) and the import itself (which
writes, so cannot be cancelled once it began), each ending on the page that follows it in the
import (the mapping step or the report). The import pages start them for a file heavier than
IMPORT_BACKGROUND_KILOBYTES (`runs_in_background`); each row read moves the job's bar.

A page brings the function that runs its import (`imports.run_import`, the glossary's) and,
for the preview, the one that says where it leads: both are kept in the job as dotted paths."""

from django.conf import settings
from django.core.files import File
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from actors.models import ImportRecord
from actors.spreadsheets import imports
from mailleurs.background.progress import JobError, Output
from mailleurs.background.services import start_job

PREVIEW_KIND = "apercu-import"
REPREVIEW_KIND = "reapercu-import"
CONFIRM_KIND = "import"


def runs_in_background(size: int) -> bool:
    """Whether a file of `size` bytes takes long enough to be worked on by the worker."""
    return size > settings.IMPORT_BACKGROUND_KILOBYTES * 1024


def _path(function) -> str:
    return f"{function.__module__}.{function.__qualname__}"


def start_preview(request, *, kind: str, upload, run=imports.run_import, then=None, mapping=None):
    """`then(record, report)` gives the page the job leads to (the report's by default)."""
    name = imports.stored_filename(upload.name)
    return start_job(
        owner=request.user,
        kind=PREVIEW_KIND,
        label=_("Aperçu de l’import de « %(name)s »") % {"name": name},
        params={
            "kind": kind,
            "filename": name,
            "mapping": mapping or None,
            "run": _path(run),
            "then": _path(then) if then else "",
        },
        site_root=request.build_absolute_uri("/"),
        input_file=upload,
    )


def start_repreview(request, *, record: ImportRecord, mapping=None, substitutions=None,
                    save_as: str = "", anchor: str = ""):  # fmt: skip
    """The preview again, with a new `mapping` (kept under the name `save_as` once the file
    reads with it) or `substitutions`; it leads to the report (at `#anchor`)."""
    return start_job(
        owner=request.user,
        kind=REPREVIEW_KIND,
        label=_("Nouvel aperçu de l’import de « %(name)s »") % {"name": record.filename},
        params={
            "record": record.pk,
            "mapping": mapping,
            "substitutions": substitutions,
            "save_as": save_as,
            "anchor": anchor,
        },
        rows_total=record.rows_total,
        site_root=request.build_absolute_uri("/"),
    )


def start_confirm(request, *, record: ImportRecord, valid_rows_only: bool,
                  run=imports.run_import, refused: str = ""):  # fmt: skip
    """The import; `refused` is the reason given when rows in error keep it from writing."""
    return start_job(
        owner=request.user,
        kind=CONFIRM_KIND,
        label=_("Import de « %(name)s »") % {"name": record.filename},
        params={
            "record": record.pk,
            "valid_rows_only": valid_rows_only,
            "run": _path(run),
            "refused": refused,
        },
        rows_total=record.rows_total,
        site_root=request.build_absolute_uri("/"),
    )


def preview_import(job, progress) -> Output:
    params = job.params
    with job.input_file.open("rb") as handle:
        record, report = imports.preview(
            kind=params["kind"],
            upload=File(handle, name=params["filename"]),
            user=job.owner,
            max_megabytes=settings.IMPORT_MAX_MEGABYTES,
            run=_run_of(params),
            mapping=params.get("mapping"),
            progress=progress,
        )
    if record is None:
        raise JobError(report.file_error)
    then = import_string(params["then"]) if params.get("then") else None
    return Output(link=then(record, report) if then else record.get_absolute_url())


def repreview_import(job, progress) -> Output:
    params = job.params
    record = _record_of(job)
    report = imports.repreview(
        record=record,
        user=job.owner,
        mapping=params["mapping"],
        substitutions=params["substitutions"],
        progress=progress,
    )
    if report.file_error:  # the mapping leaves nothing to read: nothing kept, not even its name
        raise JobError(report.file_error)
    if params["save_as"]:
        imports.remember_mapping(
            kind=record.kind, name=params["save_as"], columns=params["mapping"], user=job.owner
        )
    anchor = f"#{params['anchor']}" if params["anchor"] else ""
    return Output(link=record.get_absolute_url() + anchor)


def confirm_import(job, progress) -> Output:
    params = job.params
    record = _record_of(job)
    report = imports.confirm(
        record=record,
        user=job.owner,
        valid_rows_only=params["valid_rows_only"],
        run=_run_of(params),
        progress=progress,
    )
    if not report.written:
        # Rows in error: the job fails, and its transaction leaves the preview as it was.
        raise JobError(report.file_error or params.get("refused") or _("Rien n’a été importé."))
    return Output(link=record.get_absolute_url())


def _record_of(job) -> ImportRecord:
    record = ImportRecord.objects.filter(pk=job.params["record"]).first()
    if record is None:
        raise JobError(_("Cet aperçu n’existe plus : déposez le fichier à nouveau."))
    return record


def _run_of(params):
    return import_string(params.get("run") or _path(imports.run_import))
