"""What a territory page reads: its actors, counts and « qui fait quoi » matrix, cached briefly."""

from django.db.models import Count

from actors import policies
from actors.cache import cached, digest, generation_key
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
        # One more than shown: the page then links to the whole list.
        "experiences": sheets_in_territory(territory, limit=TERRITORY_SHEETS),
        "experiences_shown": TERRITORY_SHEETS,
    }


TERRITORY_CARDS = 24
TERRITORY_SHEETS = 10


def _territory_summary(territory, visible, matching, *, visibility: str) -> dict:
    """Counts and the first cards' ids: the costly part of a large territory, cached briefly."""

    def summarise():
        located = visible.located_in(territory)
        covering = matching.exclude(pk__in=located.values("pk"))
        return {
            "located_count": located.count(),
            "covering_count": covering.count(),
            "located_ids": list(
                located.order_by("name", "pk").values_list("pk", flat=True)[:TERRITORY_CARDS]
            ),
            "covering_ids": list(
                covering.order_by("name", "pk").values_list("pk", flat=True)[:TERRITORY_CARDS]
            ),
        }

    return cached(generation_key("territory", territory.pk, visibility), summarise, seconds=120)


def who_does_what(actors, *, user) -> dict:
    """Counts by sphere, by theme, and the themes × spheres matrix, cached briefly."""
    sql, params = actors.order_by().values("pk").query.sql_with_params()
    counts = cached(
        generation_key("matrix", digest(sql, params)), lambda: _matrix_counts(actors), seconds=120
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
