"""Which territory the maillage page draws, and which actors belong to it."""

from django.db.models import Q

from actors.directory.filters import territory_match
from actors.models import Actor, Territory, Theme
from mailleurs.text import normalize

CUSTOM_KINDS = [
    kind
    for kind in Territory.Kind.values
    if kind not in {"region", "departement", "epci", "commune"}
]


def territory_actors(*, territory: Territory, theme: Theme | None = None, user):
    """The actors of the maillage of ``territory``: the directory's own territory rule."""
    actors = Actor.objects.visible_to(user).filter(territory_match(territory))
    if theme is not None:
        actors = actors.filter(themes=theme)
    return actors


def territory_suggestions(*, user):
    """Départements, EPCI, régions and custom perimeters where the user can see actors."""
    visible = Actor.objects.visible_to(user)
    intervening = Actor.intervention_territories.through.objects.filter(
        actor__in=visible.values("pk")
    ).values("territory")
    return (
        Territory.objects.exclude(kind=Territory.Kind.COMMUNE)
        .filter(
            Q(kind__in=CUSTOM_KINDS)
            | Q(pk__in=visible.values("commune__departement"))
            | Q(pk__in=visible.values("commune__epci"))
            | Q(pk__in=visible.values("commune__region"))
            | Q(pk__in=intervening)
        )
        .order_by("kind", "name")
        .only("key", "name", "kind")
    )


def find_territory(value: str) -> Territory | None:
    """A territory by its key (« 26 », SIREN, « R84 »…), or by its exact name when unique."""
    value = value.strip()
    if not value:
        return None
    territory = Territory.objects.filter(key=value).first()
    if territory is not None:
        return territory
    by_name = list(Territory.objects.filter(search_name=normalize(value))[:2])
    return by_name[0] if len(by_name) == 1 else None
