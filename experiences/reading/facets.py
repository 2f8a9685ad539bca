"""Facet counts of the sheet list: for each filter, how many sheets each value would give.

A facet whose values add up (themes, schemes, modes, grid functions: a sheet matches any value
ticked) is counted without its own filter, so its other values keep their counts; spheres are
a mix (every sphere ticked must be among the actors), so they count within the current list.
All facets come back in one statement: the (facet, sheet, value) pairs of the matching sheets,
counted here. Sheets are few (hundreds), their links a few thousand at most.
"""

from dataclasses import dataclass

from django.db.models import CharField, F, Value
from django.db.models.functions import Cast

from actors.models import Scheme, Sphere, Theme
from experiences.models import CooperationMode, Experience, ExperienceActor
from mailleurs.grid.models import GridFunction

ADDING_UP = ("theme", "dispositif", "cooperation", "fonction")


@dataclass
class FacetValue:
    value: str  # as the query string writes it
    label: str
    count: int
    selected: bool


def _pairs(facet: str, sheets):
    """(facet, sheet id, value as text) for the sheets of `sheets`."""
    ids = sheets.order_by().values("pk")
    name = Value(facet, output_field=CharField())

    def rows(queryset, sheet, value):
        return (
            queryset.filter(**{f"{sheet}__in": ids})
            .order_by()
            .values_list(name, sheet, Cast(value, output_field=CharField()))
        )

    if facet == "theme":
        return [rows(Experience.themes.through.objects, "experience_id", "theme_id")]
    if facet == "fonction":
        return [rows(Experience.grid_functions.through.objects, "experience_id", "gridfunction_id")]
    if facet == "cooperation":
        return [rows(Experience.objects, "pk", "cooperation_mode")]
    if facet == "sphere":
        return [rows(ExperienceActor.objects, "experience_id", F("actor__spheres"))]
    local = Experience.local_schemes.through.objects
    return [
        rows(Experience.schemes.through.objects, "experience_id", "scheme_id"),
        rows(local, "experience_id", F("localscheme__scheme_id")),
    ]


def count_values(filterset) -> dict[str, dict[str, int]]:
    """{facet: {value: number of sheets}} for a valid filterset, in one query."""
    base = filterset.queryset
    parts = []
    for facet in (*ADDING_UP, "sphere"):
        without = facet if facet in ADDING_UP else ""
        parts += _pairs(facet, filterset.filter_queryset(base.all(), without=without))
    first, *others = parts
    sheets: dict[str, dict[str, set]] = {}
    for facet, sheet, value in first.union(*others, all=True):
        if value is None:  # an actor without a sphere
            continue
        sheets.setdefault(facet, {}).setdefault(value, set()).add(sheet)
    return {
        facet: {value: len(ids) for value, ids in values.items()}
        for facet, values in sheets.items()
    }


# facet → (vocabulary, the value the query string writes)
VOCABULARIES = {
    "theme": (Theme, "slug"),
    "sphere": (Sphere, "slug"),
    "dispositif": (Scheme, "slug"),
    "fonction": (GridFunction, "pk"),
}


def _label(row) -> str:
    if isinstance(row, GridFunction):
        return f"{row.code} {row.title}"
    return row.display_name if isinstance(row, Scheme) else row.name


def facet_values(filterset) -> dict[str, list[FacetValue]]:
    """{facet: [FacetValue]}: the values some sheet has, and those ticked, in each
    vocabulary's order. One query for the counts, one per vocabulary in use."""
    counts = count_values(filterset)
    chosen = filterset.form.cleaned_data
    facets: dict[str, list[FacetValue]] = {}
    for facet, (model, key) in VOCABULARIES.items():
        counted = counts.get(facet, {})
        ticked = {row.pk for row in chosen.get(facet) or ()}
        ids = ticked | {int(pk) for pk in counted}
        rows = model.objects.filter(pk__in=ids) if ids else model.objects.none()
        if model is GridFunction:
            rows = rows.select_related("axis")
        facets[facet] = [
            FacetValue(str(getattr(row, key)), _label(row), counted.get(str(row.pk), 0),
                       row.pk in ticked)
            for row in rows
        ]  # fmt: skip
    counted = counts.get("cooperation", {})
    ticked_modes = set(chosen.get("cooperation") or ())
    facets["cooperation"] = [
        FacetValue(code, str(label), counted.get(code, 0), code in ticked_modes)
        for code, label in CooperationMode.choices
        if code in counted or code in ticked_modes
    ]
    return facets
