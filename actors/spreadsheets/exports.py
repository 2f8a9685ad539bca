"""Spreadsheet exports of a directory search: the same filters as /acteurs/, French headers,
multi-valued cells joined with " ; ", formulas neutralised, constant memory for large lists."""

import csv
import io
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from actors.models import Actor, Contact, PublicationStatus

SEPARATOR = " ; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
CHUNK = 2000

PUBLIC, MEMBERS, STAFF = 0, 1, 2


def audience_of(user) -> int:
    if user.has_perm("actors.export_all_columns"):
        return STAFF
    if user.has_perm("actors.view_member_contacts"):
        return MEMBERS
    return PUBLIC


def neutralise(value) -> str:
    """A cell a spreadsheet will show as text, never run: formulas get a leading apostrophe."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _joined(items) -> str:
    return SEPARATOR.join(str(item) for item in items)


def _date(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


PROFESSION_PREFIX = "métier : "


def contact_text(name, role, profession, email, phone) -> str:
    """« Nom / fonction / métier : … / courriel / téléphone », empty parts left out. The prefix
    tells the métier from a fonction that bears the same words, so the import reads it back."""
    profession = f"{PROFESSION_PREFIX}{profession}" if profession else ""
    return " / ".join(part for part in (name, role, profession, email, phone) if part)


def _contacts(record: dict, visibility: str) -> str:
    return _joined(
        contact_text(*contact[:-1]) for contact in record["contacts"] if contact[-1] == visibility
    )


@dataclass(frozen=True)
class Column:
    header: str
    value: Callable
    audience: int = PUBLIC


# Each value reads a plain dict (see `_records`): no model instance per row, so 100,000 rows
# export in seconds rather than minutes.
COLUMNS = [
    Column(_("Nom"), lambda r: r["name"]),
    Column(_("Sigle"), lambda r: r["acronym"]),
    Column(_("Identifiant"), lambda r: r["slug"]),
    Column(_("Type"), lambda r: r["actor_type__name"]),
    Column(_("Sphères"), lambda r: _joined(r["spheres"])),
    Column(_("En une phrase"), lambda r: r["pitch"]),
    Column(_("Missions"), lambda r: r["missions"]),
    Column(_("Thèmes"), lambda r: _joined(r["themes"])),
    Column(_("Compétences"), lambda r: _joined(r["competences"])),
    Column(_("Adresse"), lambda r: r["address"]),
    Column(_("Code postal"), lambda r: r["postcode"]),
    Column(_("Code INSEE"), lambda r: r["commune__key"]),
    Column(_("Commune"), lambda r: r["commune__name"]),
    Column(_("Latitude"), lambda r: r["latitude"]),
    Column(_("Longitude"), lambda r: r["longitude"]),
    Column(_("Territoires d’intervention"), lambda r: _joined(r["territories"])),
    Column(_("Site web"), lambda r: r["website"]),
    Column(_("Courriel"), lambda r: r["email"]),
    Column(_("Téléphone"), lambda r: r["phone"]),
    Column(_("SIRET"), lambda r: r["siret"]),
    Column(_("Mise à jour"), lambda r: _date(r["updated_at"])),
    Column(_("Contacts publics"), lambda r: _contacts(r, Contact.Visibility.PUBLIC)),
    Column(
        _("Contacts réservés aux membres"),
        lambda r: _contacts(r, Contact.Visibility.MEMBERS),
        MEMBERS,
    ),
    Column(_("Présentation"), lambda r: r["description"], STAFF),
    Column(_("Statut"), lambda r: STATUS_LABELS.get(r["status"], r["status"]), STAFF),
    Column(_("Fiche fictive"), lambda r: "oui" if r["is_fictional"] else "non", STAFF),
    Column(_("Vérifiée le"), lambda r: _date(r["last_checked_at"]), STAFF),
]
STATUS_LABELS = dict(PublicationStatus.choices)
FIELDS = [
    "pk", "name", "acronym", "slug", "actor_type__name", "pitch", "missions", "address",
    "postcode", "commune__key", "commune__name", "latitude", "longitude", "website", "email",
    "phone", "siret", "updated_at", "description", "status", "is_fictional", "last_checked_at",
]  # fmt: skip


def columns_for(audience: int) -> list[Column]:
    return [column for column in COLUMNS if column.audience <= audience]


def _linked(ids: list[int]) -> dict[str, dict[int, list]]:
    """The names linked to a batch of actors: four queries for the whole batch."""
    linked: dict[str, dict[int, list]] = {
        "spheres": {}, "themes": {}, "competences": {}, "territories": {}, "contacts": {},
    }  # fmt: skip
    queries = {
        "spheres": Actor.spheres.through.objects.values_list("actor_id", "sphere__name"),
        "themes": Actor.themes.through.objects.values_list("actor_id", "theme__name"),
        "competences": Actor.competences.through.objects.values_list(
            "actor_id", "competence__name"
        ),
    }
    for name, query in queries.items():
        for actor_id, value in query.filter(actor_id__in=ids).order_by(query.model._meta.pk.name):
            linked[name].setdefault(actor_id, []).append(value)
    territories = Actor.intervention_territories.through.objects.filter(actor_id__in=ids)
    for actor_id, key, name in territories.values_list(
        "actor_id", "territory__key", "territory__name"
    ).order_by("id"):
        linked["territories"].setdefault(actor_id, []).append(f"{key} {name}")
    contacts = Contact.objects.filter(actor_id__in=ids).order_by("position", "name", "pk")
    for row in contacts.values_list(
        "actor_id", "name", "role", "profession__name", "email", "phone", "visibility"
    ):
        linked["contacts"].setdefault(row[0], []).append(row[1:])
    return linked


def _records(actors) -> Iterator[dict]:
    batch: list[dict] = []
    for record in actors.values(*FIELDS).iterator(chunk_size=CHUNK):
        batch.append(record)
        if len(batch) == CHUNK:
            yield from _with_links(batch)
            batch = []
    yield from _with_links(batch)


def _with_links(batch: list[dict]) -> Iterator[dict]:
    if not batch:
        return
    linked = _linked([record["pk"] for record in batch])
    for record in batch:
        for name, values in linked.items():
            record[name] = values.get(record["pk"], [])
        yield record


def rows(actors, columns: list[Column]) -> Iterator[list[str]]:
    """Header, then one row per actor, read in batches so memory stays flat."""
    yield [str(column.header) for column in columns]
    for record in _records(actors):
        yield [neutralise(column.value(record)) for column in columns]


class _Echo:
    def write(self, value):
        return value


def csv_lines(actors, columns) -> Iterator[str]:
    return csv_of(rows(actors, columns))


def csv_of(table_rows) -> Iterator[str]:
    """UTF-8 with BOM and ";" so that Excel in French opens it right away."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in table_rows:
        yield writer.writerow(row)


def xlsx_file(actors, columns):
    return xlsx_of(rows(actors, columns), title="Acteurs")


def xlsx_of(table_rows, *, title: str):
    """An XLSX written row by row (openpyxl's write-only mode) into a temporary file."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(title=title)
    for row in table_rows:
        sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent
    workbook.save(handle)
    handle.seek(0)
    return handle


def ods_of(table_rows) -> bytes:
    """ODS has no streaming writer: built in memory (tablib), fine for the sizes people open
    in LibreOffice; CSV and XLSX are the formats for very large lists."""
    import tablib

    data = tablib.Dataset()
    generated = iter(table_rows)
    data.headers = next(generated)
    for row in generated:
        data.append(row)
    buffer = io.BytesIO(data.export("ods"))
    return buffer.getvalue()
