"""Finding a territory from what a person typed: its key (« 26113 », « 26 », a SIREN,
« R84 »), « Name (key) » or « Name (département) » as the suggestion lists write it, or its
name (accents, case, hyphens and apostrophes ignored), whole or in part. The suggestion lists,
the directory's place filters, the edit forms and the maillage page read territories this way.

Names are compared « folded »: the stored `search_name` (lower case, no accents) with hyphens
and apostrophes as spaces, so « saint jean en royans » is « Saint-Jean-en-Royans »."""

import re

from django.db.models import Case, F, IntegerField, Value, When
from django.db.models.functions import Replace

from actors.models import Territory
from mailleurs.text import normalize

NAME_AND_KEY = re.compile(r"(.+?)\s*\(([^()]+)\)")
MAX_CANDIDATES = 8  # namesakes listed in a message
MAX_TYPED = 200


def fold(text: str) -> str:
    """What a name is compared on: `normalize`, with hyphens and apostrophes as spaces."""
    return " ".join(normalize(text).replace("-", " ").replace("'", " ").split())


def _with_folded_names(territories):
    hyphens_as_spaces = Replace("search_name", Value("-"), Value(" "))
    return territories.annotate(
        folded_name=Replace(hyphens_as_spaces, Value("'"), Value(" "))
    ).select_related("departement")


def place_label(territory: Territory) -> str:
    """« Die (26) » for a commune (namesakes told apart by their département), « Name (key) »
    for the others: what the suggestion lists offer and `resolve_place` reads back."""
    if territory.kind == Territory.Kind.COMMUNE and territory.departement_id:
        return f"{territory.name} ({territory.departement.code})"
    return f"{territory.name} ({territory.key})"


def territories_matching(text: str, queryset=None):
    """Territories whose name holds every typed word, the whole name first, then names that
    start with the text, then the most populated."""
    territories = Territory.objects.all() if queryset is None else queryset
    folded = fold(text)
    rows = _with_folded_names(territories)
    for word in folded.split():
        rows = rows.filter(folded_name__contains=word)
    rank = Case(
        When(folded_name=folded, then=Value(0)),
        When(folded_name__startswith=folded, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    return rows.annotate(rank=rank).order_by(
        "rank", F("population").desc(nulls_last=True), "name", "pk"
    )


def _named(territories, name: str):
    return _with_folded_names(territories).filter(folded_name=fold(name))


def _qualified(territories, name: str, qualifier: str) -> list[Territory]:
    """« Name (key) » or « Name (département code) »."""
    named = _named(territories, name)
    by_key = list(named.filter(key=qualifier)[:1])
    if by_key:
        return by_key
    return list(named.filter(departement__code=qualifier).order_by("pk")[: MAX_CANDIDATES + 1])


def resolve_place(text: str, queryset=None) -> list[Territory]:
    """The territories of `queryset` (all by default) `text` may mean: one when it is clear,
    several for namesakes or a part of several names, none when nothing fits."""
    territories = Territory.objects.all() if queryset is None else queryset
    text = (text or "").strip()[:MAX_TYPED]
    if not text:
        return []
    for key in dict.fromkeys([text, text.upper()]):
        found = territories.filter(key=key).first()
        if found is not None:
            return [found]
    match = NAME_AND_KEY.fullmatch(text)
    if match:
        qualified = _qualified(territories, match.group(1), match.group(2).strip())
        if qualified:
            return qualified
    if not fold(text):
        return []
    named = list(
        _named(territories, text).order_by(F("population").desc(nulls_last=True), "pk")[
            : MAX_CANDIDATES + 1
        ]
    )
    return named or list(territories_matching(text, territories)[: MAX_CANDIDATES + 1])


def find_territory(text: str, queryset=None) -> Territory | None:
    """The one territory of `queryset` (all territories by default) that `text` names."""
    candidates = resolve_place(text, queryset)
    return candidates[0] if len(candidates) == 1 else None
