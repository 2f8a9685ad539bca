"""What every import page does, whatever the file holds (the directory's sheets on /import/,
the glossary on its own page): the upload form, the preview kept as an `ImportRecord`, the
report page row by row, and the confirmation. Each page brings its template, its records and
the function that runs its import (`imports.run_import` or the glossary's). A heavy file is
previewed and imported by the task worker: the page then leads to the job's own page, whose
progress bar ends on a link to the next step (`import_jobs`)."""

from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.models import ImportRecord
from actors.spreadsheets import import_jobs, imports
from actors.spreadsheets.reading import max_bytes, too_large

ROWS_SHOWN = 500
ERRORS_SHOWN = 1000
RECENT_SHOWN = 20


class FileForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Fichier CSV, XLSX ou ODS"),
        error_messages={
            "required": gettext_lazy("Choisissez un fichier."),
            "empty": gettext_lazy("Le fichier est vide."),
        },
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if message := too_large(upload.size):
            raise forms.ValidationError(message)
        return upload


def preview_upload(request, form: FileForm, *, kind: str, run=imports.run_import, then=None):
    """A valid upload previewed: the redirect to its report (or to the address `then(record,
    report)` gives), or None (the form then says why the file was refused). The form's own
    `kind`, when it has one, wins over `kind`; its `saved_mapping`, when chosen, reads the
    file's columns."""
    if request.method != "POST" or not form.is_valid():
        return None
    saved = form.cleaned_data.get("saved_mapping")
    upload, kind = form.cleaned_data["file"], form.cleaned_data.get("kind", kind)
    mapping = saved.columns if saved else None
    if import_jobs.runs_in_background(upload.size):
        job = import_jobs.start_preview(
            request, kind=kind, upload=upload, run=run, then=then, mapping=mapping
        )
        return redirect(job)
    record, report = imports.preview(
        kind=kind, upload=upload, user=request.user, run=run, mapping=mapping
    )
    if record is not None:
        return redirect(then(record, report) if then else record)
    form.add_error("file", report.file_error)
    return None


def upload_page(request, template: str, form: FileForm, records, **extra):
    """The upload form and the last imports of `records`; 400 when the form is refused."""
    recent = records.select_related("created_by").defer("content", "report")[:RECENT_SHOWN]
    context = {
        "form": form,
        "recent": recent,
        "limit": max_bytes() // 1024 // 1024,
        "background_kilobytes": settings.IMPORT_BACKGROUND_KILOBYTES,
        **extra,
    }
    return render(request, template, context, status=400 if form.errors else 200)


def report_page(request, template: str, record: ImportRecord, *, urls_of, **extra):
    """An import's report: its errors, then its rows, each linked to what it wrote when
    `urls_of(record, rows)` gives an address for its `object_id`."""
    report = imports.Report(**record.report)
    rows = report.rows[:ROWS_SHOWN]
    urls = urls_of(record, rows)
    for row in rows:
        row["url"] = urls.get(row["object_id"])
    context = {
        "record": record,
        "report": report,
        "rows": rows,
        "hidden_rows": max(0, len(report.rows) - ROWS_SHOWN),
        "errors": report.errors[:ERRORS_SHOWN],
        "hidden_errors": max(0, len(report.errors) - ERRORS_SHOWN),
        "status_labels": imports.STATUS_LABELS,
        "can_confirm": record.status != ImportRecord.Status.IMPORTED,
        **extra,
    }
    return render(request, template, context)


def confirm_upload(request, records, pk, *, done: str, refused: str, valid_rows_only=False,
                   run=imports.run_import):  # fmt: skip
    """Import a previewed file, once: `done` (formatted with the counts) or `refused` says how
    it went, on the report's page."""
    record = get_object_or_404(records, pk=pk)
    if record.status == ImportRecord.Status.IMPORTED:
        messages.info(request, _("Ce fichier a déjà été importé."))
        return redirect(record)
    if import_jobs.runs_in_background(len(record.content)):
        job = import_jobs.start_confirm(
            request, record=record, valid_rows_only=valid_rows_only, run=run, refused=refused
        )
        return redirect(job)
    report = imports.confirm(
        record=record, user=request.user, valid_rows_only=valid_rows_only, run=run
    )
    if report.written:
        messages.success(request, done % report.counts)
    else:
        messages.error(request, refused)
    return redirect(record)
