"""Spreadsheets of schemes, local schemes with their participants, and relations: the values as
they are, numbers as numbers, dates as dates (the writers of `exports` make every cell safe)."""

from collections.abc import Iterator

from actors.models import Actor, LocalScheme, Participation, Relation, Scheme
from actors.spreadsheets.columns import PARTICIPATIONS, RELATIONS
from actors.spreadsheets.formatting import joined


def scheme_rows(user) -> Iterator[list[str]]:
    yield ["Nom", "Sigle", "Identifiant", "Famille", "Porté au niveau national par",
           "Lien officiel", "Dispositifs locaux"]  # fmt: skip
    families = dict(Scheme.Family.choices)
    for scheme in Scheme.objects.order_by("position", "name"):
        count = scheme.instances.count()
        yield [scheme.name, scheme.acronym, scheme.slug,
               families.get(scheme.family, scheme.family), scheme.national_carrier,
               scheme.official_url, count]  # fmt: skip


def local_scheme_rows(user) -> Iterator[list[str]]:
    """One row per participant, so that a pivot table counts actors by role; the import reads
    it back as participations."""
    yield PARTICIPATIONS.headers()
    visible = Actor.objects.visible_to(user).values("pk")
    territories: dict[int, list[str]] = {}
    links = LocalScheme.territories.through.objects.values_list(
        "localscheme_id", "territory__key", "territory__name"
    )
    for local_id, key, name in links:
        territories.setdefault(local_id, []).append(f"{key} {name}")
    statuses = dict(LocalScheme.Status.choices)
    roles = dict(Participation.Role.choices)
    participations = (
        Participation.objects.filter(actor__in=visible)
        .select_related("local_scheme__scheme", "actor")
        .order_by(
            "local_scheme__scheme__position",
            "local_scheme__sort_name",
            "local_scheme_id",
            "role",
            "actor__sort_name",
        )
    )
    for p in participations.iterator(chunk_size=2000):
        local = p.local_scheme
        yield [
            local.scheme.acronym or local.scheme.name, local.name, local.slug,
            joined(territories.get(local.pk, [])),
            local.start_date or "", local.end_date or "",
            statuses.get(local.status, local.status), p.actor.name, p.actor.slug,
            roles.get(p.role, p.role), p.note,
        ]  # fmt: skip


def relation_rows(user) -> Iterator[list[str]]:
    yield RELATIONS.headers()
    visible = Actor.objects.visible_to(user).values("pk")
    kinds = dict(Relation.Kind.choices)
    relations = (
        Relation.objects.filter(source__in=visible, target__in=visible)
        .select_related("source", "target")
        .order_by("source__sort_name", "kind", "target__sort_name")
    )
    for r in relations.iterator(chunk_size=2000):
        yield [r.source.name, r.source.slug, kinds.get(r.kind, r.kind),
               r.target.name, r.target.slug, r.since or "", r.note]  # fmt: skip


TABLES = {
    "dispositifs": scheme_rows,
    "dispositifs-locaux": local_scheme_rows,
    "relations": relation_rows,
}
