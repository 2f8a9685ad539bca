"""What the fiche pages read: the fiche with its links, its visible contacts, its neighbours;
one function per page need, queries bounded."""

from django.db import connection
from django.db.models import IntegerField, Prefetch
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from actors import policies
from actors.cache import cached, generation_key
from actors.directory.facets import filed_under
from actors.directory.page_cache import cache_seconds
from actors.models import Actor, Participation, PublicationStatus, Relation, Territory
from actors.territories import geo
from experiences.reading.selectors import published_involvements


def visible_actor_or_404(*, user, slug: str) -> Actor:
    """The fiche at this address if the user may see it, else the French 404."""
    actor = Actor.objects.visible_to(user).filter(slug=slug).first()
    if actor is None:
        raise Http404(_("Aucune fiche ne porte cette adresse."))
    return actor


def visible_contacts(*, actor, user):
    """Public contacts for everyone; members-only ones for signed-in members."""
    return policies.contacts_visible_to(user, actor.contacts.select_related("profession"))


def actor_for_fiche(*, user, slug: str) -> Actor | None:
    """The fiche with what its page shows; `actor.filed`: its spheres, themes and
    competences ({facet: values}, from its facet keys and the cached vocabularies)."""
    published_participations = Participation.objects.select_related(
        "local_scheme__scheme"
    ).order_by("local_scheme__name")
    actor = (
        Actor.objects.visible_to(user)
        .select_related(
            "actor_type",
            "commune__departement",
            "commune__region",
            "commune__epci",
        )
        .prefetch_related(
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
            published_involvements(),
        )
        .filter(slug=slug)
        .first()
    )
    if actor is not None:
        actor.filed = filed_under(actor)
    return actor


def nearby_actors_on_same_themes(*, actor, user, radius_km: float = 15, limit: int = 6):
    """Published actors close by that share at least one theme, most shared themes first.

    Their ids and distances are kept until the directory changes (the search costs more than
    the rest of the fiche); the actors are read fresh by key.
    """
    visibility = policies.visibility_key(user)
    rows = cached(
        generation_key("nearby", actor.pk, visibility, radius_km, limit),
        lambda: _nearby_rows(actor=actor, user=user, radius_km=radius_km, limit=limit),
        seconds=cache_seconds(visibility),
    )
    found = Actor.objects.select_related("actor_type", "commune").in_bulk([pk for pk, _d in rows])
    items = []
    for pk, distance_sq in rows:
        if pk in found:
            found[pk].distance_km = distance_sq**0.5
            items.append(found[pk])
    return items


def _nearby_rows(*, actor, user, radius_km: float, limit: int) -> list[tuple[int, float]]:
    """(id, squared distance) of the neighbours. Candidates come from the communes around (a
    small table, then the actors' commune index), so the cost does not depend on how many
    actors the directory holds elsewhere; their shared themes are counted in `facet_keys` (no
    link-table subquery per candidate), which PostgreSQL also uses to skip those sharing none."""
    themes = sorted(key for key in actor.facet_keys if key.startswith("theme:"))
    if not themes or actor.latitude is None:
        return []
    box = geo.around(actor.latitude, actor.longitude, radius_km)
    communes = Territory.objects.filter(box.as_q(), kind=Territory.Kind.COMMUNE).values("pk")
    candidates = Actor.objects.visible_to(user).filter(commune__in=communes).exclude(pk=actor.pk)
    if connection.vendor == "postgresql":
        candidates = candidates.filter(facet_keys__has_any_keys=themes)
    candidates = (
        candidates.annotate(
            shared_themes=_keys_among(themes),
            distance_sq=geo.squared_distance_km(actor.latitude, actor.longitude),
        )
        .filter(shared_themes__gt=0, distance_sq__lte=radius_km * radius_km)
        .order_by("-shared_themes", "distance_sq", "name")[:limit]
    )
    return list(candidates.values_list("pk", "distance_sq"))


def _keys_among(keys: list[str]) -> RawSQL:
    """How many of `keys` the row's `facet_keys` holds."""
    table = Actor._meta.db_table
    if connection.vendor == "postgresql":
        elements = f"jsonb_array_elements_text({table}.facet_keys) k"
        return RawSQL(
            f"(SELECT count(*) FROM {elements} WHERE k = ANY(%s))",
            (keys,),
            output_field=IntegerField(),
        )
    marks = ", ".join(["%s"] * len(keys))
    elements = f"json_each({table}.facet_keys)"
    return RawSQL(
        f"(SELECT count(*) FROM {elements} WHERE value IN ({marks}))",
        tuple(keys),
        output_field=IntegerField(),
    )
