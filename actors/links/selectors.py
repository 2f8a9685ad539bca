"""What the scheme pages and the global search read about schemes and local schemes, and the
links page of a fiche read by those who may not change its links."""

from django.db.models import Count, Prefetch

from actors.models import Actor, LocalScheme, Participation, Scheme, StructureMembership
from glossary.models import Term
from mailleurs.text import normalize


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
    # Ordered here: Django leaves a model's default order out of a query that counts (GROUP BY).
    instances = (
        LocalScheme.objects.with_details()
        .annotate(participant_count=Count("participations__actor", distinct=True))
        .order_by("sort_name", "id")
    )
    return (
        Scheme.objects.prefetch_related(
            Prefetch("instances", queryset=instances),
            Prefetch("glossary_terms", queryset=Term.objects.order_by("sort_word", "pk")),
        )
        .filter(slug=slug)
        .first()
    )


def scheme_formerly_at(slug: str) -> Scheme | None:
    """The scheme whose address was `slug` before a moderator changed it (its history knows)."""
    former = (
        Scheme.history.filter(slug=slug)
        .exclude(id__in=Scheme.objects.filter(slug=slug).values("pk"))
        .order_by("-history_date")
        .values_list("id", flat=True)
        .first()
    )
    return Scheme.objects.filter(pk=former).first() if former is not None else None


def local_scheme_detail(*, scheme_slug: str, slug: str, user) -> LocalScheme | None:
    visible_actors = Actor.objects.visible_to(user)
    participations = (
        Participation.objects.filter(actor__in=visible_actors)
        .select_related("actor__actor_type", "actor__commune")
        .order_by("role", "actor__sort_name")
    )
    return (
        LocalScheme.objects.with_details()
        .prefetch_related(Prefetch("participations", queryset=participations))
        .filter(scheme__slug=scheme_slug, slug=slug)
        .first()
    )


def scheme_search(*, text: str):
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


def actor_links_read_only(*, actor: Actor, user) -> dict:
    """The links page for those who may not change them: the fiche's relations and
    participations as they stand (towards fiches `user` sees), and who to ask."""
    visible = Actor.objects.visible_to(user)
    return {
        "relations": actor.relations_out.filter(target__in=visible)
        .select_related("target")
        .order_by("kind", "target__sort_name"),
        "participations": actor.participations.select_related("local_scheme__scheme").order_by(
            "local_scheme__sort_name", "local_scheme_id"
        ),
        "managers": [
            membership.user
            for membership in StructureMembership.objects.filter(
                actor=actor, status=StructureMembership.Status.ACCEPTED, is_manager=True
            ).select_related("user")
        ],
    }
