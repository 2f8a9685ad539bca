"""The map's data: the directory's search (one FilterSet for the list, the map and the exports),
restricted to a bounding box, as GeoJSON points — or, when the view holds more points than a
threshold, as clusters aggregated on the server on a grid that depends on the zoom.

Grid: a cell is a quarter of a 256 px web-map tile, in degrees of longitude and latitude alike,
`cell = 360 / 2**zoom / 4` (zoom 6: 1.41°, zoom 9: 0.18°, zoom 14: 0.005°), so a cluster stands
for about 64 × 64 px on screen (a little taller at French latitudes) and a view of 1,024 px
never holds more than a few hundred cells. One GROUP BY query on `floor(lon / cell)`,
`floor(lat / cell)` and the actor type gives each cell's count, mean position and dominant
sphere (by the types' usual sphere): it runs on SQLite and PostgreSQL alike. In clustered
responses the bbox is first grown to whole cells, so `total` counts the actors of the cells
that touch the view.
"""

import math
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Avg, Count, F, OuterRef, Subquery
from django.db.models.functions import Floor
from django.urls import reverse
from django.utils.translation import gettext as _

from actors.map.shapes import marker_shape
from actors.models import Actor, ActorType, PublicationStatus, Sphere
from actors.territories.geo import BoundingBox

DEFAULT_CLUSTER_THRESHOLD = 400
CELLS_PER_TILE = 4
MIN_ZOOM, MAX_ZOOM = 0, 20
DEFAULT_ZOOM = 5  # grid used when the request gives neither zoom nor bbox
COORDINATE_DECIMALS = 5  # about one metre


class MapParameterError(ValueError):
    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


@dataclass(frozen=True)
class MapView:
    """A map position, as kept in the page's URL: `vue=lat,lon,zoom`."""

    latitude: float
    longitude: float
    zoom: int

    def as_dict(self) -> dict:
        return {"lat": self.latitude, "lon": self.longitude, "zoom": self.zoom}


def _finite_floats(text: str, count: int) -> list[float] | None:
    parts = text.split(",")
    if len(parts) != count:
        return None
    try:
        numbers = [float(part) for part in parts]
    except ValueError:
        return None
    return numbers if all(math.isfinite(n) for n in numbers) else None


def parse_bbox(value: str | None) -> BoundingBox | None:
    """`west,south,east,north` in degrees, or None when the parameter is absent."""
    if value is None or value.strip() == "":
        return None
    numbers = _finite_floats(value.strip(), 4)
    if numbers is None:
        raise MapParameterError(
            "bbox",
            _(
                "Le cadre « bbox » doit contenir quatre nombres séparés par des virgules : "
                "ouest,sud,est,nord."
            ),
        )
    west, south, east, north = numbers
    if not all(-180 <= n <= 180 for n in (west, east)) or not all(
        -90 <= n <= 90 for n in (south, north)
    ):
        raise MapParameterError(
            "bbox",
            _(
                "Le cadre « bbox » sort du globe : longitudes entre -180 et 180, "
                "latitudes entre -90 et 90."
            ),
        )
    if west >= east or south >= north:
        raise MapParameterError(
            "bbox",
            _("Le cadre « bbox » est vide : l’ouest doit précéder l’est et le sud le nord."),
        )
    return BoundingBox(west=west, south=south, east=east, north=north)


def zoom_for(bbox: BoundingBox | None) -> int:
    """A zoom for a request that gives a bbox but no zoom: the bbox seen about 1,024 px wide."""
    if bbox is None:
        return DEFAULT_ZOOM
    scale = 360 * 4 / (bbox.east - bbox.west)
    if not math.isfinite(scale):  # a box narrower than a float can divide: the closest zoom
        return MAX_ZOOM
    return max(MIN_ZOOM, min(MAX_ZOOM, int(math.log2(scale))))


def parse_zoom(value: str | None, bbox: BoundingBox | None) -> int:
    if value is None or value.strip() == "":
        return zoom_for(bbox)
    try:
        zoom = int(value.strip())
    except ValueError:
        zoom = None
    if zoom is None or not MIN_ZOOM <= zoom <= MAX_ZOOM:
        raise MapParameterError(
            "zoom",
            _("Le niveau de zoom doit être un nombre entier entre %(min)d et %(max)d.")
            % {"min": MIN_ZOOM, "max": MAX_ZOOM},
        )
    return zoom


def parse_map_parameters(data) -> tuple[BoundingBox | None, int, dict[str, list[str]]]:
    """(bbox, zoom, errors) read from the query string."""
    errors: dict[str, list[str]] = {}
    bbox = None
    try:
        bbox = parse_bbox(data.get("bbox"))
    except MapParameterError as error:
        errors[error.field] = [error.message]
    zoom = DEFAULT_ZOOM
    try:
        zoom = parse_zoom(data.get("zoom"), bbox)
    except MapParameterError as error:
        errors[error.field] = [error.message]
    return bbox, zoom, errors


def parse_view(value: str | None) -> MapView | None:
    """The `vue` parameter of the map page; None when absent or malformed (the page then
    frames the results)."""
    numbers = _finite_floats((value or "").strip(), 3)
    if numbers is None:
        return None
    latitude, longitude, zoom = numbers
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180 and MIN_ZOOM <= zoom <= MAX_ZOOM):
        return None
    return MapView(latitude=latitude, longitude=longitude, zoom=int(zoom))


def cell_size(zoom: int) -> float:
    return 360 / 2**zoom / CELLS_PER_TILE


def cluster_threshold() -> int:
    return int(getattr(settings, "MAP_CLUSTER_THRESHOLD", DEFAULT_CLUSTER_THRESHOLD))


def _first_sphere():
    """The actor's first sphere (in the vocabulary's order), as a correlated subquery."""
    links = Actor.spheres.through.objects.filter(actor_id=OuterRef("pk"))
    return Subquery(links.order_by("sphere__position", "sphere__name").values("sphere_id")[:1])


def _point(longitude: float, latitude: float) -> dict:
    return {
        "type": "Point",
        "coordinates": [
            round(longitude, COORDINATE_DECIMALS),
            round(latitude, COORDINATE_DECIMALS),
        ],
    }


def _actor_url_prefix() -> str:
    placeholder = "slug-placeholder"
    return reverse("actors:actor_detail", kwargs={"slug": placeholder}).split(placeholder)[0]


def _point_features(located, spheres: dict) -> list[dict]:
    prefix = _actor_url_prefix()
    rows = located.values(
        "latitude",
        "longitude",
        "name",
        "slug",
        "status",
        type_name=F("actor_type__name"),
        commune_name=F("commune__name"),
        first_sphere=_first_sphere(),
    )
    labels = dict(PublicationStatus.choices)
    features = []
    for row in rows:
        sphere_slug, color, shape = spheres.get(row["first_sphere"], ("", "", "circle"))
        properties = {
            "name": row["name"],
            "slug": row["slug"],
            "url": f"{prefix}{row['slug']}/",
            "type": row["type_name"],
            "commune": row["commune_name"],
            "sphere": sphere_slug,
            "color": color,
            "shape": shape,
        }
        # Moderators (and an author, for their own fiches) see drafts and fiches in review on
        # the map: such a point says so.
        if row["status"] != PublicationStatus.PUBLISHED:
            properties["status"] = str(labels.get(row["status"], row["status"]))
        features.append(
            {
                "type": "Feature",
                "geometry": _point(row["longitude"], row["latitude"]),
                "properties": properties,
            }
        )
    return features


def _snapped(bbox: BoundingBox | None, cell: float) -> BoundingBox | None:
    """The bbox grown to whole grid cells, so that the cells at the edges of the view are
    complete and do not change while the map is panned."""
    if bbox is None:
        return None
    return BoundingBox(
        west=max(-180.0, math.floor(bbox.west / cell) * cell),
        south=max(-90.0, math.floor(bbox.south / cell) * cell),
        east=min(180.0, math.ceil(bbox.east / cell) * cell),
        north=min(90.0, math.ceil(bbox.north / cell) * cell),
    )


def _cluster_features(located, bbox: BoundingBox | None, zoom: int) -> list[dict]:
    """One GROUP BY (cell, actor type) query. The cluster's colour is the sphere its actors'
    types usually belong to (`ActorType.sphere`): a column of the actor row, so no join."""
    cell = cell_size(zoom)
    snapped = _snapped(bbox, cell)
    if snapped is not None:
        located = located.filter(snapped.as_q())
    rows = (
        located.order_by()
        .annotate(gx=Floor(F("longitude") / cell), gy=Floor(F("latitude") / cell))
        .values("gx", "gy", "actor_type_id")
        .annotate(n=Count("pk"), lat=Avg("latitude"), lon=Avg("longitude"))
        .order_by()
    )
    colors = dict(ActorType.objects.values_list("pk", "sphere__color"))
    cells: dict[tuple, dict] = {}
    for row in rows:
        entry = cells.setdefault((row["gx"], row["gy"]), {"n": 0, "lat": 0.0, "lon": 0.0})
        entry["n"] += row["n"]
        entry["lat"] += row["lat"] * row["n"]
        entry["lon"] += row["lon"] * row["n"]
        color = colors.get(row["actor_type_id"]) or ""
        by_color = entry.setdefault("colors", {})
        by_color[color] = by_color.get(color, 0) + row["n"]
    features = []
    for entry in sorted(cells.values(), key=lambda entry: -entry["n"]):
        n = entry["n"]
        features.append(
            {
                "type": "Feature",
                "geometry": _point(entry["lon"] / n, entry["lat"] / n),
                "properties": {
                    "cluster": True,
                    "count": n,
                    "color": max(entry["colors"].items(), key=lambda item: item[1])[0],
                },
            }
        )
    return features


def map_features(actors, *, bbox: BoundingBox | None, zoom: int, threshold: int) -> dict:
    """A GeoJSON FeatureCollection of the actors of a search that have a point in `bbox`, with
    `total` and `clustered`. Three queries, whatever the number of actors: a probe that reads
    at most `threshold + 1` ids (cheaper than a count), then the vocabulary colours and the
    points, or the grid."""
    located = actors.filter(latitude__isnull=False, longitude__isnull=False)
    in_view = located.filter(bbox.as_q()) if bbox is not None else located
    probe = len(in_view.order_by().values_list("pk", flat=True)[: threshold + 1])
    clustered = probe > threshold
    if clustered:
        features = _cluster_features(located, bbox, zoom)
        total = sum(feature["properties"]["count"] for feature in features)
    else:
        spheres = {
            pk: (slug, color, marker_shape(position))
            for position, (pk, slug, color) in enumerate(
                Sphere.objects.values_list("pk", "slug", "color")
            )
        }
        features = _point_features(in_view, spheres)
        total = len(features)
    return {
        "type": "FeatureCollection",
        "total": total,
        "clustered": clustered,
        "zoom": zoom,
        "features": features,
    }
