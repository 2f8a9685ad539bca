"""`/export/acteurs.<csv|xlsx|ods>`: the directory's current search as a spreadsheet."""

from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from actors.directory.query import run_search
from actors.spreadsheets import exports
from actors.spreadsheets.about import About, about_search
from actors.spreadsheets.columns import ACTORS, audience_of
from actors.spreadsheets.table_exports import TABLES

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@require_safe
def actors_export(request, extension):
    columns = ACTORS.for_audience(audience_of(request.user))
    # A fiche not yet published is exported only with its « Statut » (moderators, staff).
    shows_status = any(column.key == "status" for column in columns)
    search = run_search(
        request.GET,
        user=request.user,
        request=request,
        allow_suggestion=False,
        published_only=not shows_status,
    )
    if not search.is_valid:
        lines = [
            f"{search.filterset.form[name].label} : {' '.join(messages)}"
            for name, messages in search.errors.items()
        ]
        return HttpResponseBadRequest(
            "Export impossible, un filtre est invalide :\n" + "\n".join(lines),
            content_type="text/plain; charset=utf-8",
        )
    about = about_search(
        request,
        subject=_("Annuaire des acteurs"),
        name="acteurs",
        page=reverse("actors:actor_list"),
        form=search.filterset.form,
    )
    return spreadsheet_response(
        exports.rows(search.actors, columns), extension, title="Acteurs", about=about
    )


TABLE_SUBJECTS = {
    "dispositifs": gettext_lazy("Dispositifs"),
    "dispositifs-locaux": gettext_lazy("Dispositifs locaux et leurs participants"),
    "relations": gettext_lazy("Relations entre acteurs"),
}


@require_safe
def table_export(request, table, extension):
    """Schemes, local schemes with their participants, relations: whole tables."""
    about = about_search(
        request, subject=str(TABLE_SUBJECTS[table]), name=table, page=reverse("actors:scheme_list")
    )
    return spreadsheet_response(TABLES[table](request.user), extension, title=table, about=about)


def spreadsheet_response(table_rows, extension: str, *, title: str, about: About):
    """CSV streamed (plain: the table alone), XLSX from a temporary file, ODS built in memory,
    both with their « À propos » sheet: see `exports`. The file's name says what it holds."""
    if extension == "csv":
        response = StreamingHttpResponse(
            exports.csv_of(table_rows), content_type=CONTENT_TYPES["csv"]
        )
    elif extension == "xlsx":
        response = FileResponse(
            exports.xlsx_of(table_rows, title=title[:31], about=about),
            content_type=CONTENT_TYPES["xlsx"],
        )
    else:
        response = HttpResponse(
            exports.ods_of(table_rows, title=title[:31], about=about),
            content_type=CONTENT_TYPES["ods"],
        )
    filename = about.file_name(extension)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
