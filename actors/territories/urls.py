"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path(
        "api/communes",
        views.territory_autocomplete,
        {"kind": "commune"},
        name="communes_autocomplete",
    ),
    path("api/territoires", views.territory_autocomplete, name="territories_autocomplete"),
    path("territoires/<slug:key>/", views.territory_detail, name="territory_detail"),
]
