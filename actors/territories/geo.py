"""Distances on plain latitude/longitude columns (no GeoDjango).

An equirectangular approximation: within a few hundred kilometres it is off by well under 1 %,
and it is plain arithmetic, so the same expression runs on SQLite and PostgreSQL.
"""

import math
from dataclasses import dataclass

from django.db.models import ExpressionWrapper, F, FloatField, Q

KM_PER_DEGREE_LATITUDE = 110.57
KM_PER_DEGREE_LONGITUDE_AT_EQUATOR = 111.32


@dataclass(frozen=True)
class BoundingBox:
    west: float
    south: float
    east: float
    north: float

    def as_q(self, prefix: str = "") -> Q:
        return Q(
            **{
                f"{prefix}latitude__gte": self.south,
                f"{prefix}latitude__lte": self.north,
                f"{prefix}longitude__gte": self.west,
                f"{prefix}longitude__lte": self.east,
            }
        )


def around(latitude: float, longitude: float, radius_km: float) -> BoundingBox:
    km_per_degree_longitude = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(latitude))
    delta_latitude = radius_km / KM_PER_DEGREE_LATITUDE
    delta_longitude = radius_km / max(km_per_degree_longitude, 1e-6)
    return BoundingBox(
        west=longitude - delta_longitude,
        south=latitude - delta_latitude,
        east=longitude + delta_longitude,
        north=latitude + delta_latitude,
    )


def km_per_degree(latitude: float) -> tuple[float, float]:
    """Kilometres per degree of longitude and of latitude, at this latitude."""
    return KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(
        math.radians(latitude)
    ), KM_PER_DEGREE_LATITUDE


def squared_distance_km(latitude: float, longitude: float) -> ExpressionWrapper:
    """Squared distance in km² from a point to each row's (latitude, longitude)."""
    kx, ky = km_per_degree(latitude)
    dx = (F("longitude") - longitude) * kx
    dy = (F("latitude") - latitude) * ky
    return ExpressionWrapper(dx * dx + dy * dy, output_field=FloatField())


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    kx = KM_PER_DEGREE_LONGITUDE_AT_EQUATOR * math.cos(math.radians(lat1))
    return math.hypot((lon2 - lon1) * kx, (lat2 - lat1) * KM_PER_DEGREE_LATITUDE)
