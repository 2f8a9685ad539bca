"""Which actors of a maillage get their name written, and where it goes around their disc."""

from __future__ import annotations

from actors.maillage.graph import Node
from actors.maillage.layout import WIDTH

LABELLED_NODES = 14
LABEL_CANDIDATES = 40
LABEL_CHAR_WIDTH = 7.4
MAX_COVERED_DISCS = 2

Box = tuple[float, float, float, float]  # left, top, right, bottom


def choose_labels(shown: list[Node], height: int) -> list[Node]:
    """Write the names of the most linked actors where they overlap no other name.

    Up to LABELLED_NODES labels, tried in order of degree among the LABEL_CANDIDATES most
    linked actors; each label goes right, left, above or below its disc, wherever it covers
    the fewest other discs. Text width is estimated (no font metrics on the server).
    """
    discs = [(n.x, n.y, n.radius) for n in shown]
    linked = [node for node in shown if node.degree > 0]
    linked.sort(key=lambda n: (-n.degree, -n.betweenness, n.name, n.pk))
    boxes: list[Box] = []
    labelled = []
    for node in linked[:LABEL_CANDIDATES]:
        if len(labelled) >= LABELLED_NODES:
            break
        best = _best_place(node, discs, boxes, height)
        if best is None or best[0] > MAX_COVERED_DISCS:
            continue
        _, node.label_anchor, lx, ly, box = best
        node.label_x, node.label_y = round(lx, 1), round(ly, 1)
        node.show_label = True
        boxes.append(box)
        labelled.append(node)
    return labelled


def _best_place(node: Node, discs, boxes: list[Box], height: int):
    """(covered discs, anchor, x, y, box) of the free place covering fewest discs, or None."""
    x, y = node.x, node.y
    best = None
    for anchor, lx, ly, box in _places(node):
        if box[0] < 2 or box[1] < 2 or box[2] > WIDTH - 2 or box[3] > height - 2:
            continue
        if any(_overlap(box, other) for other in boxes):
            continue
        covered = sum(
            1
            for cx, cy, r in discs
            if (cx, cy) != (x, y) and _overlap(box, (cx - r, cy - r, cx + r, cy + r))
        )
        if best is None or covered < best[0]:
            best = (covered, anchor, lx, ly, box)
    return best


def _places(node: Node) -> list[tuple[str, float, float, Box]]:
    """Right, left, above and below the disc: text anchor, text position and estimated box."""
    w, gap = LABEL_CHAR_WIDTH * len(node.label) + 4, node.radius + 4
    x, y = node.x, node.y
    return [
        ("start", x + gap, y + 4, (x + gap, y - 10, x + gap + w, y + 5)),
        ("end", x - gap, y + 4, (x - gap - w, y - 10, x - gap, y + 5)),
        ("middle", x, y - gap, (x - w / 2, y - gap - 11, x + w / 2, y - gap + 4)),
        ("middle", x, y + gap + 10, (x - w / 2, y + gap - 1, x + w / 2, y + gap + 14)),
    ]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
