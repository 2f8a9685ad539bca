"""Where a fiche stands on the map: the placing map opens on its point or its commune, and a
point placed far from the commune (a slip of the mouse) is flagged before it is saved."""

import json
import math

from django.conf import settings

from actors.fiches.services import POINT_TOLERANCE
from actors.territories.geo import distance_km

# Farther than this from the commune's centre, a point is probably misplaced: most communes
# fit in a few kilometres, and an actor placed on the map stands in or near its commune.
FAR_FROM_COMMUNE_KM = 15


def placing_map(*, actor=None, commune=None) -> dict:
    """What the placing map needs (JSON for its data attributes): the chosen commune's centre
    (`commune`, else the fiche's), which the map opens on when the fiche has no point yet and
    measures a placed point from; its name; the site's default centre."""
    commune = commune or getattr(actor, "commune", None)
    known = commune is not None and commune.latitude is not None
    return {
        "commune_point": json.dumps([commune.latitude, commune.longitude] if known else None),
        "commune_name": commune.name if known else "",
        "default_center": json.dumps(list(settings.LEAFLET_CONFIG["DEFAULT_CENTER"])),
        "far_km": FAR_FROM_COMMUNE_KM,
    }


def km_from_commune(commune, latitude, longitude) -> int | None:
    """How far the point is from the commune's centre, rounded, when it is too far; None when
    it is near enough or either point is unknown."""
    if None in (latitude, longitude) or commune is None or commune.latitude is None:
        return None
    distance = distance_km(commune.latitude, commune.longitude, latitude, longitude)
    return round(distance) if distance > FAR_FROM_COMMUNE_KM else None


def point_changes(actor, *, commune, latitude, longitude) -> bool:
    """Whether saving moves the fiche's point somewhere else, or keeps a placed point while its
    commune changes: the cases to check. A point saved as it stands was checked, or accepted,
    before; one at its commune's centre follows a new commune by itself."""
    if actor is None or actor.pk is None or actor.latitude is None:
        return True
    moved = not (
        math.isclose(latitude or 0, actor.latitude, abs_tol=POINT_TOLERANCE)
        and math.isclose(longitude or 0, actor.longitude, abs_tol=POINT_TOLERANCE)
    ) or None in (latitude, longitude)
    placed = actor.location_source != actor.LocationSource.COMMUNE
    return moved or (placed and commune != actor.commune)
