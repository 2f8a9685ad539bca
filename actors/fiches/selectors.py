"""What the fiche pages read: the fiche with its links, its visible contacts, its neighbours;
one function per page need, queries bounded."""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import FloatField, IntegerField, Prefetch, prefetch_related_objects
from django.db.models.expressions import RawSQL
from django.http import Http404
from django.utils.translation import gettext as _

from actors import policies
from actors.cache import cached, generation_key
from actors.directory.facets import filed_under
from actors.directory.page_cache import cache_seconds
from actors.models import (
    Actor,
    Contact,
    Participation,
    PublicationStatus,
    Relation,
    Territory,
)
from actors.territories import geo
from experiences.models import ExperienceActor
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
    competences ({facet: values}, from its facet keys and the cached vocabularies).

    The main row says which of its lists hold anything, so that only those are read: most
    fiches take part in no local scheme and no experience sheet."""
    rows = (
        Actor.objects.visible_to(user)
        .select_related("actor_type", "commune")
        .annotate(filled_lists=_filled_lists())
        .filter(slug=slug)
        .order_by()[:1]  # the address is unique: no order needed (nor the model's by name)
    )
    actor = next(iter(rows), None)
    if actor is None:
        return None
    for bit, name in enumerate(_LISTS):
        setattr(actor, f"has_{name}", bool(actor.filled_lists & (1 << bit)))
    actor.filed = filed_under(actor)
    actor.territories_list = _territories_of(actor)
    filled = []
    for name, prefetch in _fiche_prefetches().items():
        if getattr(actor, f"has_{name}"):
            filled.append(prefetch)
        else:
            _store_empty(actor, prefetch)
    prefetch_related_objects([actor], *filled)
    actor.relations_out_list, actor.relations_in_list = _relations_of(actor)
    return actor


# The fiche's lists: (model, field naming the fiche) — read only when a row exists.
_LISTS = {
    "territories": (Actor.intervention_territories.through, "actor"),
    "participations": (Participation, "actor"),
    "experiences": (ExperienceActor, "actor"),
    "relations": (Relation, "source"),
    "relations_back": (Relation, "target"),
    "contacts": (Contact, "actor"),
}


def _filled_lists() -> RawSQL:
    """One number whose bit i says whether the i-th list of `_LISTS` holds a row. Written out
    in SQL: six `Exists` cost Django 1.5 ms to build, more than the database takes to run them."""
    quote = connection.ops.quote_name
    fiche_id = f"{quote(Actor._meta.db_table)}.{quote(Actor._meta.pk.column)}"
    tests = []
    for bit, (model, field) in enumerate(_LISTS.values()):
        table, column = quote(model._meta.db_table), quote(model._meta.get_field(field).column)
        tests.append(
            f"CASE WHEN EXISTS (SELECT 1 FROM {table} WHERE {column} = {fiche_id}) "
            f"THEN {1 << bit} ELSE 0 END"
        )
    return RawSQL(" + ".join(tests), (), output_field=IntegerField())


def _territories_of(actor) -> list[Territory]:
    """The fiche's intervention territories by name, read with one plain statement: Django's
    prefetch machinery cost more than the query it ran (1.5 ms against 0.2)."""
    if not actor.has_territories:
        return []
    return list(Territory.objects.raw(_territories_sql(), [actor.pk]))


@cache  # the same text for every fiche: written once per process
def _territories_sql() -> str:
    quote = connection.ops.quote_name
    link = Actor.intervention_territories.through
    territory, through = quote(Territory._meta.db_table), quote(link._meta.db_table)
    of_territory, of_actor = (
        quote(link._meta.get_field(name).column) for name in ("territory", "actor")
    )
    return (
        f"SELECT t.* FROM {territory} t JOIN {through} link ON link.{of_territory} = t.id "
        f"WHERE link.{of_actor} = %s ORDER BY t.name"
    )


def _fiche_prefetches() -> dict[str, Prefetch]:
    return {
        "participations": Prefetch(
            "participations",
            queryset=Participation.objects.select_related("local_scheme__scheme").order_by(
                "local_scheme__name"
            ),
        ),
        "experiences": published_involvements(),
    }


def _store_empty(actor, prefetch: Prefetch) -> None:
    """What `prefetch` would store for a list known to be empty, as Django's prefetch stores
    it, without building its query: an empty queryset costs Django 1 ms to compile for nothing."""
    if prefetch.to_attr:
        setattr(actor, prefetch.to_attr, [])
        return
    empty = prefetch.queryset.none()
    empty._result_cache, empty._prefetch_done = [], True
    actor.__dict__.setdefault("_prefetched_objects_cache", {})[prefetch.prefetch_to] = empty


def _relations_of(actor) -> tuple[list["FicheRelation"], list["FicheRelation"]]:
    """The fiche's relations to and from published fiches, in one statement: the fiche's own
    relations by kind, then those of others by their name (as `Relation`'s ordering)."""
    if not (actor.has_relations or actor.has_relations_back):
        return [], []
    with connection.cursor() as cursor:
        cursor.execute(_relations_sql(), [actor.pk, PublicationStatus.PUBLISHED.value] * 2)
        rows = cursor.fetchall()
    outgoing, incoming = [], []
    for is_outgoing, kind, since, name, slug in rows:
        other = LinkedFiche(name=name, slug=slug)
        if is_outgoing:
            outgoing.append(FicheRelation(kind=kind, since=since, source=actor, target=other))
        else:
            incoming.append(FicheRelation(kind=kind, since=since, source=other, target=actor))
    return outgoing, incoming


@cache  # the same text for every fiche: written once per process
def _relations_sql() -> str:
    """Two index lookups (relations from the fiche, relations to it), each joined to the other
    fiche: the ORM's single `OR` over both joins cost PostgreSQL 0.9 ms to plan and Django
    1 ms to build, for 0.05 ms of work."""
    quote = connection.ops.quote_name
    relation, actor = quote(Relation._meta.db_table), quote(Actor._meta.db_table)
    column = {name: quote(Relation._meta.get_field(name).column) for name in ("source", "target")}
    sides = []
    for outgoing, this, other in ((1, "source", "target"), (0, "target", "source")):
        sides.append(
            f"SELECT {outgoing} AS outgoing, r.kind, r.since, a.name, a.slug "
            f"FROM {relation} r JOIN {actor} a ON a.id = r.{column[other]} "
            f"WHERE r.{column[this]} = %s AND a.status = %s"
        )
    return (
        f"SELECT * FROM ({' UNION ALL '.join(sides)}) rel ORDER BY outgoing DESC, "
        "CASE WHEN outgoing = 1 THEN kind ELSE name END, "
        "CASE WHEN outgoing = 1 THEN name ELSE kind END"
    )


@dataclass(frozen=True)
class LinkedFiche:
    """The other fiche of a relation, as the fiche page shows it: its name and address."""

    name: str
    slug: str

    get_absolute_url = Actor.get_absolute_url

    def __str__(self) -> str:
        return self.name


@dataclass(frozen=True)
class FicheRelation:
    """A relation as the fiche page reads it, with `Relation`'s own wording."""

    kind: str
    since: int | None
    source: object
    target: object

    forward_wording = Relation.forward_wording
    reverse_wording = Relation.reverse_wording

    def get_kind_display(self) -> str:
        # As Django's own: a kind outside the choices shows as it is stored.
        return dict(Relation.Kind.choices).get(self.kind, self.kind)


def visible_contacts_of_fiche(*, actor, user):
    """`visible_contacts`, without a query for a fiche that has none."""
    return visible_contacts(actor=actor, user=user) if actor.has_contacts else []


@dataclass(frozen=True)
class Neighbour:
    """A fiche nearby as the fiche page lists it (kept whole in the cache: no query on a hit)."""

    name: str
    acronym: str
    slug: str
    type_name: str
    commune_name: str
    distance_km: float

    # The fiche's own wording and address: they read only the name, acronym and slug.
    display_name = Actor.display_name
    get_absolute_url = Actor.get_absolute_url


def nearby_actors_on_same_themes(*, actor, user, radius_km: float = 15, limit: int = 6):
    """Published actors close by that share at least one theme, most shared themes first,
    kept until the directory changes (the search costs more than the rest of the fiche)."""
    visibility = policies.visibility_key(user)
    return cached(
        generation_key("neighbours", actor.pk, visibility, radius_km, limit),
        lambda: _neighbours(actor=actor, user=user, radius_km=radius_km, limit=limit),
        seconds=cache_seconds(visibility),
    )


def _neighbours(*, actor, user, radius_km: float, limit: int) -> list[Neighbour]:
    """Candidates come from the communes around (a small table, then the actors' commune
    index), so the cost does not depend on how many actors the directory holds elsewhere;
    their shared themes are counted in `facet_keys` (no link-table subquery per candidate),
    which PostgreSQL also uses to skip those sharing none."""
    themes = sorted(key for key in actor.facet_keys if key.startswith("theme:"))
    if not themes or actor.latitude is None:
        return []
    box = geo.around(actor.latitude, actor.longitude, radius_km)
    communes = Territory.objects.filter(box.as_q(), kind=Territory.Kind.COMMUNE).values("pk")
    candidates = Actor.objects.visible_to(user).filter(commune__in=communes).exclude(pk=actor.pk)
    candidates = candidates.annotate(
        shared_themes=_keys_among(themes),
        distance_sq=_squared_distance(actor.latitude, actor.longitude),
    ).filter(distance_sq__lte=radius_km * radius_km)
    if connection.vendor == "postgresql":
        # `?|` keeps only the fiches sharing a theme; counting them in the filter as well
        # would count each candidate's themes twice.
        candidates = candidates.filter(facet_keys__has_any_keys=themes)
    else:
        candidates = candidates.filter(shared_themes__gt=0)
    nearest = candidates.order_by("-shared_themes", "distance_sq", "name").values_list(
        "pk", "shared_themes", "distance_sq"
    )[:limit]
    with connection.cursor() as cursor:
        cursor.execute(*_with_cards(nearest))
        return [Neighbour(*card, distance_km=distance_sq**0.5) for *card, distance_sq in cursor]


def _with_cards(nearest) -> tuple[str, tuple]:
    """One statement: the nearest fiches (a derived table, so that their search keeps its
    index-only scan) joined to the names their cards show, in the search's order. A second
    ORM query cost Django more than the database."""
    inner, params = nearest.query.sql_with_params()
    quote = connection.ops.quote_name
    actors, territories = quote(Actor._meta.db_table), quote(Territory._meta.db_table)
    types = quote(Actor._meta.get_field("actor_type").related_model._meta.db_table)
    sql = (
        "SELECT a.name, a.acronym, a.slug, t.name, c.name, n.distance_sq "
        f"FROM ({inner}) n "
        f"JOIN {actors} a ON a.id = n.pk "
        f"JOIN {types} t ON t.id = a.actor_type_id "
        f"JOIN {territories} c ON c.id = a.commune_id "
        "ORDER BY n.shared_themes DESC, n.distance_sq, a.name"
    )
    return sql, params


def _squared_distance(latitude: float, longitude: float) -> RawSQL:
    """`geo.squared_distance_km` written out for the candidates' own table: Django spent
    more time resolving the arithmetic expression than the database takes to run it."""
    table = Actor._meta.db_table
    kx, ky = geo.km_per_degree(latitude)
    sql = (
        f"(({table}.longitude - %s) * %s) * (({table}.longitude - %s) * %s) + "
        f"(({table}.latitude - %s) * %s) * (({table}.latitude - %s) * %s)"
    )
    params = (longitude, kx, longitude, kx, latitude, ky, latitude, ky)
    return RawSQL(f"({sql})", params, output_field=FloatField())


def _keys_among(keys: list[str]) -> RawSQL:
    """How many of `keys` the row's `facet_keys` holds."""
    table = Actor._meta.db_table
    if connection.vendor == "postgresql":
        # One `?` test per key: unpacking the list into rows and counting them took three
        # times longer over the thousand candidates of a town.
        tests = " + ".join([f"({table}.facet_keys ? %s)::int"] * len(keys))
        return RawSQL(f"({tests})", tuple(keys), output_field=IntegerField())
    marks = ", ".join(["%s"] * len(keys))
    elements = f"json_each({table}.facet_keys)"
    return RawSQL(
        f"(SELECT count(*) FROM {elements} WHERE value IN ({marks}))",
        tuple(keys),
        output_field=IntegerField(),
    )
