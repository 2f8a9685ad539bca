"""`/import/`: staff upload a spreadsheet, read the preview row by row, then confirm."""

import io

from django import forms
from django.http import FileResponse
from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors import policies
from actors.models import Actor, ImportMapping, ImportRecord
from actors.spreadsheets import imports
from actors.spreadsheets import template as import_template
from actors.spreadsheets.mapping_views import needs_mapping
from actors.spreadsheets.upload_pages import (
    FileForm,
    confirm_upload,
    preview_upload,
    report_page,
    upload_page,
)
from mailleurs.permissions import rule_required


def _directory_records():
    return ImportRecord.objects.filter(kind__in=imports.DIRECTORY_KINDS)


class UploadForm(FileForm):
    kind = forms.ChoiceField(
        label=gettext_lazy("Le fichier contient"),
        choices=[c for c in ImportRecord.Kind.choices if c[0] in imports.DIRECTORY_KINDS],
        initial=ImportRecord.Kind.ACTORS,
    )
    saved_mapping = forms.ModelChoiceField(
        label=gettext_lazy("Correspondance des colonnes enregistrée"),
        help_text=gettext_lazy(
            "Pour un fichier de la même source qu’un précédent. Sans : les noms des colonnes "
            "suffisent, et vous pourrez les corriger avant l’aperçu."
        ),
        queryset=ImportMapping.objects.all(),
        required=False,
        empty_label=gettext_lazy("Aucune"),
    )
    field_order = ["kind", "file", "saved_mapping"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not ImportMapping.objects.filter(kind__in=imports.DIRECTORY_KINDS).exists():
            del self.fields["saved_mapping"]  # nothing to choose yet

    def clean(self):
        data = super().clean()
        saved = data.get("saved_mapping")
        if saved and data.get("kind") and saved.kind != data["kind"]:
            self.add_error(
                "saved_mapping",
                _("Cette correspondance est celle d’un fichier « %(kind)s ».")
                % {"kind": saved.get_kind_display()},
            )
        return data


def _first_step(record, report) -> str:
    """The mapping step when some column of the file was not recognised, else the preview
    (whose page still shows the columns, and links to the mapping step)."""
    if needs_mapping(report, imports.RESOURCES[record.kind].sheet):
        return reverse("actors:import_columns", kwargs={"pk": record.pk})
    return record.get_absolute_url()


@rule_required(policies.can_import)
@require_http_methods(["GET", "HEAD", "POST"])
def import_start(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if previewed := preview_upload(request, form, kind=ImportRecord.Kind.ACTORS, then=_first_step):
        return previewed
    # Every import is listed here, the glossary's too: each links to its own page.
    return upload_page(
        request,
        "actors/import_start.html",
        form,
        ImportRecord.objects.all(),
        kinds=form.fields["kind"].choices,
    )


@rule_required(policies.can_import)
@require_safe
def import_detail(request, pk):
    record = get_object_or_404(_directory_records().defer("content"), pk=pk)
    return report_page(
        request,
        "actors/import_detail.html",
        record,
        urls_of=_fiche_urls,
        start_url=reverse("actors:import_start"),
        object_label=_("Fiche"),
        columns_url=reverse("actors:import_columns", kwargs={"pk": record.pk}),
        suggest_url=reverse("actors:import_suggestion", kwargs={"pk": record.pk}),
        sheet_headers={c.key: c.header for c in imports.RESOURCES[record.kind].sheet.columns},
        to_complete=_to_complete(record),
        to_complete_url=reverse("admin:actors_actor_changelist") + "?to_complete__exact=1",
    )


def _to_complete(record) -> int:
    """How many of the fiches an import of actors wrote still lack their one-line summary."""
    if record.kind != ImportRecord.Kind.ACTORS or record.status != ImportRecord.Status.IMPORTED:
        return 0
    ids = [_as_int(row["object_id"]) for row in record.report.get("rows", [])]
    return Actor.objects.filter(pk__in=[pk for pk in ids if pk], to_complete=True).count()


def _fiche_urls(record, rows) -> dict:
    """The fiches an import of actors wrote, once it is done."""
    if record.kind != ImportRecord.Kind.ACTORS or record.status != ImportRecord.Status.IMPORTED:
        return {}
    ids = {row["object_id"]: _as_int(row["object_id"]) for row in rows if row["object_id"]}
    slugs = dict(Actor.objects.filter(pk__in=ids.values()).values_list("pk", "slug"))
    return {
        object_id: reverse("actors:actor_detail", kwargs={"slug": slugs[pk]})
        for object_id, pk in ids.items()
        if pk in slugs
    }


def _as_int(value):
    try:
        return int(value)
    except (TypeError, ValueError):
        return None


@rule_required(policies.can_import)
@require_POST
def import_confirm(request, pk):
    return confirm_upload(
        request,
        _directory_records(),
        pk,
        valid_rows_only=request.POST.get("lignes") == "valides",
        done=_(
            "Import terminé : %(new)s nouvelles, %(updated)s modifiées, %(unchanged)s "
            "inchangées, %(invalid)s lignes en erreur laissées de côté."
        ),
        refused=_(
            "Rien n’a été importé : des lignes sont en erreur. Corrigez le fichier et "
            "déposez-le à nouveau, ou choisissez « seulement les lignes valides »."
        ),
    )


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
