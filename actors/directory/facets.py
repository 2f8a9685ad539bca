"""Facet counts: for each filter, how many actors each value would give with the other filters
of the current search. Cached until any write to the directory bumps the cache generation
(briefly for members, who also see their own fiches in review: see `page_cache`)."""

from dataclasses import dataclass

from django.core.exceptions import EmptyResultSet
from django.db import connection

from actors import policies
from actors.cache import cached, current_generation, digest, generation_key
from actors.directory.facet_keys import PUBLIC_PROFESSION, split_key
from actors.directory.page_cache import cache_seconds
from actors.models import Actor, ActorType, Competence, Profession, Scheme, Sphere, Theme

# name → the vocabulary its values come from (its key in `facet_keys` is the same name)
FACETS = {
    "sphere": Sphere,
    "type": ActorType,
    "theme": Theme,
    "competence": Competence,
    "profession": Profession,
    "dispositif": Scheme,
}
IGNORED_PARAMETERS = {"page", "tri", "vue"}


def _cache_key(data, visibility: str) -> str:
    items = sorted(
        (key, value)
        for key in data
        if key not in IGNORED_PARAMETERS
        for value in data.getlist(key)
        if value
    )
    return generation_key("facets", digest(items, visibility))


def _keys_counted(base: str) -> str:
    """SELECT base, key, count over the facet keys of the actors of the CTE `base`."""
    if connection.vendor == "postgresql":
        keys = f"{base} b CROSS JOIN LATERAL jsonb_array_elements_text(b.facet_keys) AS k(value)"
    else:
        keys = f"{base} b, json_each(b.facet_keys) AS k"
    return f"SELECT '{base}', k.value, COUNT(*) FROM {keys} GROUP BY k.value"


def _count_all(filterset_class, data, base_queryset, request) -> dict[str, dict[int, int]]:
    """Every facet in one statement, from each matching actor's `facet_keys`. A facet with
    selected values is counted without its own filter (so its other values stay visible);
    the others share the search's actors."""
    bases: dict[str, str] = {}
    ctes, params = [], []

    def base_for(key: str, query_data) -> str:
        if key not in bases:
            filterset = filterset_class(query_data, queryset=base_queryset, request=request)
            qs = filterset.qs.order_by().values("facet_keys")
            try:
                sql, sql_params = qs.query.sql_with_params()
            except EmptyResultSet:  # a search that cannot match anything
                sql, sql_params = f"SELECT facet_keys FROM {Actor._meta.db_table} WHERE 1 = 0", ()
            name = f"base_{len(bases)}"
            ctes.append(f"{name} AS ({sql})")
            params.extend(sql_params)
            bases[key] = name
        return bases[key]

    base_of = {}
    for facet in FACETS:
        if data.getlist(facet):
            others = data.copy()
            others.pop(facet)
            base_of[facet] = base_for(facet, others)
        else:
            base_of[facet] = base_for("", data)
    # Métiers count the contacts the user may see (policies.contacts_visible_to), no more.
    public_only = not policies.can_see_member_contacts(request.user)
    key_facet = {"profession": None, PUBLIC_PROFESSION: None}
    key_facet[PUBLIC_PROFESSION if public_only else "profession"] = "profession"
    found: dict[tuple[str, str], dict[int, int]] = {}
    statement = " UNION ALL ".join(_keys_counted(base) for base in dict.fromkeys(bases.values()))
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} {statement}", params)
        for base, text, count in cursor.fetchall():
            if (parsed := split_key(text)) is not None:
                facet, value = parsed
                found.setdefault((base, key_facet.get(facet, facet)), {})[value] = count
    return {facet: found.get((base_of[facet], facet), {}) for facet in FACETS}


def _cached_counts(filterset_class, data, *, base_queryset, request, visibility: str):
    return cached(
        _cache_key(data, visibility),
        lambda: _count_all(filterset_class, data, base_queryset, request),
        seconds=cache_seconds(visibility),
    )


def matching_total(filterset_class, data, *, base_queryset, request, visibility: str):
    """How many actors the search finds, read from the type facet's counts (each actor has
    exactly one type) instead of counting the matches again; None when a type is ticked, since
    that facet is then counted without its own filter."""
    if data.getlist("type"):
        return None
    counts = _cached_counts(
        filterset_class, data, base_queryset=base_queryset, request=request, visibility=visibility
    )
    return sum(counts["type"].values())


def facet_counts(filterset_class, data, *, base_queryset, request, visibility: str, values=None):
    """{facet: [(value, count, selected)]}, values with a zero count left out."""
    counts = _cached_counts(
        filterset_class, data, base_queryset=base_queryset, request=request, visibility=visibility
    )
    return listed_counts(counts, data, values)


@dataclass(frozen=True)
class _VocabularyMemo:
    generation: int
    stamp: str | None
    values: dict[str, list]


_vocabulary_memo = _VocabularyMemo(generation=-1, stamp=None, values={})


def facet_values() -> dict[str, list]:
    """Every value of each facet in its display order (a few dozen rows per vocabulary), kept
    in the process. Any write to the directory moves the generation, a fiche's as much as a
    vocabulary's: the values are then read again only if their rows changed (`_stamp`), not
    after every fiche saved. Reading the six vocabularies cost a page 4 to 8 ms."""
    global _vocabulary_memo
    memo, generation = _vocabulary_memo, current_generation()
    if memo.generation == generation:
        return memo.values
    stamp = _stamp()
    values = memo.values
    if stamp is None or stamp != memo.stamp:
        values = {facet: list(model.objects.all()) for facet, model in FACETS.items()}
    _vocabulary_memo = _VocabularyMemo(generation=generation, stamp=stamp, values=values)
    return values


def _stamp() -> str | None:
    """A digest of every row of the six vocabularies (PostgreSQL: one statement, under a
    millisecond); None on SQLite, which reads them again."""
    if connection.vendor != "postgresql":
        return None
    quote = connection.ops.quote_name
    rows = ", ".join(
        f"coalesce((SELECT string_agg(t::text, ',' ORDER BY t.id) FROM {quote(table)} t), '')"
        for table in (model._meta.db_table for model in FACETS.values())
    )
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT md5(concat_ws('|', {rows}))")
        return cursor.fetchone()[0]


def filed_under(actor, values=None, facets=FACETS) -> dict[str, list]:
    """{facet: the values `actor` is filed under, in display order}, read from its
    `facet_keys` (no query per link table; "profession" counts its contacts' jobs)."""
    return values_under(actor.facet_keys, values, facets)


def values_under(facet_keys, values=None, facets=FACETS) -> dict[str, list]:
    """`filed_under` for a fiche read as a plain row: its `facet_keys` list alone."""
    # The fiche's ids per facet, each found in an index of the values by id, then put back in
    # display order: going through the 150 values for each of a page's 40 calls cost a
    # millisecond or two a page.
    ids_under: dict[str, set[int]] = {}
    for facet, value_id in filter(None, map(split_key, facet_keys)):
        ids_under.setdefault(facet, set()).add(value_id)
    placed = _values_by_id(values or facet_values())
    under = {}
    for facet in facets:
        by_id = placed.get(facet, {})
        found = sorted(by_id[pk] for pk in ids_under.get(facet, ()) if pk in by_id)
        under[facet] = [value for _position, value in found]
    return under


_indexed: tuple[dict, dict] = ({}, {})


def _values_by_id(values: dict[str, list]) -> dict[str, dict[int, tuple[int, object]]]:
    """{facet: {id: (position, value)}} of `values`, kept while the same `values` are passed
    (`facet_values` gives the same dict until the directory changes)."""
    global _indexed
    if _indexed[0] is not values:
        index = {
            facet: {value.pk: (position, value) for position, value in enumerate(listed)}
            for facet, listed in values.items()
        }
        _indexed = (values, index)
    return _indexed[1]


def listed_counts(counts: dict[str, dict[int, int]], data, values=None) -> dict[str, list]:
    """{facet: {value id: count}} as the page lists it: (value, count, selected)."""
    values = values or facet_values()
    result = {}
    for facet in FACETS:
        selected = set(data.getlist(facet))
        result[facet] = [
            (value, counts[facet].get(value.pk, 0), value.slug in selected)
            for value in values[facet]
            if counts[facet].get(value.pk) or value.slug in selected
        ]
    return result
