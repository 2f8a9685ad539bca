"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("carte/", views.actor_map, name="map"),
    path("api/acteurs.geojson", views.actors_geojson, name="actors_geojson"),
]
