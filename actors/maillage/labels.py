"""Which actors of a maillage get their name written, and where it goes around their mark.

Names are never cut: a long name is written on two lines. With few actors every name that finds
a free place is written; with many, the most linked ones (the others show when picked in the
list of actors under the drawing).
"""

from __future__ import annotations

from actors.maillage.graph import Node
from actors.maillage.layout import FEW_ISOLATED, WIDTH

LABELLED_NODES = 16
# Up to this many actors, every name is tried, isolated actors included.
EVERY_NAME_UP_TO = 24
LABEL_CANDIDATES = 40
# Estimated for the 15-unit bold label font (no font metrics on the server).
LABEL_CHAR_WIDTH = 8.4
LINE_HEIGHT = 18
WRAP_AFTER = 26
MAX_COVERED_DISCS = 2

Box = tuple[float, float, float, float]  # left, top, right, bottom


def label_lines(name: str) -> list[str]:
    """The name on one line, or on two split at the space nearest its middle."""
    if len(name) <= WRAP_AFTER or " " not in name:
        return [name]
    middle = len(name) / 2
    spaces = [i for i, char in enumerate(name) if char == " "]
    cut = min(spaces, key=lambda i: abs(i - middle))
    return [name[:cut], name[cut + 1 :]]


def choose_labels(shown: list[Node], height: int) -> list[Node]:
    """Write names where they overlap no other name and cover few other marks.

    Tried in order of degree (then betweenness, name); each label goes right, left, above or
    below its mark, wherever it covers the fewest other marks.
    """
    discs = [(n.x, n.y, n.radius) for n in shown]
    alone = [n for n in shown if n.degree == 0]
    if len(shown) <= EVERY_NAME_UP_TO:
        candidates, limit, extra = list(shown), len(shown), []
    else:
        candidates, limit = [n for n in shown if n.degree > 0], LABELLED_NODES
        # The layout left room beside each of a few isolated actors: their names fit there.
        extra = alone if len(alone) <= FEW_ISOLATED else []
    candidates.sort(key=lambda n: (-n.degree, -n.betweenness, n.name, n.pk))
    boxes: list[Box] = []
    labelled: list[Node] = []
    for node in candidates[: max(limit, LABEL_CANDIDATES)]:
        if len(labelled) >= limit:
            break
        if _write_label(node, discs, boxes, height):
            labelled.append(node)
    labelled += [node for node in extra if _write_label(node, discs, boxes, height)]
    return labelled


def _write_label(node: Node, discs, boxes: list[Box], height: int) -> bool:
    node.label_lines = label_lines(node.label)
    best = _best_place(node, discs, boxes, height)
    if best is None or best[0] > MAX_COVERED_DISCS:
        return False
    _, node.label_anchor, lx, ly, box = best
    node.label_x, node.label_y = round(lx, 1), round(ly, 1)
    node.show_label = True
    boxes.append(box)
    return True


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
    """Right, left, above and below the mark: text anchor, first baseline and estimated box."""
    lines = node.label_lines
    w = LABEL_CHAR_WIDTH * max(len(line) for line in lines) + 4
    extra = (len(lines) - 1) * LINE_HEIGHT  # from the first baseline to the last
    gap = node.radius + 5
    x, y = node.x, node.y
    side = y + 5 - extra / 2
    above = y - gap - 4 - extra
    below = y + gap + 12
    return [
        ("start", x + gap, side, (x + gap, side - 12, x + gap + w, side + extra + 4)),
        ("end", x - gap, side, (x - gap - w, side - 12, x - gap, side + extra + 4)),
        ("middle", x, above, (x - w / 2, above - 12, x + w / 2, above + extra + 4)),
        ("middle", x, below, (x - w / 2, below - 12, x + w / 2, below + extra + 4)),
    ]


def _overlap(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]
