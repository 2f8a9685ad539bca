"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import scheme_views, views

urlpatterns = [
    path("acteurs/<slug:slug>/liens/", views.actor_links, name="actor_links"),
    path("api/acteurs", views.actor_autocomplete, name="actors_autocomplete"),
    path("dispositifs/nouveau/", scheme_views.scheme_edit, name="scheme_create"),
    path(
        "dispositifs/local/nouveau/",
        scheme_views.local_scheme_edit,
        name="local_scheme_create",
    ),
    path("dispositifs/", scheme_views.scheme_list, name="scheme_list"),
    path("dispositifs/<slug:slug>/", scheme_views.scheme_detail, name="scheme_detail"),
    path("dispositifs/<slug:slug>/modifier/", scheme_views.scheme_edit, name="scheme_edit"),
    path(
        "dispositifs/<slug:scheme_slug>/<slug:slug>/",
        scheme_views.local_scheme_detail,
        name="local_scheme_detail",
    ),
    path(
        "dispositifs/<slug:scheme_slug>/<slug:slug>/modifier/",
        scheme_views.local_scheme_edit,
        name="local_scheme_edit",
    ),
]
