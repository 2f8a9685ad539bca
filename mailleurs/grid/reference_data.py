"""Idempotent loading of a grid version from fixtures/grid/grid-v<n>.json.

Every row is matched by its natural key (version number; axis, function and criterion numbers,
given by their order in the file; testimonies by their order), so loading twice changes
nothing and a wording fix updates the database in place. A criterion is never deleted here:
answers rest on it (staff remove criteria by publishing a new version)."""

from datetime import date, datetime, time

from django.db import transaction
from django.utils import timezone

# The directory's loader matches rows by natural key the same way: one upsert for both.
from actors.reference_data.loader import _count, _upsert
from mailleurs.grid.choices import Speaker
from mailleurs.grid.models import (
    Axis,
    Criterion,
    CriterionMapping,
    GridFunction,
    GridVersion,
    Testimony,
)


class GridDataError(Exception):
    """The file says something the grid cannot hold; the message says what, in French."""


def _published_at(value):
    if not value:
        return None
    day = date.fromisoformat(value)
    return timezone.make_aware(datetime.combine(day, time(9, 0)))


@transaction.atomic
def load_grid_version(data: dict) -> dict:
    counts: dict = {}
    version, outcome = _upsert(
        GridVersion,
        {"number": data["number"]},
        {
            "title": data["title"],
            "notes": data.get("notes", ""),
            "source": data.get("source", ""),
            "published_at": _published_at(data.get("published_at")),
        },
    )
    _count(counts, "versions", outcome)
    for axis_number, axis_row in enumerate(data["axes"], start=1):
        axis, outcome = _upsert(
            Axis,
            {"version": version, "number": axis_number},
            {
                "title": axis_row["title"],
                "scope": axis_row.get("scope", ""),
                "description": axis_row.get("description", ""),
            },
        )
        _count(counts, "axes", outcome)
        for number, function_row in enumerate(axis_row["functions"], start=1):
            _load_function(axis, number, function_row, counts)
    _load_mapping(version, data.get("mapping"), counts)
    return counts


def _load_function(axis: Axis, number: int, row: dict, counts: dict) -> None:
    function, outcome = _upsert(
        GridFunction,
        {"axis": axis, "number": number},
        {"title": row["title"], "description": row.get("description", "")},
    )
    _count(counts, "fonctions", outcome)
    for criterion_number, criterion_row in enumerate(row["criteria"], start=1):
        values = {
            "title": criterion_row["title"],
            "help_text": criterion_row.get("help", ""),
            "indicators": "\n".join(criterion_row.get("indicators", [])),
            "version": axis.version,
        }
        lookup = {"function": function, "number": criterion_number}
        _count(counts, "critères", _upsert(Criterion, lookup, values)[1])
    speakers = set(Speaker.values)
    kept = []
    for position, testimony_row in enumerate(row.get("testimonies", [])):
        if testimony_row["speaker"] not in speakers:
            raise GridDataError(f"Témoignage : rôle inconnu « {testimony_row['speaker']} »")
        testimony, outcome = _upsert(
            Testimony,
            {"function": function, "position": position},
            {"speaker": testimony_row["speaker"], "text": testimony_row["text"]},
        )
        kept.append(testimony.pk)
        _count(counts, "témoignages", outcome)
    function.testimonies.exclude(pk__in=kept).delete()


def _load_mapping(version: GridVersion, mapping: dict | None, counts: dict) -> None:
    """`{"from_version": 1, "pairs": [["1.1.1", "1.1.1"], …]}`: older criterion → this one's."""
    if not mapping:
        return
    older = {c.code: c for c in _criteria_of(mapping["from_version"])}
    newer = {c.code: c for c in _criteria_of(version.number)}
    for source_code, target_code in mapping["pairs"]:
        if source_code not in older or target_code not in newer:
            raise GridDataError(f"Correspondance inconnue : {source_code} → {target_code}")
        _, created = CriterionMapping.objects.get_or_create(
            source=older[source_code], target=newer[target_code]
        )
        _count(counts, "correspondances", "created" if created else "unchanged")


def _criteria_of(number: int) -> list[Criterion]:
    criteria = list(
        Criterion.objects.filter(version__number=number).select_related("function__axis")
    )
    if not criteria:
        raise GridDataError(f"Version {number} de la grille introuvable")
    return criteria
