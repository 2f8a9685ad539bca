from django.urls import path

from . import maillage_views, map_views, views

app_name = "actors"

urlpatterns = [
    path("acteurs/", views.actor_list, name="actor_list"),
    path("acteurs/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("acteurs/<slug:slug>/historique/", views.actor_history, name="actor_history"),
    path("dispositifs/", views.scheme_list, name="scheme_list"),
    path("dispositifs/<slug:slug>/", views.scheme_detail, name="scheme_detail"),
    path(
        "dispositifs/<slug:scheme_slug>/<slug:slug>/",
        views.local_scheme_detail,
        name="local_scheme_detail",
    ),
    path("territoires/<slug:key>/", views.territory_detail, name="territory_detail"),
    path("maillage/", maillage_views.maillage, name="maillage"),
    path("carte/", map_views.actor_map, name="map"),
    path("api/acteurs.geojson", map_views.actors_geojson, name="actors_geojson"),
]
