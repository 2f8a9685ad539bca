"""Large directory exports as background jobs: the request records the search (its query
string, who asks, the « À propos » as it was), the worker builds the very same file as the
immediate export and keeps it for download on the job's page."""

import datetime
import io
import tempfile
from dataclasses import asdict

from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext as _

from actors.directory.query import run_search
from actors.spreadsheets import exports
from actors.spreadsheets.about import About, Filter
from actors.spreadsheets.columns import ACTORS, audience_of
from mailleurs.background.progress import JobError, Output
from mailleurs.background.services import start_job

KIND = "export-acteurs"
TITLE = "Acteurs"


def runs_in_background(user, rows: int) -> bool:
    """A job needs an owner to come back to it: a visitor's export is always sent at once."""
    return user.is_authenticated and rows > settings.EXPORT_BACKGROUND_ROWS


def actors_search(data: QueryDict, user):
    """The directory search an export holds, the columns `user` may see, and whether those
    include the « Statut » (then unpublished fiches are in too)."""
    columns = ACTORS.for_audience(audience_of(user))
    shows_status = any(column.key == "status" for column in columns)
    search = run_search(
        data,
        user=user,
        request=_AsUser(user),
        allow_suggestion=False,
        published_only=not shows_status,
    )
    return search, columns


class _AsUser:
    """What the directory's filters read from a request: who asks."""

    def __init__(self, user):
        self.user = user


def spreadsheet_file(table_rows, extension: str, *, title: str, about: About):
    """The file the immediate export sends, as an open binary file (same writers, same bytes)."""
    if extension == "csv":
        handle = tempfile.TemporaryFile()  # noqa: SIM115  closed by whoever stores it
        for chunk in exports.csv_of(table_rows):
            handle.write(chunk.encode("utf-8"))
        handle.seek(0)
        return handle
    if extension == "xlsx":
        return exports.xlsx_of(table_rows, title=title[:31], about=about)
    return io.BytesIO(exports.ods_of(table_rows, title=title[:31], about=about))


def start_actors_export(request, *, extension: str, about: About, rows: int):
    label = _("Export de l’annuaire en %(format)s (%(rows)s fiches)") % {
        "format": extension.upper(),
        "rows": f"{rows:,}".replace(",", "\u202f"),
    }
    return start_job(
        owner=request.user,
        kind=KIND,
        label=label,
        params={"query": request.GET.urlencode(), "extension": extension, "about": _dump(about)},
        rows_total=rows,
        site_root=request.build_absolute_uri("/"),
    )


def export_actors(job, progress) -> Output:
    """The work of a KIND job: the search run again for its owner, the file written."""
    params = job.params
    search, columns = actors_search(QueryDict(params["query"]), job.owner)
    if not search.is_valid:
        raise JobError(
            _(
                "La recherche exportée n’est plus valide (un filtre désigne une valeur qui "
                "n’existe plus) : relancez l’export depuis l’annuaire."
            )
        )
    progress.set_total(search.actors.count())
    about = _load(params["about"])
    extension = params["extension"]
    handle = spreadsheet_file(
        _counted(exports.rows(search.actors, columns), progress),
        extension,
        title=TITLE,
        about=about,
    )
    return Output(file=handle, file_name=about.file_name(extension))


def _counted(table_rows, progress):
    """The header as it is, then each row counted by `progress`."""
    rows = iter(table_rows)
    yield next(rows)
    yield from progress.track(rows)


def _dump(about: About) -> dict:
    data = asdict(about)
    data["exported_at"] = about.exported_at.isoformat()
    return data


def _load(data: dict) -> About:
    return About(
        subject=data["subject"],
        name=data["name"],
        address=data["address"],
        filters=[Filter(**item) for item in data["filters"]],
        exported_at=datetime.datetime.fromisoformat(data["exported_at"]),
    )
