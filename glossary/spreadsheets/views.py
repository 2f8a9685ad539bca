"""The glossary as a spreadsheet: `/glossaire/export.<csv|xlsx|ods>` for everyone (open data,
under the directory's licence), and the staff's import on `/import/glossaire/`, previewed row by
row then confirmed, with the directory's import pages (`actors.spreadsheets.upload_pages`)."""

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors.models import ImportRecord
from actors.open_data.feeds import licence
from actors.spreadsheets.about import about_search
from actors.spreadsheets.export_views import spreadsheet_response
from actors.spreadsheets.upload_pages import (
    FileForm,
    confirm_upload,
    preview_upload,
    report_page,
    upload_page,
)
from glossary.models import Term
from glossary.policies import can_import_glossary
from glossary.spreadsheets.exports import glossary_rows
from glossary.spreadsheets.imports import run_glossary_import
from mailleurs.permissions import rule_required


@require_safe
def glossary_export(request, extension):
    about = about_search(
        request, subject=_("Glossaire"), name="glossaire", page=reverse("glossary:index")
    )
    response = spreadsheet_response(glossary_rows(), extension, title="Glossaire", about=about)
    # A file has no room for its licence: the response names it (RFC 8288).
    response["Link"] = f'<{licence()["url_licence"]}>; rel="license"'
    return response


def _glossary_records():
    return ImportRecord.objects.filter(kind=ImportRecord.Kind.GLOSSARY)


@rule_required(can_import_glossary)
@require_http_methods(["GET", "HEAD", "POST"])
def import_start(request):
    form = FileForm(request.POST or None, request.FILES or None)
    previewed = preview_upload(
        request, form, kind=ImportRecord.Kind.GLOSSARY, run=run_glossary_import
    )
    return previewed or upload_page(
        request, "glossary/import_start.html", form, _glossary_records()
    )


@rule_required(can_import_glossary)
@require_safe
def import_detail(request, pk):
    record = get_object_or_404(_glossary_records().defer("content"), pk=pk)
    return report_page(
        request,
        "glossary/import_detail.html",
        record,
        urls_of=_term_urls,
        start_url=reverse("glossary:import_start"),
        object_label=_("Terme"),
    )


def _term_urls(record, rows) -> dict:
    """The rows' terms that exist now (a new one once the import is done)."""
    slugs = [row["object_id"] for row in rows if row["object_id"]]
    return {
        slug: reverse("glossary:term", kwargs={"slug": slug})
        for slug in Term.objects.filter(slug__in=slugs).values_list("slug", flat=True)
    }


@rule_required(can_import_glossary)
@require_POST
def import_confirm(request, pk):
    return confirm_upload(
        request,
        _glossary_records(),
        pk,
        run=run_glossary_import,
        done=_(
            "Glossaire importé : %(new)s nouveaux termes, %(updated)s modifiés, "
            "%(unchanged)s inchangés."
        ),
        refused=_(
            "Rien n’a été importé : des lignes sont en erreur. Corrigez le fichier et "
            "déposez-le à nouveau."
        ),
    )
