"""Read-side queries the views call: one function per page need, queries bounded."""

from django.db.models import Count, Prefetch

from .models import (
    Actor,
    Contact,
    LocalScheme,
    Participation,
    PublicationStatus,
    Relation,
    Scheme,
    Territory,
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
    located = Actor.objects.visible_to(user).located_in(territory)
    covering = (
        Actor.objects.visible_to(user)
        .filter(intervention_territories=territory)
        .exclude(pk__in=located.values("pk"))
    )
    local_schemes = (
        LocalScheme.objects.with_details().filter(territories=territory).order_by("name")
    )
    return {
        "territory": territory,
        "located_count": located.count(),
        "located": located.for_cards().order_by("name")[:60],
        "covering": covering.for_cards().order_by("name")[:60],
        "covering_count": covering.count(),
        "local_schemes": local_schemes,
        "commune_count": (
            Territory.objects.covering_communes_of(territory).count()
            if territory.kind != Territory.Kind.COMMUNE
            else None
        ),
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
