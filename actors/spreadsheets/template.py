"""The import templates: headers and an example row on the first sheet, with a drop-down list on
each vocabulary column (`drop_downs`), and on a second sheet each column's meaning, whether it
is required and the values it allows (see `columns`). The vocabularies' names are the
moderators' words: every row goes through `formatting.safe_row`."""

import tempfile

from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from actors.models import ActorType, PublicationStatus, Territory, Theme
from actors.spreadsheets.columns import SHEETS, Sheet
from actors.spreadsheets.drop_downs import add_drop_downs
from actors.spreadsheets.formatting import SEPARATOR, safe_row

HELP_WIDTHS = (28, 60, 18, 90)


def _example_actor() -> dict[str, str]:
    actor_type = ActorType.objects.select_related("sphere").order_by("position", "name").first()
    commune = Territory.objects.filter(kind=Territory.Kind.COMMUNE, key="26113").first() or (
        Territory.objects.filter(kind=Territory.Kind.COMMUNE).order_by("key").first()
    )
    theme_names = list(
        Theme.objects.order_by("position", "name").values_list("name", flat=True)[:2]
    )
    return {
        "name": _("Maison des projets du Val (exemple à remplacer)"),
        "actor_type": actor_type.name if actor_type else "",
        "spheres": actor_type.sphere.name if actor_type and actor_type.sphere_id else "",
        "pitch": _("Accueille les habitants et accompagne leurs projets collectifs."),
        "themes": SEPARATOR.join(theme_names),
        "commune": commune.key if commune else "",
        "commune_name": commune.name if commune else "",
        "contacts_public": _("Accueil / Chargée d’accueil / accueil@example.org / 04 75 00 00 00"),
        "status": str(PublicationStatus.PUBLISHED.label),
        "is_fictional": _("oui"),
        "last_checked_at": "21/11/2026",
    }


# The example row of each template, by column key: an empty cell for the other columns.
EXAMPLES = {
    "acteurs": _example_actor,
    "relations": lambda: {
        "source": "exemple-acteur", "kind": "Partenariat", "target": "exemple-acteur-lie",
        "since": "2021",
    },
    "participations": lambda: {
        "local_scheme": "exemple-dispositif-local", "actor": "exemple-acteur",
        "role": "Partenaire",
    },
}  # fmt: skip


def workbook(kind: str):
    sheet = SHEETS[kind]
    book = Workbook()
    _fill_data_sheet(book.active, sheet, EXAMPLES[kind]())
    _fill_help_sheet(book.create_sheet(_("Colonnes")), sheet)
    add_drop_downs(book, book.active, sheet.template_columns())
    handle = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent
    book.save(handle)
    handle.seek(0)
    return handle


def _fill_data_sheet(data, sheet: Sheet, example: dict[str, str]) -> None:
    """Headers in bold, frozen above an example row."""
    columns = sheet.template_columns()
    data.title = sheet.kind.capitalize()
    data.append(safe_row(column.header for column in columns))
    data.append(safe_row(example.get(column.key, "") for column in columns))
    for cell in data[1]:
        cell.font = Font(bold=True)
    data.freeze_panes = "A2"


def _fill_help_sheet(help_sheet, sheet: Sheet) -> None:
    """One row per column, then how a file is read."""
    rows = [[_("Colonne"), _("Signification"), _("Obligatoire"), _("Valeurs permises")]]
    rows += [
        [column.header, column.meaning, column.required, column.allowed_values()]
        for column in sheet.template_columns()
    ]
    rows += [
        [],
        [
            _(
                "Une colonne absente ne change rien ; une cellule vide efface la valeur. Les "
                "valeurs des listes sont reconnues sans tenir compte des majuscules ni des "
                "accents. Les formules sont refusées."
            )
        ],
    ]
    for row in rows:
        help_sheet.append(safe_row(row))
    for cell in help_sheet[1]:
        cell.font = Font(bold=True)
    for letter, width in zip("ABCD", HELP_WIDTHS, strict=True):
        help_sheet.column_dimensions[letter].width = width
    for row in help_sheet.iter_rows(min_row=2):
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")
