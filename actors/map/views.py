"""The map page `/carte/` and its data `/api/acteurs.geojson`: the directory's search
(`run_search`, one FilterSet) plus a bounding box and a zoom."""

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from actors import policies
from actors.cache import cached, digest, generation_key
from actors.directory.query import facets_for, run_search
from actors.map import data as map_data
from actors.map.reference import reference_point
from actors.models import Sphere

MAP_CACHE_SECONDS = 60
MAP_DATA_CACHE_SECONDS = 120
LIST_LIMIT = 50  # actors listed on the page without JavaScript
MAP_FACETS = {"sphere": _("Sphères"), "type": _("Types d’acteurs"), "theme": _("Thèmes")}
# Filters the map form has no field for: kept as hidden inputs so that a search coming from
# the directory keeps them.
HIDDEN_FILTERS = ("competence", "profession", "dispositif", "dispositif_local", "tri")
NOT_FILTERS = ("vue", "page", "bbox", "zoom")


def _filters_query(data) -> str:
    query = data.copy()
    for name in NOT_FILTERS:
        query.pop(name, None)
    return query.urlencode()


def _default_view() -> str:
    """Where the map opens when the search has no located actor: LEAFLET_CONFIG's default."""
    latitude, longitude = settings.LEAFLET_CONFIG.get("DEFAULT_CENTER", (46.6, 2.4))
    return f"{latitude},{longitude},{settings.LEAFLET_CONFIG.get('DEFAULT_ZOOM', 6)}"


def _cached_features(request, search, *, bbox, zoom) -> dict:
    """The same view of the same search is shared by every visitor until the data changes
    (the opening view of /carte/ above all); the cache generation moves on any write."""
    params = sorted((k, v) for k in request.GET for v in request.GET.getlist(k) if k != "vue")
    return cached(
        generation_key("map", digest(params, policies.visibility_key(request.user))),
        lambda: map_data.map_features(
            search.actors, bbox=bbox, zoom=zoom, threshold=map_data.cluster_threshold()
        ),
        seconds=MAP_DATA_CACHE_SECONDS,
    )


@require_safe
def actors_geojson(request):
    bbox, zoom, errors = map_data.parse_map_parameters(request.GET)
    search = run_search(request.GET, user=request.user, request=request)
    if not search.is_valid:
        errors = {name: list(messages) for name, messages in search.errors.items()} | errors
    if errors:
        return JsonResponse(
            {"erreurs": errors}, status=400, json_dumps_params={"ensure_ascii": False}
        )
    data = _cached_features(request, search, bbox=bbox, zoom=zoom)
    reference = reference_point(search)
    if reference is not None:
        data = data | {"reference": reference}
    response = JsonResponse(
        data, json_dumps_params={"ensure_ascii": False, "separators": (",", ":")}
    )
    # The data depends on the visitor (moderators see drafts): private, briefly.
    patch_cache_control(response, private=True, max_age=MAP_CACHE_SECONDS)
    return response


@require_safe
def actor_map(request):
    search = run_search(request.GET, user=request.user, request=request)
    facets = facets_for(search, request.GET, user=request.user, request=request)
    view = map_data.parse_view(request.GET.get("vue"))
    filters = _filters_query(request.GET)
    context = {
        "search": search,
        "form": search.filterset.form,
        "facets": [
            (
                name,
                label,
                facets.get(name, []),
                any(selected for _v, _c, selected in facets.get(name, [])),
            )
            for name, label in MAP_FACETS.items()
        ],
        "hidden_filters": [
            (name, value) for name in HIDDEN_FILTERS for value in request.GET.getlist(name) if value
        ],
        "filter_errors": [
            search.filterset.form[name]
            for name in (*MAP_FACETS, *HIDDEN_FILTERS)
            if name in search.errors
        ],
        "actors": list(search.actors.for_cards()[:LIST_LIMIT]) if search.is_valid else [],
        "total": search.actors.count() if search.is_valid else 0,
        "list_limit": LIST_LIMIT,
        "spheres": Sphere.objects.all(),
        "filters": filters,
        "list_url": reverse("actors:actor_list") + (f"?{filters}" if filters else ""),
        "view": f"{view.latitude},{view.longitude},{view.zoom}" if view else "",
        "default_view": _default_view(),
        "reference": reference_point(search),
    }
    return render(request, "actors/map.html", context, status=200 if search.is_valid else 400)
