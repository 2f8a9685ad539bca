"""What a territory page reads: its actors, counts and « qui fait quoi » matrix, cached briefly."""

from functools import cache

from django.db.models import Case, Count, IntegerField, Min, Q, Value, When
from django.utils.functional import SimpleLazyObject

from actors import policies
from actors.cache import cached, current_generation, digest, generation_key
from actors.directory.page_cache import cache_seconds
from actors.models import (
    Actor,
    LocalScheme,
    Sphere,
    Territory,
    Theme,
)
from experiences.reading.selectors import sheets_in_territory


def territory_overview(*, key: str, user):
    territory = (
        Territory.objects.select_related("region", "departement", "epci").filter(key=key).first()
    )
    if territory is None:
        return None
    visible = Actor.objects.visible_to(user)
    # The directory's own rule, so every count here links to the same list in /acteurs/.
    matching = visible.in_territory(territory)
    summary = _territory_summary(
        territory, visible, matching, visibility=policies.visibility_key(user)
    )

    @cache
    def cards() -> dict[int, Actor]:
        ids = summary["located_ids"] + summary["covering_ids"]
        return {actor.pk: actor for actor in Actor.objects.filter(pk__in=ids).for_cards()}

    def cards_of(part: str):
        # Read only when the page's rendered lists are missing from the cache (see the page).
        return SimpleLazyObject(lambda: [cards()[pk] for pk in summary[part] if pk in cards()])

    return {
        "territory": territory,
        "located_count": summary["located_count"],
        "located": cards_of("located_ids"),
        "covering": cards_of("covering_ids"),
        "covering_count": summary["covering_count"],
        # located and covering split the directory's list for ?territoire= in two.
        "directory_total": summary["located_count"] + summary["covering_count"],
        "local_schemes": SimpleLazyObject(lambda: local_schemes_of(territory)),
        "commune_count": (
            Territory.objects.covering_communes_of(territory).count()
            if territory.kind != Territory.Kind.COMMUNE
            else None
        ),
        # Called by the template only when its cached rendering is missing (see the page).
        "who_does_what": lambda: who_does_what(matching, user=user),
        "fragment_key": (territory.pk, current_generation(), policies.visibility_key(user)),
        "fragment_seconds": cache_seconds(policies.visibility_key(user)),
        # One more than shown: the page then links to the whole list.
        "experiences": sheets_in_territory(territory, limit=TERRITORY_SHEETS),
        "experiences_shown": TERRITORY_SHEETS,
    }


TERRITORY_CARDS = 24
TERRITORY_SHEETS = 10


def _territory_summary(territory, visible, matching, *, visibility: str) -> dict:
    """Counts and the first cards' ids: the costly part of a large territory, kept until the
    directory changes."""

    def summarise():
        located = visible.located_in(territory)
        covering = matching.exclude(pk__in=located.values("pk"))
        return {
            "located_count": located.count(),
            "covering_count": covering.count(),
            "located_ids": _most_local_first(located, territory),
            "covering_ids": _most_local_first(covering, territory),
        }

    return cached(
        generation_key("territory", territory.pk, visibility),
        summarise,
        seconds=cache_seconds(visibility),
    )


# How local an intervention area is: the smaller the area, the lower the rank.
LOCALITY_RANKS = {
    Territory.Kind.COMMUNE: 0,
    Territory.Kind.QPV: 1,
    Territory.Kind.EPCI: 2,
    Territory.Kind.BASSIN_DE_VIE: 3,
    Territory.Kind.PAT: 3,
    Territory.Kind.GAL: 3,
    Territory.Kind.PETR: 3,
    Territory.Kind.PERIMETRE: 3,
    Territory.Kind.DEPARTEMENT: 4,
    Territory.Kind.REGION: 5,
}


def _most_local_first(actors, territory) -> list[int]:
    """The first cards' ids, the actors whose intervention area is smallest first, then those
    installed nearest (same département, same région, elsewhere), then by name: a national
    network based in Paris comes after the local and regional ones. An actor with no declared
    area acts where it is installed (rank of a commune)."""
    locality = Min(
        Case(
            *(
                When(intervention_territories__kind=k, then=Value(r))
                for k, r in LOCALITY_RANKS.items()
            ),
            default=Value(0),
            output_field=IntegerField(),
        )
    )
    ranked = actors.annotate(locality=locality, remoteness=_remoteness(territory))
    ranked = ranked.order_by("locality", "remoteness", "sort_name", "pk")
    return list(ranked.values_list("pk", flat=True)[:TERRITORY_CARDS])


def _remoteness(territory):
    """0 for an actor installed in the territory's département, 1 in its région, 2 elsewhere."""
    kind = Territory.Kind
    departement_id = (
        territory.pk if territory.kind == kind.DEPARTEMENT else territory.departement_id
    )
    region_id = territory.pk if territory.kind == kind.REGION else territory.region_id
    nearer = []
    if departement_id:
        nearer.append(When(commune__departement_id=departement_id, then=Value(0)))
    if region_id:
        nearer.append(When(commune__region_id=region_id, then=Value(1)))
    if not nearer:
        return Value(0)
    return Case(*nearer, default=Value(2), output_field=IntegerField())


def local_schemes_of(territory) -> list[dict]:
    """Local schemes on the territory, on a territory containing it, or on one of its parts
    (a LEADER GAL, a PAT area on some of its communes), each with the part it covers."""
    territories = Territory.objects
    communes = territories.covering_communes_of(territory).values("pk")
    around = territories.related_to(territory).values("pk")
    overlapping = territories.filter(communes__in=communes).values("pk")
    schemes = (
        LocalScheme.objects.with_details()
        .filter(Q(territories__in=around) | Q(territories__in=overlapping))
        .distinct()
        .order_by("scheme__position", "sort_name", "id")
    )
    whole = {territory.pk, territory.region_id, territory.departement_id, territory.epci_id}

    def parts(local_scheme) -> list[Territory]:
        # A commune is covered whole by whatever covers it; a larger territory may be covered
        # only on some of its parts, which the page names.
        if territory.kind == Territory.Kind.COMMUNE:
            return []
        return [t for t in local_scheme.territories.all() if t.pk not in whole]

    return [{"local_scheme": ls, "parts": parts(ls)} for ls in schemes]


def who_does_what(actors, *, user) -> dict:
    """Counts by sphere, by theme, and the themes × spheres matrix, kept until the directory
    changes."""
    sql, params = actors.order_by().values("pk").query.sql_with_params()
    counts = cached(
        generation_key("matrix", digest(sql, params)),
        lambda: _matrix_counts(actors),
        seconds=cache_seconds(policies.visibility_key(user)),
    )
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


def _matrix_counts(actors) -> dict:
    ids = actors.order_by().values("pk")
    sphere_links = Actor.spheres.through.objects.filter(actor_id__in=ids)
    theme_links = Actor.themes.through.objects.filter(actor_id__in=ids)
    return {
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
