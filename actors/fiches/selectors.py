"""What the fiche pages read: the fiche with its links, its visible contacts, its neighbours;
one function per page need, queries bounded."""

from dataclasses import dataclass
from functools import cache

from django.db import connection
from django.db.models import Prefetch, prefetch_related_objects
from django.http import Http404
from django.utils.translation import gettext as _

from actors import policies
from actors.directory.facets import filed_under
from actors.models import (
    Actor,
    Contact,
    Participation,
    Profession,
    PublicationStatus,
    Relation,
    Territory,
)
from experiences.models import ExperienceActor
from experiences.reading.selectors import published_involvements
from mailleurs.prepared_sql import instance_from_row, prepared_cursor, where_sql


def visible_actor_or_404(*, user, slug: str) -> Actor:
    """The fiche at this address if the user may see it, else the French 404."""
    actor = Actor.objects.visible_to(user).filter(slug=slug).first()
    if actor is None:
        raise Http404(_("Aucune fiche ne porte cette adresse."))
    return actor


def actor_for_fiche(*, user, slug: str) -> Actor | None:
    """The fiche with what its page shows; `actor.filed`: its spheres, themes and
    competences ({facet: values}, from its facet keys and the cached vocabularies).

    The main row says which of its lists hold anything, so that only those are read: most
    fiches take part in no local scheme and no experience sheet."""
    actor = _fiche_row(user=user, slug=slug)
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


def _fiche_row(*, user, slug: str) -> Actor | None:
    """The visible fiche at this address with its type and commune (as `select_related`
    reads them) and `filled_lists`, in one prepared statement: built by the ORM, it cost
    Django 1 ms and PostgreSQL 0.5 ms of planning, for 0.1 ms of work."""
    visible, visible_params = visible_condition(user)
    with prepared_cursor() as cursor:
        cursor.execute(_fiche_sql().format(visible=visible), [slug, *visible_params])
        row = cursor.fetchone()
    if row is None:
        return None
    parts, start = [], 0
    for model, fields in _FICHE_PARTS:
        parts.append(instance_from_row(model, fields, row[start : start + len(fields)]))
        start += len(fields)
    actor, actor.actor_type, actor.commune = parts
    actor.filled_lists = row[start]
    return actor


# The fiche, its type and its commune, each with every column, as `select_related` reads them.
_FICHE_PARTS = [
    (model, tuple(field.attname for field in model._meta.concrete_fields))
    for model in (Actor, Actor.actor_type.field.related_model, Territory)
]


@cache  # the same text for every fiche, its visibility left as {visible}
def _fiche_sql() -> str:
    quote = connection.ops.quote_name
    (_, actor_fields), (types, type_fields), (_, commune_fields) = _FICHE_PARTS
    actors = quote(ACTORS_TABLE)
    columns = [f"{actors}.{quote(Actor._meta.get_field(name).column)}" for name in actor_fields]
    columns += [f"t.{quote(types._meta.get_field(name).column)}" for name in type_fields]
    columns += [f"c.{quote(Territory._meta.get_field(name).column)}" for name in commune_fields]
    filled_lists = _filled_lists()
    return (
        f"SELECT {', '.join(columns)}, {filled_lists} FROM {actors} "
        f"JOIN {quote(types._meta.db_table)} t ON t.id = {actors}.actor_type_id "
        f"JOIN {quote(Territory._meta.db_table)} c ON c.id = {actors}.commune_id "
        # {{visible}}: the braces of `str.format`, filled at each call.
        f"WHERE {actors}.slug = %s AND {{visible}}"
    )


# The fiche's lists: (model, field naming the fiche) — read only when a row exists.
_LISTS = {
    "territories": (Actor.intervention_territories.through, "actor"),
    "participations": (Participation, "actor"),
    "experiences": (ExperienceActor, "actor"),
    "relations": (Relation, "source"),
    "relations_back": (Relation, "target"),
    "contacts": (Contact, "actor"),
}


def _filled_lists() -> str:
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
    return " + ".join(tests)


# What the page and its schema.org read, in the model's order as `Model.from_db` wants them.
_TERRITORY_FIELDS = tuple(
    field.attname
    for field in Territory._meta.concrete_fields
    if field.name in ("id", "name", "key", "kind")
)


def _territories_of(actor) -> list[Territory]:
    """The fiche's intervention territories by name, read with one prepared statement: Django's
    prefetch machinery cost more than the query it ran (1.5 ms against 0.2)."""
    if not actor.has_territories:
        return []
    with prepared_cursor() as cursor:
        cursor.execute(_territories_sql(), [actor.pk])
        rows = cursor.fetchall()
    return [Territory.from_db(connection.alias, _TERRITORY_FIELDS, row) for row in rows]


@cache  # the same text for every fiche: written once per process
def _territories_sql() -> str:
    quote = connection.ops.quote_name
    link = Actor.intervention_territories.through
    territory, through = quote(Territory._meta.db_table), quote(link._meta.db_table)
    of_territory, of_actor = (
        quote(link._meta.get_field(name).column) for name in ("territory", "actor")
    )
    # Columns named, not `t.*`: a prepared statement fails once its result's columns change.
    columns = ", ".join(
        f"t.{quote(Territory._meta.get_field(name).column)}" for name in _TERRITORY_FIELDS
    )
    return (
        f"SELECT {columns} FROM {territory} t JOIN {through} link ON link.{of_territory} = t.id "
        f"WHERE link.{of_actor} = %s ORDER BY t.sort_name, t.id"
    )


def _fiche_prefetches() -> dict[str, Prefetch]:
    return {
        "participations": Prefetch(
            "participations",
            queryset=Participation.objects.select_related("local_scheme__scheme").order_by(
                "local_scheme__sort_name", "local_scheme_id"
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
    with prepared_cursor() as cursor:
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


@dataclass(frozen=True)
class FicheContact:
    """A contact as the fiche page shows it; `profession`: the job's name, or None."""

    name: str
    role: str
    profession: str | None
    email: str
    phone: str
    visibility: str


def visible_contacts_of_fiche(*, actor, user) -> list[FicheContact]:
    """The contacts `policies.contacts_visible_to` lets the user see, in one prepared
    statement: the ORM's took 1.5 ms to build and plan, for 0.05 ms of work. None for a
    fiche that has none."""
    if not actor.has_contacts:
        return []
    visible, visible_params = where_sql(policies.contacts_visible_to(user, Contact.objects.all()))
    with prepared_cursor() as cursor:
        cursor.execute(_contacts_sql().format(visible=visible), [actor.pk, *visible_params])
        return [FicheContact(*row) for row in cursor.fetchall()]


@cache  # the same text for every fiche, its visibility left as {visible}
def _contacts_sql() -> str:
    quote = connection.ops.quote_name
    # The table unaliased: the visibility's condition, compiled by the ORM, names it so.
    contact, profession = quote(Contact._meta.db_table), quote(Profession._meta.db_table)
    column = {
        field.name: f"{contact}.{quote(field.column)}"
        for field in Contact._meta.concrete_fields
        if field.name
        in ("id", "actor", "name", "role", "email", "phone", "visibility", "position", "profession")
    }
    return (
        f"SELECT {column['name']}, {column['role']}, p.name, {column['email']}, "
        f"{column['phone']}, {column['visibility']} "
        f"FROM {contact} LEFT JOIN {profession} p ON p.id = {column['profession']} "
        f"WHERE {column['actor']} = %s AND {{visible}} "
        # As `Contact.Meta.ordering`, the id last so that equal names keep one order.
        f"ORDER BY {column['position']}, {column['name']}, {column['id']}"
    )


# The fiches' table, unquoted: the fiche's row and its neighbours name its columns after it.
ACTORS_TABLE = Actor._meta.db_table


def visible_condition(user) -> tuple[str, list]:
    """`Actor.objects.visible_to(user)`'s condition, as SQL on the fiches' own table: the rule
    stays written once, in the query set."""
    return where_sql(Actor.objects.visible_to(user))
