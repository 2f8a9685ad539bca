"""Read-side queries the views call: one function per page need, queries bounded."""

import hashlib

from django.db.models import Count, IntegerField, OuterRef, Prefetch, Subquery

from .directory import visibility_of
from .filters import territory_match
from .models import (
    Actor,
    Contact,
    LocalScheme,
    Participation,
    PublicationStatus,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)


def visible_contacts(*, actor, user):
    """Public contacts for everyone; members-only ones for signed-in members."""
    contacts = actor.contacts.select_related("profession")
    if not user.has_perm("actors.view_member_contacts"):
        contacts = contacts.filter(visibility=Contact.Visibility.PUBLIC)
    return contacts


def actor_for_fiche(*, user, slug: str) -> Actor | None:
    published_participations = Participation.objects.select_related(
        "local_scheme__scheme"
    ).order_by("local_scheme__name")
    return (
        Actor.objects.visible_to(user)
        .select_related(
            "actor_type",
            "commune__departement",
            "commune__region",
            "commune__epci",
            "created_by",
            "updated_by",
        )
        .prefetch_related(
            "spheres",
            "themes",
            "competences",
            "intervention_territories",
            Prefetch("participations", queryset=published_participations),
            Prefetch(
                "relations_out",
                queryset=Relation.objects.filter(
                    target__status=PublicationStatus.PUBLISHED
                ).select_related("target__actor_type"),
            ),
            Prefetch(
                "relations_in",
                queryset=Relation.objects.filter(
                    source__status=PublicationStatus.PUBLISHED
                ).select_related("source__actor_type"),
            ),
        )
        .filter(slug=slug)
        .first()
    )


def nearby_actors_on_same_themes(*, actor, user, radius_km: float = 15, limit: int = 6):
    """Published actors close by that share at least one theme, most shared themes first.

    Candidates come from the communes around (a small table, then the actors' commune index),
    so the cost does not depend on how many actors the directory holds elsewhere.
    """
    from . import geo

    theme_ids = [theme.pk for theme in actor.themes.all()]
    if not theme_ids or actor.latitude is None:
        return []
    box = geo.around(actor.latitude, actor.longitude, radius_km)
    communes = Territory.objects.filter(box.as_q(), kind=Territory.Kind.COMMUNE).values("pk")
    shared = (
        Actor.themes.through.objects.filter(actor_id=OuterRef("pk"), theme_id__in=theme_ids)
        .values("actor_id")
        .annotate(n=Count("theme_id"))
        .values("n")
    )
    candidates = (
        Actor.objects.visible_to(user)
        .filter(commune__in=communes)
        .exclude(pk=actor.pk)
        .annotate(
            shared_themes=Subquery(shared, output_field=IntegerField()),
            distance_sq=geo.squared_distance_km(actor.latitude, actor.longitude),
        )
        .filter(shared_themes__gt=0, distance_sq__lte=radius_km * radius_km)
        .select_related("actor_type", "commune")
        .order_by("-shared_themes", "distance_sq", "name")[:limit]
    )
    items = list(candidates)
    for item in items:
        item.distance_km = item.distance_sq**0.5
    return items


def schemes_by_family():
    schemes = Scheme.objects.annotate(instance_count=Count("instances")).order_by(
        "family", "position", "name"
    )
    families: dict[str, dict] = {}
    for scheme in schemes:
        family = families.setdefault(
            scheme.family, {"label": scheme.get_family_display(), "schemes": []}
        )
        family["schemes"].append(scheme)
    return list(families.values())


def scheme_with_instances(*, slug: str) -> Scheme | None:
    instances = LocalScheme.objects.with_details().annotate(
        participant_count=Count("participations__actor", distinct=True)
    )
    return (
        Scheme.objects.prefetch_related(Prefetch("instances", queryset=instances))
        .filter(slug=slug)
        .first()
    )


def local_scheme_detail(*, scheme_slug: str, slug: str, user) -> LocalScheme | None:
    visible_actors = Actor.objects.visible_to(user)
    participations = (
        Participation.objects.filter(actor__in=visible_actors)
        .select_related("actor__actor_type", "actor__commune")
        .order_by("role", "actor__name")
    )
    return (
        LocalScheme.objects.with_details()
        .prefetch_related(Prefetch("participations", queryset=participations))
        .filter(scheme__slug=scheme_slug, slug=slug)
        .first()
    )


def territory_overview(*, key: str, user):
    territory = (
        Territory.objects.select_related("region", "departement", "epci").filter(key=key).first()
    )
    if territory is None:
        return None
    visible = Actor.objects.visible_to(user)
    # The directory's own rule, so every count here links to the same list in /acteurs/.
    matching = visible.filter(territory_match(territory))
    summary = _territory_summary(territory, visible, matching, visibility=visibility_of(user))
    cards = {
        actor.pk: actor
        for actor in Actor.objects.filter(
            pk__in=summary["located_ids"] + summary["covering_ids"]
        ).for_cards()
    }
    local_schemes = (
        LocalScheme.objects.with_details()
        .filter(territories__in=Territory.objects.related_to(territory))
        .distinct()
        .order_by("scheme__position", "name")
    )
    return {
        "territory": territory,
        "located_count": summary["located_count"],
        "located": [cards[pk] for pk in summary["located_ids"] if pk in cards],
        "covering": [cards[pk] for pk in summary["covering_ids"] if pk in cards],
        "covering_count": summary["covering_count"],
        "local_schemes": local_schemes,
        "commune_count": (
            Territory.objects.covering_communes_of(territory).count()
            if territory.kind != Territory.Kind.COMMUNE
            else None
        ),
        "who_does_what": who_does_what(matching, user=user),
    }


TERRITORY_CARDS = 24


def _territory_summary(territory, visible, matching, *, visibility: str) -> dict:
    """Counts and the first cards' ids: the costly part of a large territory, cached briefly."""
    from django.core.cache import cache

    from .facets import GENERATION_KEY

    key = f"actors:territory:{cache.get(GENERATION_KEY, 0)}:{territory.pk}:{visibility}"
    summary = cache.get(key)
    if summary is None:
        located = visible.located_in(territory)
        covering = matching.exclude(pk__in=located.values("pk"))
        summary = {
            "located_count": located.count(),
            "covering_count": covering.count(),
            "located_ids": list(
                located.order_by("name", "pk").values_list("pk", flat=True)[:TERRITORY_CARDS]
            ),
            "covering_ids": list(
                covering.order_by("name", "pk").values_list("pk", flat=True)[:TERRITORY_CARDS]
            ),
        }
        cache.set(key, summary, 120)
    return summary


def who_does_what(actors, *, user) -> dict:
    """Counts by sphere, by theme, and the themes × spheres matrix, cached briefly."""
    from django.core.cache import cache

    from .facets import GENERATION_KEY

    sql, params = actors.order_by().values("pk").query.sql_with_params()
    digest = hashlib.sha256(repr((sql, params)).encode()).hexdigest()[:32]
    cache_key = f"actors:matrix:{cache.get(GENERATION_KEY, 0)}:{digest}"
    counts = cache.get(cache_key)
    if counts is None:
        ids = actors.order_by().values("pk")
        sphere_links = Actor.spheres.through.objects.filter(actor_id__in=ids)
        theme_links = Actor.themes.through.objects.filter(actor_id__in=ids)
        counts = {
            "spheres": dict(
                sphere_links.values_list("sphere_id").annotate(n=Count("actor_id")).order_by()
            ),
            "themes": dict(
                theme_links.values_list("theme_id").annotate(n=Count("actor_id")).order_by()
            ),
            "pairs": {
                (theme_id, sphere_id): n
                for theme_id, sphere_id, n in Actor.objects.filter(pk__in=ids)
                .values_list("themes", "spheres")
                .annotate(n=Count("pk", distinct=True))
                .order_by()
                if theme_id and sphere_id
            },
        }
        cache.set(cache_key, counts, 120)
    spheres = [s for s in Sphere.objects.all() if counts["spheres"].get(s.pk)]
    themes = sorted(
        (t for t in Theme.objects.all() if counts["themes"].get(t.pk)),
        key=lambda theme: -counts["themes"][theme.pk],
    )
    return {
        "spheres": [(sphere, counts["spheres"][sphere.pk]) for sphere in spheres],
        "themes": [(theme, counts["themes"][theme.pk]) for theme in themes],
        "rows": [
            (theme, [(sphere, counts["pairs"].get((theme.pk, sphere.pk), 0)) for sphere in spheres])
            for theme in themes
        ],
    }


def key_figures() -> dict[str, int]:
    published = Actor.objects.published()
    return {
        "actors": published.count(),
        "communes": published.values("commune").distinct().count(),
        "schemes": Scheme.objects.count(),
        "local_schemes": LocalScheme.objects.count(),
        "relations": Relation.objects.filter(
            source__status=PublicationStatus.PUBLISHED,
            target__status=PublicationStatus.PUBLISHED,
        ).count(),
    }


def latest_actors(limit: int = 6):
    return Actor.objects.published().for_cards().order_by("-updated_at", "-pk")[:limit]


def scheme_search(*, text: str):
    from .text import normalize

    words = normalize(text).split()
    schemes = list(Scheme.objects.order_by("position", "name"))
    return [
        scheme
        for scheme in schemes
        if all(
            word in normalize(f"{scheme.name} {scheme.acronym} {scheme.description}")
            for word in words
        )
    ]
