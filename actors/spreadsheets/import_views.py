"""`/import/`: staff upload a spreadsheet, read the preview row by row, then confirm."""

import io

from django import forms
from django.contrib import messages
from django.http import FileResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors import policies
from actors.models import Actor, ImportRecord
from actors.spreadsheets import imports
from actors.spreadsheets import template as import_template
from actors.spreadsheets.reading import max_bytes, too_large
from mailleurs.permissions import rule_required

ROWS_SHOWN = 500
ERRORS_SHOWN = 1000


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label=gettext_lazy("Le fichier contient"),
        choices=ImportRecord.Kind.choices,
        initial=ImportRecord.Kind.ACTORS,
    )
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


@rule_required(policies.can_import)
@require_http_methods(["GET", "HEAD", "POST"])
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        record, report = imports.preview(
            kind=form.cleaned_data["kind"], upload=form.cleaned_data["file"], user=request.user
        )
        if record is not None:
            return redirect(record)
        form.add_error("file", report.file_error)
    recent = ImportRecord.objects.select_related("created_by").defer("content", "report")[:20]
    status = 400 if form.errors else 200
    return render(
        request,
        "actors/import_start.html",
        {
            "form": form,
            "recent": recent,
            "kinds": ImportRecord.Kind.choices,
            "limit": max_bytes() // 1024 // 1024,
        },
        status=status,
    )


@rule_required(policies.can_import)
@require_safe
def import_detail(request, pk):
    record = get_object_or_404(ImportRecord.objects.defer("content"), pk=pk)
    report = imports.Report(**record.report)
    rows = report.rows
    for row in rows[:ROWS_SHOWN]:
        row["slug"] = None
    if record.kind == ImportRecord.Kind.ACTORS and record.status == ImportRecord.Status.IMPORTED:
        ids = [row["object_id"] for row in rows[:ROWS_SHOWN] if row["object_id"]]
        slugs = dict(Actor.objects.filter(pk__in=ids).values_list("pk", "slug"))
        for row in rows[:ROWS_SHOWN]:
            row["slug"] = slugs.get(_as_int(row["object_id"]))
    return render(
        request,
        "actors/import_detail.html",
        {
            "record": record,
            "report": report,
            "rows": rows[:ROWS_SHOWN],
            "hidden_rows": max(0, len(rows) - ROWS_SHOWN),
            "errors": report.errors[:ERRORS_SHOWN],
            "hidden_errors": max(0, len(report.errors) - ERRORS_SHOWN),
            "status_labels": imports.STATUS_LABELS,
            "can_confirm": record.status != ImportRecord.Status.IMPORTED,
        },
    )


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@rule_required(policies.can_import)
@require_POST
def import_confirm(request, pk):
    record = get_object_or_404(ImportRecord, pk=pk)
    if record.status == ImportRecord.Status.IMPORTED:
        messages.info(request, _("Ce fichier a déjà été importé."))
        return redirect(record)
    valid_rows_only = request.POST.get("lignes") == "valides"
    report = imports.confirm(record=record, user=request.user, valid_rows_only=valid_rows_only)
    if report.written:
        counts = report.counts
        messages.success(
            request,
            _(
                "Import terminé : %(new)s nouvelles, %(updated)s modifiées, %(unchanged)s "
                "inchangées, %(invalid)s lignes en erreur laissées de côté."
            )
            % counts,
        )
    else:
        messages.error(
            request,
            _(
                "Rien n’a été importé : des lignes sont en erreur. Corrigez le fichier et "
                "déposez-le à nouveau, ou choisissez « seulement les lignes valides »."
            ),
        )
    return redirect(record)


@rule_required(policies.can_import)
@require_safe
def import_template_download(request, kind):
    handle = import_template.workbook(kind)
    return FileResponse(
        handle,
        as_attachment=True,
        filename=f"modele-import-{kind}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )


@rule_required(policies.can_import)
@require_safe
def import_file_download(request, pk):
    """The file as it was uploaded, for the record."""
    record = get_object_or_404(ImportRecord, pk=pk)
    return FileResponse(
        io.BytesIO(bytes(record.content)), as_attachment=True, filename=record.filename
    )
