"""Just enough planar geometry for the territory sources: hex (E)WKB, centroids, point in polygon.

Coordinates are (longitude, latitude) pairs in degrees, as in the source files. No Django, no
GEOS: the import must run wherever the project runs. (Distances on database columns: `geo`.)
"""

from __future__ import annotations

import math
import struct
from collections.abc import Sequence

Point = tuple[float, float]
Polygons = list[list[list[Point]]]  # polygons → rings (outer first) → points


class _WkbReader:
    """Just enough (E)WKB for points, polygons and multipolygons, with optional SRID/Z/M."""

    def __init__(self, data: bytes):
        self.data = data
        self.offset = 0

    def _unpack(self, fmt: str):
        values = struct.unpack_from(fmt, self.data, self.offset)
        self.offset += struct.calcsize(fmt)
        return values

    def geometry(self):
        (order,) = self._unpack("B")
        endian = "<" if order == 1 else ">"
        (raw_type,) = self._unpack(f"{endian}I")
        if raw_type & 0x20000000:
            self._unpack(f"{endian}I")  # SRID
        base = raw_type & 0x0FFFFFFF
        dims = 2 + bool(raw_type & 0x80000000) + bool(raw_type & 0x40000000)
        dims += {1: 1, 2: 1, 3: 2}.get(base // 1000, 0)
        base %= 1000
        if base == 1:
            return ("point", self._unpack(f"{endian}{dims}d")[:2])
        if base == 3:
            return ("polygon", self._polygon(endian, dims))
        if base == 6:
            (count,) = self._unpack(f"{endian}I")
            polygons = []
            for _ in range(count):
                kind, rings = self.geometry()
                if kind == "polygon":
                    polygons.append(rings)
            return ("multipolygon", polygons)
        raise ValueError(f"type WKB non pris en charge : {raw_type}")

    def _polygon(self, endian: str, dims: int) -> list[list[Point]]:
        (ring_count,) = self._unpack(f"{endian}I")
        rings = []
        for _ in range(ring_count):
            (count,) = self._unpack(f"{endian}I")
            flat = self._unpack(f"{endian}{count * dims}d")
            rings.append([(flat[i], flat[i + 1]) for i in range(0, len(flat), dims)])
        return rings


def _read_ewkb(value: str) -> tuple[str | None, object]:
    """(kind, coordinates) of a hex (E)WKB value; (None, None) if empty, null (``\\N``) or
    unreadable."""
    value = (value or "").strip()
    if not value or value == "\\N":
        return None, None
    try:
        return _WkbReader(bytes.fromhex(value)).geometry()
    except (ValueError, struct.error):
        return None, None


def parse_ewkb_point(value: str) -> Point | None:
    """(longitude, latitude) of a hex (E)WKB point, or None if empty, null or not a point."""
    kind, coords = _read_ewkb(value)
    if kind != "point" or not all(math.isfinite(c) for c in coords):
        return None
    return coords


def parse_ewkb_polygons(value: str) -> Polygons | None:
    """The polygons of a hex (E)WKB polygon or multipolygon, or None."""
    kind, coords = _read_ewkb(value)
    if kind == "polygon":
        return [coords]
    if kind == "multipolygon":
        return coords
    return None


def mean_point(points: Sequence[Point]) -> Point:
    """The plain mean of one or more points."""
    return (
        sum(x for x, _ in points) / len(points),
        sum(y for _, y in points) / len(points),
    )


def weighted_mean_point(weighted: Sequence[tuple[Point, float]], total_weight: float) -> Point:
    """The mean of (point, weight) pairs whose weights add up to ``total_weight`` (not zero)."""
    return (
        sum(p[0] * w for p, w in weighted) / total_weight,
        sum(p[1] * w for p, w in weighted) / total_weight,
    )


def polygons_centroid(polygons: Polygons) -> Point | None:
    """Area-weighted centroid of the outer rings (holes ignored); vertex mean if degenerate."""
    outer_rings = [rings[0] for rings in polygons if rings and rings[0]]
    total_area = sum_x = sum_y = 0.0
    for ring in outer_rings:
        area = ring_x = ring_y = 0.0
        for (x0, y0), (x1, y1) in zip(ring, ring[1:] + ring[:1], strict=True):
            cross = x0 * y1 - x1 * y0
            area += cross
            ring_x += (x0 + x1) * cross
            ring_y += (y0 + y1) * cross
        if area:  # each ring's own centroid, weighted by its absolute area
            total_area += abs(area)
            sum_x += ring_x / (3 * area) * abs(area)
            sum_y += ring_y / (3 * area) * abs(area)
    if total_area > 1e-12:
        return (sum_x / total_area, sum_y / total_area)
    vertices = [point for ring in outer_rings for point in ring]
    return mean_point(vertices) if vertices else None


def ewkb_centroid(value: str) -> Point | None:
    """(longitude, latitude) of the area-weighted centroid of a (multi)polygon's outer rings."""
    polygons = parse_ewkb_polygons(value)
    return polygons_centroid(polygons) if polygons else None


def point_in_polygons(point: Point, polygons: Polygons) -> bool:
    """Even-odd rule over every ring, so holes count as outside."""
    x, y = point
    inside = False
    for rings in polygons:
        for ring in rings:
            x0, y0 = ring[-1]
            for x1, y1 in ring:
                if (y1 > y) != (y0 > y) and x < (x0 - x1) * (y - y1) / (y0 - y1) + x1:
                    inside = not inside
                x0, y0 = x1, y1
    return inside


def distance_to_polygons(point: Point, polygons: Polygons) -> float:
    """Smallest planar distance, in degrees, from `point` to the rings' edges."""
    px, py = point
    best = math.inf
    for rings in polygons:
        for ring in rings:
            for (ax, ay), (bx, by) in zip(ring, ring[1:] + ring[:1], strict=True):
                dx, dy = bx - ax, by - ay
                length = dx * dx + dy * dy
                t = max(0.0, min(1.0, ((px - ax) * dx + (py - ay) * dy) / length)) if length else 0
                best = min(best, math.hypot(px - ax - t * dx, py - ay - t * dy))
    return best
