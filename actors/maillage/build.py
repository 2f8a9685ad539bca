"""``build_maillage``: the maillage of a territory, ready for the template (see actors.maillage)."""

from __future__ import annotations

from dataclasses import dataclass, field

from actors.maillage.graph import (
    LegendEntry,
    Node,
    RelationEdge,
    SchemeEdge,
    legend,
    link_graph,
    load_network,
    most_linked,
    relation_edges,
    scheme_edges,
    shape_nodes,
    shown_nodes,
)
from actors.maillage.labels import choose_labels
from actors.maillage.layout import NETWORK_HEIGHT, WIDTH, place_nodes, size_discs
from actors.maillage.metrics import (
    TOP_PASSERELLES,
    Passerelle,
    density,
    find_passerelles,
    isolated_nodes,
    linked_groups,
    measure_nodes,
)
from actors.maillage.selection import CROWDED, NodeFilters, eligible_nodes
from actors.maillage.shapes import Shape, used_shapes
from actors.models import Territory, Theme


@dataclass
class Maillage:
    territory: Territory
    theme: Theme | None
    nodes: list[Node]
    relation_edges: list[RelationEdge]
    scheme_edges: list[SchemeEdge]
    isolated: list[Node]
    passerelles: list[Passerelle]
    passerelle_count: int
    total_nodes: int
    linked_pairs: int
    density: float
    groups: int
    legend: list[LegendEntry]
    filters: NodeFilters = field(default_factory=NodeFilters)
    eligible_nodes: int = 0
    width: int = WIDTH
    height: int = NETWORK_HEIGHT
    isolated_band_y: float | None = None
    labelled: list[Node] = field(default_factory=list)

    @property
    def shown_nodes(self) -> int:
        return len(self.nodes)

    @property
    def capped(self) -> bool:
        """Fewer actors drawn than the filters keep: only the most linked are drawn."""
        return self.shown_nodes < self.eligible_nodes

    @property
    def hidden_by_filters(self) -> int:
        return self.total_nodes - self.eligible_nodes

    @property
    def crowded(self) -> bool:
        return self.shown_nodes > CROWDED

    @property
    def edge_count(self) -> int:
        return len(self.relation_edges) + len(self.scheme_edges)

    @property
    def density_percent(self) -> float:
        return round(self.density * 100, 1)

    @property
    def isolated_label_y(self) -> float | None:
        return None if self.isolated_band_y is None else self.isolated_band_y + 18

    @property
    def shapes(self) -> list[Shape]:
        return used_shapes()

    @property
    def view_box(self) -> str:
        return f"0 0 {self.width} {self.height}"


def build_maillage(
    *,
    territory: Territory,
    theme: Theme | None = None,
    user,
    filters: NodeFilters | None = None,
    max_nodes: int = 250,
) -> Maillage:
    filters = filters or NodeFilters()
    network = load_network(territory=territory, theme=theme, user=user)
    full = link_graph(network)
    eligible = eligible_nodes(full, network.nodes, filters)
    kept = most_linked(full, eligible, max_nodes)
    graph = full.subgraph(sorted(kept)).copy()
    shown = shown_nodes(network.nodes, kept)
    # Degrees first: disc sizes, passerelles and labels all depend on them.
    measure_nodes(graph, shown)
    size_discs(shown)
    passerelles = find_passerelles(graph, network.nodes)
    height, band_y = place_nodes(graph, network.nodes)
    entries = legend(network, kept)
    shape_nodes(shown, entries)
    return Maillage(
        territory=territory,
        theme=theme,
        nodes=shown,
        relation_edges=relation_edges(network, kept),
        scheme_edges=scheme_edges(network, kept),
        isolated=isolated_nodes(full, network.nodes),
        passerelles=passerelles[:TOP_PASSERELLES],
        passerelle_count=len(passerelles),
        total_nodes=len(network.nodes),
        linked_pairs=graph.number_of_edges(),
        density=density(graph),
        groups=linked_groups(graph),
        legend=entries,
        filters=filters,
        eligible_nodes=len(eligible),
        height=height,
        isolated_band_y=band_y,
        # Names are placed last, around discs that have their size and place.
        labelled=choose_labels(shown, height),
    )
