"""The steps between the upload and the confirmation of a directory import: which column of
the file fills which of the site's (changeable, and saved under a name for the next file from
the same source), and the vocabulary suggestions accepted for all the rows that share a value."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_http_methods, require_POST

from actors import policies
from actors.models import ImportRecord
from actors.spreadsheets import import_jobs, imports
from actors.spreadsheets.headers import IGNORED
from mailleurs.permissions import rule_required

IGNORED_LABEL = gettext_lazy("ignorée")


def _records():
    return ImportRecord.objects.filter(kind__in=imports.DIRECTORY_KINDS)


def needs_mapping(report: imports.Report, sheet) -> bool:
    """A file the names alone did not fully match, or that lacks the columns telling which
    fiche a row is (« Nom »…), goes through the mapping step first."""
    keys = {key for _header, key in report.columns}
    return not keys & set(sheet.markers) or any(h and not key for h, key in report.columns)


class MappingForm(forms.Form):
    """One choice per column of the file: the site's column it fills, or « ignorée »."""

    save_as = forms.CharField(
        label=gettext_lazy("Enregistrer cette correspondance sous le nom (facultatif)"),
        help_text=gettext_lazy(
            "Par exemple « Fichier du réseau Drôme » : proposée au prochain dépôt."
        ),
        max_length=100,
        required=False,
    )

    def __init__(self, *args, record: ImportRecord, **kwargs):
        super().__init__(*args, **kwargs)
        sheet = imports.RESOURCES[record.kind].sheet
        choices = [(IGNORED, IGNORED_LABEL)] + [(c.key, c.header) for c in sheet.columns]
        self.headers = []
        for index, (header, key) in enumerate(imports.Report(**record.report).columns):
            if not header:
                continue
            name = f"colonne_{index}"
            self.fields[name] = forms.ChoiceField(
                label=header, choices=choices, initial=key, required=False
            )
            self.headers.append((name, header))
        self.order_fields([name for name, _header in self.headers] + ["save_as"])

    def column_fields(self):
        return [self[name] for name, _header in self.headers]

    def mapping(self) -> dict[str, str]:
        return {header: self.cleaned_data[name] or IGNORED for name, header in self.headers}

    def clean(self):
        data = super().clean()
        chosen: dict[str, str] = {}
        for name, header in self.headers:
            key = data.get(name)
            if key and key in chosen:
                self.add_error(
                    name,
                    _(
                        "« %(other)s » remplit déjà cette colonne : choisissez-en une autre "
                        "ou « ignorée »."
                    )
                    % {"other": chosen[key]},
                )
            chosen.setdefault(key, header)
        return data


@rule_required(policies.can_import)
@require_http_methods(["GET", "HEAD", "POST"])
def import_columns(request, pk):
    record = get_object_or_404(_records(), pk=pk)
    if record.status == ImportRecord.Status.IMPORTED:
        messages.info(request, _("Ce fichier a déjà été importé."))
        return redirect(record)
    form = MappingForm(request.POST or None, record=record)
    if request.method == "POST" and form.is_valid():
        mapping, name = form.mapping(), form.cleaned_data["save_as"].strip()
        if import_jobs.runs_in_background(len(record.content)):
            job = import_jobs.start_repreview(request, record=record, mapping=mapping, save_as=name)
            return redirect(job)
        report = imports.repreview(record=record, user=request.user, mapping=mapping)
        if report.file_error:
            form.add_error(None, report.file_error)
        else:
            if name:
                imports.remember_mapping(
                    kind=record.kind, name=name, columns=mapping, user=request.user
                )
                messages.success(
                    request, _("Correspondance « %(name)s » enregistrée.") % {"name": name}
                )
            return redirect(record)
    context = {"record": record, "form": form, "detail_url": record.get_absolute_url()}
    return render(
        request, "actors/import_columns.html", context, status=400 if form.errors else 200
    )


@rule_required(policies.can_import)
@require_POST
def import_accept_suggestion(request, pk):
    """Replaces a value by its suggestion in all the rows that hold it, then previews again."""
    record = get_object_or_404(_records(), pk=pk)
    report = imports.Report(**record.report)
    column, value = request.POST.get("column", ""), request.POST.get("value", "")
    offered = next(
        (s for s in report.suggestions if (s["column"], s["value"]) == (column, value)), None
    )
    if offered is None or record.status == ImportRecord.Status.IMPORTED:
        messages.error(request, _("Cette suggestion n’est plus proposée pour ce fichier."))
        return redirect(record)
    accepted = {key: offered[key] for key in ("column", "value", "suggestion")}
    substitutions = [*record.substitutions, accepted]
    replaced = ngettext(
        "« %(value)s » est remplacé par « %(suggestion)s » dans %(rows)s ligne.",
        "« %(value)s » est remplacé par « %(suggestion)s » dans %(rows)s lignes.",
        offered["rows"],
    )
    if import_jobs.runs_in_background(len(record.content)):
        job = import_jobs.start_repreview(
            request, record=record, substitutions=substitutions, anchor="suggestions"
        )
        messages.success(request, replaced % offered + " " + _("Le nouvel aperçu se prépare."))
        return redirect(job)
    imports.repreview(record=record, user=request.user, substitutions=substitutions)
    messages.success(request, replaced % offered)
    return redirect(reverse("actors:import_detail", kwargs={"pk": record.pk}) + "#suggestions")
