"""Facet counts: for each filter, how many actors each value would give with the other filters
of the current search. Cached briefly; any write to the directory bumps the cache generation."""

from django.core.exceptions import EmptyResultSet
from django.db import connection

from actors import policies
from actors.cache import cached, digest, generation_key
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    Participation,
    Profession,
    Scheme,
    Sphere,
    Theme,
)

CACHE_SECONDS = 120

# name → (vocabulary model, rows linking an actor to a value, the value's column)
FACETS = {
    "sphere": (Sphere, Actor.spheres.through.objects, "sphere_id"),
    "type": (ActorType, None, "actor_type_id"),
    "theme": (Theme, Actor.themes.through.objects, "theme_id"),
    "competence": (Competence, Actor.competences.through.objects, "competence_id"),
    "profession": (Profession, Contact.objects, "profession_id"),
    "dispositif": (Scheme, Participation.objects, "scheme_id"),
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


def _facet_select(facet: str, base: str, *, public_contacts_only: bool) -> str:
    """SELECT facet, value, count over the actors of the CTE `base`."""
    actor = Actor._meta.db_table
    if facet == "type":
        return (
            f"SELECT '{facet}', actor_type_id, COUNT(*) FROM {actor} "
            f"WHERE id IN (SELECT pk FROM {base}) GROUP BY actor_type_id"
        )
    if facet == "dispositif":
        participation = Participation._meta.db_table
        local_scheme = Participation._meta.get_field("local_scheme").related_model._meta.db_table
        return (
            f"SELECT '{facet}', ls.scheme_id, COUNT(DISTINCT p.actor_id) FROM {participation} p "
            f"JOIN {local_scheme} ls ON ls.id = p.local_scheme_id "
            f"WHERE p.actor_id IN (SELECT pk FROM {base}) GROUP BY ls.scheme_id"
        )
    _model, links, column = FACETS[facet]
    table = links.model._meta.db_table
    # Métiers count the contacts the user may see (policies.contacts_visible_to), no more.
    visible = (
        f" AND visibility = '{Contact.Visibility.PUBLIC}'"
        if facet == "profession" and public_contacts_only
        else ""
    )
    return (
        f"SELECT '{facet}', {column}, COUNT(DISTINCT actor_id) FROM {table} "
        f"WHERE actor_id IN (SELECT pk FROM {base}) AND {column} IS NOT NULL{visible} "
        f"GROUP BY {column}"
    )


def _count_all(filterset_class, data, base_queryset, request) -> dict[str, dict[int, int]]:
    """Every facet in one statement. A facet with selected values is counted without its own
    filter (so its other values stay visible); the others share the search's actors."""
    bases: dict[str, str] = {}
    ctes, params = [], []
    public_only = not policies.can_see_member_contacts(request.user)

    def base_for(key: str, query_data) -> str:
        if key not in bases:
            filterset = filterset_class(query_data, queryset=base_queryset, request=request)
            try:
                sql, sql_params = filterset.qs.order_by().values("pk").query.sql_with_params()
            except EmptyResultSet:  # a search that cannot match anything
                sql, sql_params = "SELECT 0 AS pk WHERE 1 = 0", ()
            name = f"base_{len(bases)}"
            ctes.append(f"{name} AS ({sql})")
            params.extend(sql_params)
            bases[key] = name
        return bases[key]

    selects = []
    for facet in FACETS:
        if data.getlist(facet):
            others = data.copy()
            others.pop(facet)
            base = base_for(facet, others)
        else:
            base = base_for("", data)
        selects.append(_facet_select(facet, base, public_contacts_only=public_only))
    counts: dict[str, dict[int, int]] = {facet: {} for facet in FACETS}
    with connection.cursor() as cursor:
        cursor.execute(f"WITH {', '.join(ctes)} " + " UNION ALL ".join(selects), params)
        for facet, value, count in cursor.fetchall():
            if value is not None:
                counts[facet][value] = count
    return counts


def _cached_counts(filterset_class, data, *, base_queryset, request, visibility: str):
    return cached(
        _cache_key(data, visibility),
        lambda: _count_all(filterset_class, data, base_queryset, request),
        seconds=CACHE_SECONDS,
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


def facet_counts(filterset_class, data, *, base_queryset, request, visibility: str):
    """{facet: [(value, count, selected)]}, values with a zero count left out."""
    counts = _cached_counts(
        filterset_class, data, base_queryset=base_queryset, request=request, visibility=visibility
    )
    result = {}
    for facet, (model, _links, _column) in FACETS.items():
        selected = set(data.getlist(facet))
        result[facet] = [
            (value, counts[facet].get(value.pk, 0), value.slug in selected)
            for value in model.objects.all()
            if counts[facet].get(value.pk) or value.slug in selected
        ]
    return result
