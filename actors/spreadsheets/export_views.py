"""`/export/acteurs.<csv|xlsx|ods>`: the directory's current search as a spreadsheet."""

from django.http import FileResponse, HttpResponse, HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from actors.spreadsheets import export_jobs, exports
from actors.spreadsheets.about import About, about_search
from actors.spreadsheets.table_exports import TABLES

CONTENT_TYPES = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "ods": "application/vnd.oasis.opendocument.spreadsheet",
}


@require_safe
def actors_export(request, extension):
    # A fiche not yet published is exported only with its « Statut » (moderators, staff).
    search, columns = export_jobs.actors_search(request.GET, request.user)
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
    # A large list is written by the worker; the job's page follows it and gives the file.
    if request.user.is_authenticated:
        rows = search.actors.count()
        if export_jobs.runs_in_background(request.user, rows):
            job = export_jobs.start_actors_export(
                request, extension=extension, about=about, rows=rows
            )
            return redirect(job)
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
