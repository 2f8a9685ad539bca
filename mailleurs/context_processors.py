from django.conf import settings

from actors.map.shapes import MARKER_SHAPES
from mailleurs.navigation import main_navigation


def site(request):
    return {
        "SITE_NAME": settings.SITE_NAME,
        "main_navigation": main_navigation(request.path),
        # Read by the map scripts through json_script: tiles come from settings.
        "map_settings": {
            "tilesUrl": settings.MAP_TILES_URL,
            "attribution": settings.MAP_TILES_ATTRIBUTION,
            "markerShapes": MARKER_SHAPES,
        },
    }
