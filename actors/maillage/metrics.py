"""Figures of a maillage, computed by networkx: degree, betweenness, groups, passerelles."""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from actors.maillage.graph import Node

ACTION_SOCIALE = "action-sociale"
DEVELOPPEMENT_LOCAL = "developpement-local"
TOP_PASSERELLES = 10


@dataclass
class Passerelle:
    node: Node
    both_spheres: bool
    links_spheres: bool


def isolated_nodes(graph: nx.Graph, nodes: dict[int, Node]) -> list[Node]:
    """Actors linked to no other actor of the graph, by name."""
    return sorted(
        (nodes[pk] for pk in graph.nodes if graph.degree(pk) == 0), key=lambda n: (n.name, n.pk)
    )


def measure_nodes(graph: nx.Graph, shown: list[Node]) -> None:
    """Set each node's degree and betweenness in the drawn graph."""
    betweenness = nx.betweenness_centrality(graph) if graph.number_of_nodes() > 2 else {}
    for node in shown:
        node.degree = graph.degree(node.pk)
        node.betweenness = betweenness.get(node.pk, 0.0)


def density(graph: nx.Graph) -> float:
    return nx.density(graph) if graph.number_of_nodes() > 1 else 0.0


def linked_groups(graph: nx.Graph) -> int:
    """Connected components of at least two actors: isolated actors are not groups."""
    return sum(1 for component in nx.connected_components(graph) if len(component) > 1)


def find_passerelles(graph: nx.Graph, nodes: dict[int, Node]) -> list[Passerelle]:
    """Every passerelle of the graph, by betweenness, degree and name (degrees measured first)."""
    found = []
    for pk in graph.nodes:
        node = nodes[pk]
        both = {ACTION_SOCIALE, DEVELOPPEMENT_LOCAL} <= node.sphere_slugs
        spheres_of = [nodes[n].sphere_slugs for n in graph.neighbors(pk)]
        # A bridge between the two worlds: linked to an actor of action sociale only and to an
        # actor of développement local only.
        social = any(ACTION_SOCIALE in s and DEVELOPPEMENT_LOCAL not in s for s in spheres_of)
        local = any(DEVELOPPEMENT_LOCAL in s and ACTION_SOCIALE not in s for s in spheres_of)
        links = social and local
        if both or links:
            found.append(Passerelle(node=node, both_spheres=both, links_spheres=links))
    found.sort(key=lambda p: (-p.node.betweenness, -p.node.degree, p.node.name, p.node.pk))
    return found
