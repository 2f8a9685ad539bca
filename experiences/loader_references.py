"""Reading the experience sheets of fixtures/experiences/sheets.json: every reference found
before anything is written (the writing is `experiences.loader`).

Each sheet is matched by its slug: a new slug creates a sheet, a known one is brought back to
what the file says (fields, links to schemes, themes and grid functions, the actors involved,
testimonies and web links); a sheet the file leaves as it is gets no new version and no history
row, so the loader runs again without duplicating anything. Every reference (territory, actor,
scheme, local scheme, theme, sphere, grid function) is checked before anything is written, and an
unknown one stops the load with a message naming the sheet. Sheets are published; images and PDF
documents are not in the file and are left as they are.

Grid functions are named by their code, « <axe>.<fonction> » (« 1.2 » is « Pertinence du
réseau »), in the grid version the file names (`grid_version`): loading that version first
(`load_grid`) is needed to link them; without it the links are skipped with a warning.
"""

from dataclasses import dataclass, field
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from actors.models import Actor, LocalScheme, PublicationStatus, Scheme, Sphere, Territory, Theme
from experiences.models import (
    CooperationMode,
    ExperienceActor,
    Phase,
)
from mailleurs.grid.models import GridFunction, GridVersion

PHASE_ORDER = {code: position for position, code in enumerate(Phase.values)}
LINKS = ("schemes", "local_schemes", "themes", "grid_functions")


class ExperienceDataError(ValueError):
    """The sheets' file is not what the loader can write; the message names the sheet."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[str] = field(default_factory=list)


@dataclass
class SheetData:
    """One sheet of the file with every reference found: what is written."""

    slug: str
    fields: dict
    links: dict
    involvements: list[dict]
    testimonies: list[dict]
    web_links: list[dict]


def _markdown(value) -> str:
    """A text as given, or a list of items as a Markdown list."""
    if isinstance(value, list):
        return "\n".join(f"- {item.strip()}" for item in value)
    return (value or "").strip()


def _lines(value) -> str:
    """One item a line (levers, blockers)."""
    if isinstance(value, list):
        return "\n".join(item.strip() for item in value)
    return (value or "").strip()


class _References:
    """Everything the file names, fetched once, and the problems found while resolving it."""

    def __init__(self, entries: list[dict], grid_version: int | None):
        def named(key):
            return {entry.get(key) for entry in entries if entry.get(key)}

        def listed(key, inner=None):
            found = set()
            for entry in entries:
                for item in entry.get(key, []):
                    found.add(item.get(inner) if inner else item)
            return found - {None, ""}

        actor_slugs = listed("actors", "actor") | named("contact")
        self.actors = {a.slug: a for a in Actor.objects.filter(slug__in=actor_slugs)}
        self.territories = {t.key: t for t in Territory.objects.filter(key__in=named("territory"))}
        self.schemes = {s.slug: s for s in Scheme.objects.filter(slug__in=listed("schemes"))}
        self.local_schemes = {
            s.slug: s for s in LocalScheme.objects.filter(slug__in=listed("local_schemes"))
        }
        self.themes = {t.slug: t for t in Theme.objects.filter(slug__in=listed("themes"))}
        self.spheres = {
            s.slug: s for s in Sphere.objects.filter(slug__in=listed("testimonies", "sphere"))
        }
        self.grid_version = grid_version
        self.grid_loaded = (
            grid_version is not None and GridVersion.objects.filter(number=grid_version).exists()
        )
        self.grid_functions = {}
        if self.grid_loaded:
            functions = GridFunction.objects.filter(axis__version__number=grid_version)
            self.grid_functions = {f.code: f for f in functions.select_related("axis")}
        self.problems: list[str] = []

    def problem(self, slug: str, message: str) -> None:
        self.problems.append(f"fiche « {slug} » : {message}")

    def many(self, slug: str, entry: dict, key: str, found: dict, unknown: str) -> list:
        """The objects `entry[key]` names; `unknown` says what a missing one is."""
        items = []
        for name in entry.get(key, []):
            if name in found:
                items.append(found[name])
            else:
                self.problem(slug, f"{unknown} « {name} »")
        return items


def _date(refs: _References, slug: str, entry: dict, key: str) -> date | None:
    value = entry.get(key)
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        refs.problem(slug, f"date illisible « {value} » ({key}, attendu AAAA-MM-JJ)")
        return None


def _involvements(refs: _References, slug: str, entry: dict) -> list[dict]:
    rows, seen = [], set()
    for position, row in enumerate(entry.get("actors", [])):
        actor = refs.actors.get(row.get("actor"))
        if actor is None:
            refs.problem(slug, f"acteur inconnu « {row.get('actor')} »")
            continue
        if actor.slug in seen:
            refs.problem(slug, f"acteur nommé deux fois « {actor.slug} »")
        seen.add(actor.slug)
        if row.get("role") not in ExperienceActor.Role.values:
            refs.problem(slug, f"rôle inconnu « {row.get('role')} » pour « {actor.slug} »")
        phases = row.get("phases", [])
        for code in phases:
            if code not in PHASE_ORDER:
                refs.problem(slug, f"phase inconnue « {code} » pour « {actor.slug} »")
        rows.append(
            {
                "actor": actor,
                "role": row.get("role"),
                "phases": sorted(set(phases), key=lambda code: PHASE_ORDER.get(code, 99)),
                "note": row.get("note", ""),
                "position": position,
            }
        )
    return rows


def _testimonies(refs: _References, slug: str, entry: dict) -> list[dict]:
    rows = []
    for position, row in enumerate(entry.get("testimonies", [])):
        sphere = None
        if row.get("sphere"):
            sphere = refs.spheres.get(row["sphere"])
            if sphere is None:
                refs.problem(slug, f"sphère inconnue « {row['sphere']} »")
        name, consent = row.get("speaker_name", ""), bool(row.get("name_consent", False))
        if name and not consent:
            refs.problem(slug, "un témoignage nomme une personne sans son accord")
        if not row.get("quote", "").strip() or not row.get("speaker_role", "").strip():
            refs.problem(slug, "un témoignage sans citation ou sans « qui parle »")
        rows.append(
            {
                "quote": row.get("quote", "").strip(),
                "speaker_role": row.get("speaker_role", "").strip(),
                "sphere": sphere,
                "speaker_name": name,
                "name_consent": consent,
                "position": position,
            }
        )
    return rows


def _web_links(refs: _References, slug: str, entry: dict) -> list[dict]:
    rows, check = [], URLValidator(schemes=["https", "http"])
    for position, row in enumerate(entry.get("links", [])):
        try:
            check(row.get("url", ""))
        except ValidationError:
            refs.problem(slug, f"adresse de lien invalide « {row.get('url', '')} »")
        rows.append(
            {
                "url": row.get("url", ""),
                "title": row.get("title", "").strip(),
                "is_video": bool(row.get("is_video", False)),
                "position": position,
            }
        )
    return rows


def _grid_functions(refs: _References, slug: str, entry: dict) -> list:
    if not refs.grid_loaded:
        return []
    unknown = "fonction de la grille inconnue"
    return refs.many(slug, entry, "grid_functions", refs.grid_functions, unknown)


def _resolve(refs: _References, entry: dict) -> SheetData:
    slug = entry.get("slug", "")
    for key in ("title", "summary", "territory", "cooperation_mode"):
        if not entry.get(key):
            refs.problem(slug, f"« {key} » manque")
    territory = refs.territories.get(entry.get("territory"))
    if entry.get("territory") and territory is None:
        refs.problem(slug, f"territoire inconnu « {entry['territory']} »")
    mode = entry.get("cooperation_mode")
    if mode and mode not in CooperationMode.values:
        refs.problem(slug, f"mode de coopération inconnu « {mode} »")
    contact = None
    if entry.get("contact"):
        contact = refs.actors.get(entry["contact"])
        if contact is None:
            refs.problem(slug, f"acteur à contacter inconnu « {entry['contact']} »")
    started_on = _date(refs, slug, entry, "started_on")
    ended_on = _date(refs, slug, entry, "ended_on")
    if started_on and ended_on and ended_on < started_on:
        refs.problem(slug, "la fin précède le début")
    fields = {
        "title": entry.get("title", "").strip(),
        "summary": entry.get("summary", "").strip(),
        "territory": territory,
        "started_on": started_on,
        "ended_on": ended_on,
        "need": _markdown(entry.get("need")),
        "steps": _markdown(entry.get("steps")),
        "results": _markdown(entry.get("results")),
        "levers": _lines(entry.get("levers")),
        "blockers": _lines(entry.get("blockers")),
        "conditions": _markdown(entry.get("conditions")),
        "cost": entry.get("cost", "").strip(),
        "funding": entry.get("funding", "").strip(),
        "cooperation_mode": mode,
        "contact_actor": contact,
        "is_illustrative": bool(entry.get("is_illustrative", False)),
        "status": PublicationStatus.PUBLISHED,
    }
    links = {
        "schemes": refs.many(slug, entry, "schemes", refs.schemes, "dispositif inconnu"),
        "local_schemes": refs.many(
            slug, entry, "local_schemes", refs.local_schemes, "dispositif local inconnu"
        ),
        "themes": refs.many(slug, entry, "themes", refs.themes, "thème inconnu"),
        "grid_functions": _grid_functions(refs, slug, entry),
    }
    return SheetData(
        slug=slug,
        fields=fields,
        links=links,
        involvements=_involvements(refs, slug, entry),
        testimonies=_testimonies(refs, slug, entry),
        web_links=_web_links(refs, slug, entry),
    )


def resolve_all(data: dict) -> tuple[list[SheetData], list[str]]:
    entries = data.get("sheets")
    if not isinstance(entries, list):
        raise ExperienceDataError("le fichier n’a pas de liste « sheets »")
    refs = _References(entries, data.get("grid_version"))
    warnings = []
    with_grid = any(entry.get("grid_functions") for entry in entries)
    if with_grid and refs.grid_version is None:
        raise ExperienceDataError(
            "des fiches nomment des fonctions de la grille sans « grid_version »"
        )
    if with_grid and not refs.grid_loaded:
        warnings.append(
            f"la grille version {refs.grid_version} n’est pas chargée (manage.py load_grid) : "
            "les fiches sont chargées sans leurs fonctions de la grille."
        )
    slugs = [entry.get("slug", "") for entry in entries]
    for slug in slugs:
        if not slug:
            refs.problems.append("une fiche sans « slug »")
        elif slugs.count(slug) > 1:
            refs.problems.append(f"fiche « {slug} » : deux fiches ont ce slug")
    sheets = [_resolve(refs, entry) for entry in entries]
    if refs.problems:
        raise ExperienceDataError("\n".join(dict.fromkeys(refs.problems)))
    return sheets, warnings
