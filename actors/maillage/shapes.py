"""The shape of each actor's mark in the maillage: one per first sphere, so that the category
reads without colour (WCAG 1.4.1). Paths are drawn in a box from -1 to 1, reused by ``<use>``."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Shape:
    key: str
    path: str


SHAPES = [
    Shape("disque", "M0 -1 A1 1 0 1 1 0 1 A1 1 0 1 1 0 -1 Z"),
    Shape("carre", "M-0.85 -0.85 H0.85 V0.85 H-0.85 Z"),
    Shape("triangle", "M0 -1.05 L1 0.8 H-1 Z"),
    Shape("losange", "M0 -1.1 L1.1 0 L0 1.1 L-1.1 0 Z"),
    Shape("hexagone", "M-0.5 -0.9 H0.5 L1 0 L0.5 0.9 H-0.5 L-1 0 Z"),
    Shape(
        "etoile",
        "M0 -1.1 L0.3 -0.35 L1.05 -0.35 L0.45 0.12 L0.68 0.9 L0 0.42 "
        "L-0.68 0.9 L-0.45 0.12 L-1.05 -0.35 L-0.3 -0.35 Z",
    ),
    Shape("croix", "M-0.35 -1 H0.35 V-0.35 H1 V0.35 H0.35 V1 H-0.35 V0.35 H-1 V-0.35 H-0.35 Z"),
    Shape("triangle-bas", "M0 1.05 L1 -0.8 H-1 Z"),
]
# Actors without a sphere: a ring apart from every sphere's shape.
NO_SPHERE = Shape(
    "anneau",
    "M0 -1 A1 1 0 1 1 0 1 A1 1 0 1 1 0 -1 Z M0 -0.5 A0.5 0.5 0 1 0 0 0.5 A0.5 0.5 0 1 0 0 -0.5 Z",
)


def shape_for(index: int | None) -> Shape:
    """The shape of the ``index``-th sphere of the legend, or the ring without a sphere."""
    if index is None:
        return NO_SPHERE
    return SHAPES[index % len(SHAPES)]


def used_shapes() -> list[Shape]:
    return [*SHAPES, NO_SPHERE]
