"""The radar of the 12 functions, drawn on the server as SVG (`templates/grid/_radar.svg`).

This module computes the geometry only: the rings of the scale, a spoke and a label per
function, and one line per series (the structure's view, the partners' view, the network
median). Series differ by line style and marker shape as well as by colour, so the chart reads
in black and white; a missing score leaves a gap in its line instead of a false zero. The
template draws it and the page gives the same numbers as a table."""

import math
from dataclasses import dataclass, field

from django.utils.formats import number_format

from mailleurs.grid.choices import SCALE_MAX

WIDTH, HEIGHT = 820, 600
RADIUS = 200
LABEL_GAP = 26
LABEL_CHARS = 22  # a label line holds about this many characters before it wraps


@dataclass(frozen=True)
class Point:
    x: float
    y: float


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    anchor: str
    lines: tuple[str, ...]


@dataclass(frozen=True)
class Series:
    key: str  # css class and marker: "structure", "partners", "network"
    name: str
    path: str
    points: tuple[tuple[Point, str], ...]  # each drawn value and its text

    @property
    def closed(self) -> bool:
        return self.path.endswith("Z")


@dataclass
class Radar:
    width: int = WIDTH
    height: int = HEIGHT
    center: Point = field(default_factory=lambda: Point(WIDTH / 2, HEIGHT / 2))
    rings: list[tuple[float, str, Point]] = field(default_factory=list)
    spokes: list[Point] = field(default_factory=list)
    labels: list[Label] = field(default_factory=list)
    series: list[Series] = field(default_factory=list)


def _angle(index: int, count: int) -> float:
    """The first function at the top, then clockwise."""
    return -math.pi / 2 + 2 * math.pi * index / count


def _point(center: Point, angle: float, radius: float) -> Point:
    return Point(round(center.x + radius * math.cos(angle), 1),
                 round(center.y + radius * math.sin(angle), 1))  # fmt: skip


def wrap(text: str, width: int = LABEL_CHARS) -> tuple[str, ...]:
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + 1 + len(word) > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    if current:
        lines.append(current)
    return tuple(lines)


def _label(center: Point, angle: float, text: str) -> Label:
    at = _point(center, angle, RADIUS + LABEL_GAP)
    cos = math.cos(angle)
    anchor = "middle" if abs(cos) < 0.2 else ("start" if cos > 0 else "end")
    lines = wrap(text)
    # Labels above the centre grow upwards, so that they never cover the chart.
    shift = -(len(lines) - 1) * 14 if math.sin(angle) < -0.2 else 0
    return Label(at.x, round(at.y + 4 + shift, 1), anchor, lines)


def _path(points: list[Point | None]) -> str:
    """Closed when every value is there; otherwise segments that skip the missing ones."""
    if points and all(points):
        return "M " + " L ".join(f"{p.x} {p.y}" for p in points) + " Z"
    parts, pen_down = [], False
    for point in [*points, points[0] if points else None]:
        if point is None:
            pen_down = False
            continue
        parts.append(f"{'L' if pen_down else 'M'} {point.x} {point.y}")
        pen_down = True
    return " ".join(parts)


def build_radar(labels: list[str], series: list[tuple[str, str, list[float | None]]]) -> Radar:
    """`labels`: one per function, in the grid's order; `series`: (key, name, values)."""
    radar = Radar()
    count = len(labels)
    between = _angle(1, 2 * len(labels)) if labels else 0  # the scale, between two spokes
    for level in range(1, SCALE_MAX + 1):
        radius = RADIUS * level / SCALE_MAX
        radar.rings.append((radius, str(level), _point(radar.center, between, radius + 6)))
    for index, text in enumerate(labels):
        angle = _angle(index, count)
        radar.spokes.append(_point(radar.center, angle, RADIUS))
        radar.labels.append(_label(radar.center, angle, text))
    for key, name, values in series:
        points = [
            None if value is None
            else _point(radar.center, _angle(i, count), RADIUS * value / SCALE_MAX)
            for i, value in enumerate(values)
        ]  # fmt: skip
        drawn = tuple(
            (point, number_format(round(value, 1), decimal_pos=1))
            for point, value in zip(points, values, strict=True)
            if point is not None
        )
        radar.series.append(Series(key, name, _path(points), drawn))
    return radar
