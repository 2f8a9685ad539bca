"""Map markers carry a shape by sphere, not only a colour (two of the spheres' colours are
under 3:1 against each other and the tiles): the n-th sphere, in the vocabulary's order, gets
the n-th shape. The legend (templates) and the markers (static/js/map.js, through the
`map_settings` of every page) draw the same SVG paths, in a 20×20 box."""

MARKER_SHAPES = {
    "circle": "M10 2.5a7.5 7.5 0 1 1 0 15a7.5 7.5 0 1 1 0-15Z",
    "square": "M3 3h14v14H3Z",
    "triangle": "M10 1.5L18.8 17.5H1.2Z",
    "diamond": "M10 1L19 10L10 19L1 10Z",
    "star": "M10 1l2.6 5.6 6.1.7-4.5 4.2 1.2 6-5.4-3-5.4 3 1.2-6L1.3 7.3l6.1-.7Z",
    "hexagon": "M5.5 2.2H14.5L19 10L14.5 17.8H5.5L1 10Z",
    "triangle-down": "M1.2 2.5H18.8L10 18.5Z",
}
_SHAPE_NAMES = list(MARKER_SHAPES)


def marker_shape(position: int) -> str:
    """The shape of the sphere at `position` (0 first) in the vocabulary's order; beyond the
    seventh sphere shapes come round again (colours still differ)."""
    return _SHAPE_NAMES[position % len(_SHAPE_NAMES)]


def spheres_with_shapes(spheres) -> list[tuple]:
    """(sphere, shape name) for each sphere, for a legend."""
    return [(sphere, marker_shape(position)) for position, sphere in enumerate(spheres)]
