"""Facet counts: for each filter, how many actors each value would give with the other filters
of the current search. Cached briefly; any write to the directory bumps the cache generation."""

import hashlib

from django.core.cache import cache
from django.db.models import Count

from .models import (
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
GENERATION_KEY = "actors:generation"

# name → (vocabulary model, rows linking an actor to a value, the value's column)
FACETS = {
    "sphere": (Sphere, Actor.spheres.through.objects, "sphere_id"),
    "type": (ActorType, None, "actor_type_id"),
    "theme": (Theme, Actor.themes.through.objects, "theme_id"),
    "competence": (Competence, Actor.competences.through.objects, "competence_id"),
    "profession": (Profession, Contact.objects, "profession_id"),
    "dispositif": (Scheme, Participation.objects, "local_scheme__scheme_id"),
}
IGNORED_PARAMETERS = {"page", "tri", "vue"}


def bump_generation() -> None:
    """Called whenever actors or their links change: cached counts become stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, 1, None)


def _cache_key(data, visibility: str) -> str:
    items = sorted(
        (key, value)
        for key in data
        if key not in IGNORED_PARAMETERS
        for value in data.getlist(key)
        if value
    )
    digest = hashlib.sha256(repr((items, visibility)).encode()).hexdigest()[:32]
    return f"actors:facets:{cache.get(GENERATION_KEY, 0)}:{digest}"


def _count(filterset_class, data, facet: str, base_queryset, request) -> dict[int, int]:
    others = data.copy()
    others.pop(facet, None)
    filterset = filterset_class(others, queryset=base_queryset, request=request)
    actor_ids = filterset.qs.order_by().values("pk")
    _model, links, column = FACETS[facet]
    if links is None:
        rows = base_queryset.model.objects.filter(pk__in=actor_ids).values(column)
        rows = rows.annotate(n=Count("pk"))
    else:
        rows = links.filter(actor_id__in=actor_ids).values(column)
        rows = rows.annotate(n=Count("actor_id", distinct=True))
    return {row[column]: row["n"] for row in rows.order_by() if row[column] is not None}


def facet_counts(filterset_class, data, *, base_queryset, request, visibility: str):
    """{facet: [(value, count, selected)]}, values with a zero count left out."""
    key = _cache_key(data, visibility)
    counts = cache.get(key)
    if counts is None:
        counts = {
            facet: _count(filterset_class, data, facet, base_queryset, request) for facet in FACETS
        }
        cache.set(key, counts, CACHE_SECONDS)
    result = {}
    for facet, (model, _links, _column) in FACETS.items():
        selected = set(data.getlist(facet))
        result[facet] = [
            (value, counts[facet].get(value.pk, 0), value.slug in selected)
            for value in model.objects.all()
            if counts[facet].get(value.pk) or value.slug in selected
        ]
    return result
