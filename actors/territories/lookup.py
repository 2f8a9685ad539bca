"""Finding a territory from what a person typed: its key (« 26113 », « 26 », a SIREN,
« R84 »), « Name (key) » as the suggestion lists write it, or its name when only one territory
bears it. The edit forms and the maillage page read territories this way."""

import re

from actors.models import Territory
from mailleurs.text import normalize

NAME_AND_KEY = re.compile(r"(.+?)\s*\(([^()]+)\)")


def find_territory(text: str, queryset=None) -> Territory | None:
    """The one territory of `queryset` (all territories by default) that `text` names."""
    territories = Territory.objects.all() if queryset is None else queryset
    text = text.strip()
    if not text:
        return None
    match = NAME_AND_KEY.fullmatch(text)
    for key in [match.group(2).strip(), text] if match else [text]:
        found = territories.filter(key=key).first()
        if found is not None:
            return found
    name = match.group(1) if match else text
    named = list(territories.filter(search_name=normalize(name))[:2])
    return named[0] if len(named) == 1 else None
