"""Which actors of a territory the maillage draws when the page is filtered (large territories).

A filter by sphere and a minimum number of linked actors thin a hairball out; the page says how
many actors the filters hide. Links are counted on the whole territory, before any filter, so
that an actor keeps the same figure whatever else is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from actors.maillage.graph import Node
from actors.models import Sphere

# Above this many actors, the page suggests a filter to get a legible drawing.
CROWDED = 60


@dataclass(frozen=True)
class NodeFilters:
    sphere: Sphere | None = None
    min_links: int = 0

    @property
    def active(self) -> bool:
        return self.sphere is not None or self.min_links > 0


def eligible_nodes(
    graph: nx.Graph, nodes: dict[int, Node], filters: NodeFilters
) -> dict[int, Node]:
    """The actors the filters keep, by pk."""
    if not filters.active:
        return nodes
    slug = filters.sphere.slug if filters.sphere else None
    return {
        pk: node
        for pk, node in nodes.items()
        if graph.degree(pk) >= filters.min_links and (slug is None or slug in node.sphere_slugs)
    }
