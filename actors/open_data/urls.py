"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("api/acteurs.json", views.actors_json, name="actors_json"),
    path(
        "api/data-inclusion/structures.json",
        views.data_inclusion_json,
        name="data_inclusion_structures",
    ),
]
