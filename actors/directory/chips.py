"""The directory's active filters as chips: one per value, each with the link removing it."""

from dataclasses import dataclass

from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

# Parameters a chip removes along with its own (the radius means nothing without « autour »).
REMOVED_WITH = {"autour": ["rayon"]}


@dataclass(frozen=True)
class Chip:
    label: str  # « Thème »
    value: str  # « Mobilité »
    remove_query: str  # the query string without this value


def _without(data: QueryDict, name: str, value: str) -> str:
    kept = data.copy()
    kept.setlist(name, [v for v in data.getlist(name) if v != value])
    for other in ["page", *REMOVED_WITH.get(name, [])]:
        kept.pop(other, None)
    return kept.urlencode()


def active_chips(data: QueryDict, filterset, facets) -> list[Chip]:
    """Chips for a valid search: the text, the place and every ticked value, in form order.
    `facets` is {name: [(value, count, selected)]} as the directory counts them."""
    form = filterset.form
    cleaned = form.cleaned_data
    chips = []
    if cleaned.get("q"):
        chips.append(Chip(str(_("Recherche")), cleaned["q"], _without(data, "q", data["q"])))
    for name in ("territoire", "autour"):
        place = cleaned.get(name)
        if place is not None:
            shown = place.name
            if name == "autour":
                shown = f"{place.name} ({filterset.radius_km:g} km)"
            chips.append(Chip(str(form[name].label), shown, _without(data, name, data[name])))
    for name, values in facets.items():
        label = str(form[name].label)
        for value, _count, selected in values:
            if selected:
                chips.append(Chip(label, value.name, _without(data, name, value.slug)))
    for local in cleaned.get("dispositif_local") or []:
        label = str(form["dispositif_local"].label)
        chips.append(Chip(label, str(local), _without(data, "dispositif_local", local.slug)))
    return chips
