"""Experience sheets as spreadsheet rows: one row per sheet, linked names joined with " ; ".
The directory's writers (`actors.spreadsheets.exports`) make every cell safe."""

from collections.abc import Iterator

from django.utils.translation import gettext as _

from actors.spreadsheets.formatting import day, joined
from experiences.reading.presentation import involvement_text

BATCH = 200


def headers() -> list[str]:
    return [
        _("Titre"), _("Identifiant"), _("Adresse de la fiche"), _("Résumé"), _("Territoire"),
        _("Code du territoire"), _("Début"), _("Fin"), _("Thèmes"), _("Mode de coopération"),
        _("Acteurs (rôle)"), _("Sphères des acteurs"), _("Dispositifs"), _("Dispositifs locaux"),
        _("Fonctions de la grille mailleur"), _("Le besoin"), _("Comment on s’y est pris"),
        _("Résultats"), _("Leviers"), _("Freins"), _("Pour le refaire ailleurs"), _("Coût"),
        _("Financements"), _("À contacter"), _("Exemple illustratif"), _("État"),
        _("Mise à jour"),
    ]  # fmt: skip


def _spheres(sheet) -> list[str]:
    names: dict[int, str] = {}
    for involvement in sheet.involvements.all():
        for sphere in involvement.actor.spheres.all():
            names.setdefault(sphere.pk, sphere.name)
    return list(names.values())


def row(sheet, *, base_url: str) -> list:
    """Expects the sheet from `selectors.for_export`."""
    return [
        sheet.title, sheet.slug, base_url + sheet.get_absolute_url(), sheet.summary,
        sheet.territory.name, sheet.territory.key,
        sheet.started_on or "", sheet.ended_on or "",
        joined(theme.name for theme in sheet.themes.all()), sheet.get_cooperation_mode_display(),
        joined(involvement_text(i) for i in sheet.involvements.all()), joined(_spheres(sheet)),
        joined(scheme.display_name for scheme in sheet.schemes.all()),
        joined(local.name for local in sheet.local_schemes.all()),
        joined(f"{f.code} {f.title}" for f in sheet.grid_functions.all()),
        sheet.need, sheet.steps, sheet.results, joined(sheet.lever_list),
        joined(sheet.blocker_list), sheet.conditions, sheet.cost, sheet.funding,
        sheet.contact_actor.name if sheet.contact_actor else "",
        _("oui") if sheet.is_illustrative else _("non"), sheet.get_status_display(),
        day(sheet.updated_at),
    ]  # fmt: skip


def rows(sheets, *, base_url: str) -> Iterator[list]:
    """Header, then one row per sheet, read in batches (prefetches included)."""
    yield headers()
    for sheet in sheets.iterator(chunk_size=BATCH):
        yield row(sheet, base_url=base_url)
