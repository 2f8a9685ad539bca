"""Which territory the maillage page draws, and which actors belong to it."""

from django.db.models import Q

from actors.models import Actor, Territory, Theme

CUSTOM_KINDS = [
    kind
    for kind in Territory.Kind.values
    if kind not in {"region", "departement", "epci", "commune"}
]


def territory_actors(*, territory: Territory, theme: Theme | None = None, user):
    """The actors of the maillage of ``territory``: the directory's own territory rule."""
    actors = Actor.objects.visible_to(user).in_territory(territory)
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
        .order_by("kind", "sort_name", "pk")
        .only("key", "name", "kind")
    )
