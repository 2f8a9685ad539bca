"""The graph data of a maillage: nodes and edges read from the database, and the node cap."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from itertools import combinations

import networkx as nx
from django.db.models import Exists, OuterRef
from django.urls import reverse
from django.utils.translation import gettext

from actors.directory.facets import values_under
from actors.fiche_urls import fiche_url
from actors.maillage.shapes import shape_for
from actors.maillage.territories import territory_actors
from actors.models import Actor, Participation, Relation, Sphere, Territory, Theme

DEFAULT_COLOR = "#777777"


@dataclass
class Node:
    pk: int
    name: str
    label: str
    url: str
    color: str
    sphere_names: list[str]
    commune_name: str
    located: bool
    degree: int = 0
    betweenness: float = 0.0
    x: float = 0.0
    y: float = 0.0
    radius: float = 5.0
    show_label: bool = False
    label_anchor: str = "start"
    label_x: float = 0.0
    label_y: float = 0.0
    sphere_slugs: frozenset[str] = frozenset()
    sphere_pk: int | None = None
    shape: str = "disque"
    label_lines: list[str] = field(default_factory=list)

    @property
    def betweenness_percent(self) -> float:
        return round(self.betweenness * 100, 1)


@dataclass
class RelationEdge:
    source: Node
    target: Node
    kind: str
    kind_label: str
    since: int | None
    note: str


@dataclass
class SharedScheme:
    name: str
    url: str


@dataclass
class SchemeEdge:
    source: Node
    target: Node
    schemes: list[SharedScheme]

    @property
    def weight(self) -> int:
        return len(self.schemes)

    @property
    def stroke_width(self) -> float:
        return round(min(1 + 0.6 * (self.weight - 1), 4), 1)


@dataclass
class LegendEntry:
    name: str
    color: str
    shape: str
    sphere_pk: int | None


RelationRow = tuple[int, int, str, int | None, str]  # source, target, kind, since, note


@dataclass
class Network:
    """What the queries say about the actors of a territory, before any cap."""

    nodes: dict[int, Node]  # by actor pk, in pk order
    spheres: list[Sphere]  # every sphere, in display order (for the legend)
    relations: list[RelationRow]  # by source name, kind, target name
    shared: dict[tuple[int, int], list[SharedScheme]]  # (lower pk, higher pk) → their schemes


def load_network(*, territory: Territory, theme: Theme | None, user) -> Network:
    """Four queries, whatever the size of the territory: spheres, actors, relations, schemes.

    A département holds thousands of actors: they are read as plain rows, their spheres from
    `facet_keys`, not as model instances with a prefetch (a second of Python for the Drôme)."""
    base = territory_actors(territory=territory, theme=theme, user=user)
    spheres = list(Sphere.objects.all())
    nodes = _nodes(base, territory, spheres)
    candidate_pks = base.values("pk")
    return Network(
        nodes=nodes,
        spheres=spheres,
        relations=_relations(candidate_pks, nodes),
        shared=_shared_schemes(candidate_pks),
    )


def _nodes(base, territory: Territory, spheres: list[Sphere]) -> dict[int, Node]:
    rows = (
        base.annotate(
            is_located=Exists(Actor.objects.located_in(territory).filter(pk=OuterRef("pk")))
        )
        .order_by("pk")
        .values_list("pk", "name", "slug", "commune__name", "facet_keys", "is_located")
    )
    nodes, sphere_values = {}, {"sphere": spheres}
    for pk, name, slug, commune_name, keys, located in rows:
        own = values_under(keys, sphere_values, facets=("sphere",))["sphere"]
        nodes[pk] = Node(
            pk=pk,
            name=name,
            # The whole name, never cut: long names are written on two lines (labels.py).
            label=name,
            url=fiche_url(slug),
            color=own[0].color if own else DEFAULT_COLOR,
            sphere_names=[sphere.name for sphere in own],
            sphere_slugs=frozenset(sphere.slug for sphere in own),
            sphere_pk=own[0].pk if own else None,
            commune_name=commune_name,
            located=located,
        )
    return nodes


def _relations(candidate_pks, nodes: dict[int, Node]) -> list[RelationRow]:
    """Relations between the territory's actors. Only the source is filtered in SQL and the
    order is made here from the names already read: the same filter twice and the joins for
    the names made up most of the statement's time."""
    rows = (
        Relation.objects.filter(source__in=candidate_pks)
        .order_by()
        .values_list("pk", "source_id", "target_id", "kind", "since", "note")
    )
    inside = [row for row in rows if row[2] in nodes]
    inside.sort(key=lambda row: (nodes[row[1]].name, row[3], nodes[row[2]].name, row[0]))
    return [row[1:] for row in inside]


def _shared_schemes(candidate_pks) -> dict[tuple[int, int], list[SharedScheme]]:
    participations = (
        Participation.objects.filter(actor__in=candidate_pks)
        .order_by("local_scheme__sort_name", "local_scheme_id", "actor_id")
        .values_list(
            "actor_id",
            "local_scheme_id",
            "local_scheme__name",
            "local_scheme__slug",
            "local_scheme__scheme__slug",
        )
    )
    scheme_members: dict[int, set[int]] = defaultdict(set)
    scheme_refs: dict[int, SharedScheme] = {}
    for actor_id, scheme_id, name, slug, scheme_slug in participations:
        scheme_members[scheme_id].add(actor_id)
        if scheme_id not in scheme_refs:
            url = reverse(
                "actors:local_scheme_detail", kwargs={"scheme_slug": scheme_slug, "slug": slug}
            )
            scheme_refs[scheme_id] = SharedScheme(name=name, url=url)
    shared: dict[tuple[int, int], list[SharedScheme]] = defaultdict(list)
    for scheme_id, members in scheme_members.items():
        for a, b in combinations(sorted(members), 2):
            shared[(a, b)].append(scheme_refs[scheme_id])
    return shared


def link_graph(network: Network) -> nx.Graph:
    """Every actor, and one link per linked pair weighted by its relations and shared schemes."""
    graph = nx.Graph()
    graph.add_nodes_from(network.nodes)
    for source_id, target_id, *_ in network.relations:
        _link(graph, source_id, target_id)
    for a, b in network.shared:
        _link(graph, a, b)
    return graph


def _link(graph: nx.Graph, a: int, b: int) -> None:
    if graph.has_edge(a, b):
        graph[a][b]["weight"] += 1
    else:
        graph.add_edge(a, b, weight=1)


def most_linked(graph: nx.Graph, nodes: dict[int, Node], max_nodes: int) -> set[int]:
    """The pks of the ``max_nodes`` actors with the highest degree (ties by name), or all."""
    if len(nodes) <= max_nodes:
        return set(nodes)
    ranked = sorted(nodes.values(), key=lambda n: (-graph.degree(n.pk), n.name, n.pk))
    return {node.pk for node in ranked[:max_nodes]}


def shown_nodes(nodes: dict[int, Node], kept: set[int]) -> list[Node]:
    return [nodes[pk] for pk in sorted(kept, key=lambda pk: (nodes[pk].name, pk))]


def relation_edges(network: Network, kept: set[int]) -> list[RelationEdge]:
    kind_labels = dict(Relation.Kind.choices)
    nodes = network.nodes
    return [
        RelationEdge(
            source=nodes[source_id],
            target=nodes[target_id],
            kind=kind,
            kind_label=str(kind_labels.get(kind, kind)),
            since=since,
            note=note,
        )
        for source_id, target_id, kind, since, note in network.relations
        if source_id in kept and target_id in kept
    ]


def scheme_edges(network: Network, kept: set[int]) -> list[SchemeEdge]:
    """One edge per drawn pair sharing local schemes, the first actor by name as its source."""
    edges = []
    for (a, b), schemes in network.shared.items():
        if a in kept and b in kept:
            first, second = sorted(
                (network.nodes[a], network.nodes[b]), key=lambda n: (n.name, n.pk)
            )
            edges.append(SchemeEdge(source=first, target=second, schemes=schemes))
    edges.sort(key=lambda e: (e.source.name, e.target.name, e.source.pk, e.target.pk))
    return edges


def legend(network: Network, kept: set[int]) -> list[LegendEntry]:
    """The first spheres of the drawn actors, in sphere order, and « Sans sphère » if needed."""
    first_pks = {network.nodes[pk].sphere_pk for pk in kept}
    without = None in first_pks
    first_spheres = {sphere.pk: sphere for sphere in network.spheres if sphere.pk in first_pks}
    entries = [
        LegendEntry(
            name=sphere.name, color=sphere.color, shape=shape_for(index).key, sphere_pk=sphere.pk
        )
        for index, sphere in enumerate(
            sorted(first_spheres.values(), key=lambda s: (s.position, s.name))
        )
    ]
    if without:
        entries.append(
            LegendEntry(
                name=gettext("Sans sphère"),
                color=DEFAULT_COLOR,
                shape=shape_for(None).key,
                sphere_pk=None,
            )
        )
    return entries


def shape_nodes(nodes: list[Node], entries: list[LegendEntry]) -> None:
    """Give each drawn actor the shape of its first sphere in the legend."""
    shapes = {entry.sphere_pk: entry.shape for entry in entries}
    for node in nodes:
        node.shape = shapes.get(node.sphere_pk, shape_for(None).key)
