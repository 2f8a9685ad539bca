"""The commune a search « autour » is centred on, and its radius: the map draws them (a
labelled marker and a circle) and frames the circle, and the map data carries them."""

from actors.territories.lookup import place_label


def reference_point(search) -> dict | None:
    """`{"nom", "lat", "lon", "rayon_km"}` of a valid search around a located commune."""
    commune = search.around
    if commune is None or not commune.has_point:
        return None
    return {
        "nom": place_label(commune),
        "lat": commune.latitude,
        "lon": commune.longitude,
        "rayon_km": search.filterset.radius_km,
    }
