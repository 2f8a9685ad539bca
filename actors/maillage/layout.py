"""Where each actor of a maillage is drawn in the SVG, and how big its disc is.

Linked actors are placed by the force layout and scaled into ``0..WIDTH × 0..NETWORK_HEIGHT``
with margins; isolated actors are set apart in rows under the network.
"""

from __future__ import annotations

import math

import networkx as nx

from actors.maillage.graph import Node
from actors.maillage.spring import cached_spring_positions

WIDTH = 1000
NETWORK_HEIGHT = 640
MARGIN = 40
ISOLATED_ROW_HEIGHT = 34
ISOLATED_SPACING = 30
# A few isolated actors get room for their written name beside their mark.
FEW_ISOLATED = 12
NAMED_ISOLATED_SPACING = 310
NAMED_ROW_HEIGHT = 50


def size_discs(shown: list[Node]) -> None:
    """A disc's radius grows with the square root of its degree (degrees measured first)."""
    for node in shown:
        node.radius = round(min(5 + 2.2 * math.sqrt(node.degree), 18), 1)


def place_nodes(graph: nx.Graph, nodes: dict[int, Node]) -> tuple[int, float | None]:
    """Place linked actors by force layout, isolated ones in rows below.

    Returns the height of the drawing and the top of the band of isolated actors (None without
    isolated actors).
    """
    linked = [pk for pk in sorted(graph.nodes) if graph.degree(pk) > 0]
    alone = sorted(
        (pk for pk in graph.nodes if graph.degree(pk) == 0),
        key=lambda pk: (nodes[pk].name, pk),
    )
    positions = cached_spring_positions(graph.subgraph(linked)) if linked else {}
    _scale_into_network_area(positions, nodes)
    if not alone:
        return NETWORK_HEIGHT, None
    return _place_in_rows(alone, nodes, top=NETWORK_HEIGHT if positions else 0)


def _scale_into_network_area(
    positions: dict[int, tuple[float, float]], nodes: dict[int, Node]
) -> None:
    if not positions:
        return
    xs = [p[0] for p in positions.values()]
    ys = [p[1] for p in positions.values()]
    min_x, span_x = min(xs), (max(xs) - min(xs)) or 1.0
    min_y, span_y = min(ys), (max(ys) - min(ys)) or 1.0
    inner_w, inner_h = WIDTH - 2 * MARGIN, NETWORK_HEIGHT - 2 * MARGIN
    for pk, (x, y) in positions.items():
        node = nodes[pk]
        node.x = round(MARGIN + (x - min_x) / span_x * inner_w, 1)
        node.y = round(MARGIN + (y - min_y) / span_y * inner_h, 1)
        if len(positions) == 1:
            node.x, node.y = WIDTH / 2, NETWORK_HEIGHT / 2


def _place_in_rows(alone: list[int], nodes: dict[int, Node], *, top: int) -> tuple[int, float]:
    named = len(alone) <= FEW_ISOLATED
    spacing = NAMED_ISOLATED_SPACING if named else ISOLATED_SPACING
    # Written names may take two lines: named rows are taller, under the band's title.
    row_height, first_row = (NAMED_ROW_HEIGHT, 50) if named else (ISOLATED_ROW_HEIGHT, 30)
    per_row = max(1, (WIDTH - 2 * MARGIN) // spacing + 1)
    rows = math.ceil(len(alone) / per_row)
    band_y = top + 10
    for index, pk in enumerate(alone):
        row, column = divmod(index, per_row)
        node = nodes[pk]
        node.x = float(MARGIN + column * spacing)
        node.y = float(band_y + first_row + row * row_height)
    return int(band_y + first_row + rows * row_height), band_y
