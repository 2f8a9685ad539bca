"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("vocabulaires/", views.vocabulary_index, name="vocabularies"),
    path(
        "vocabulaires/<slug:name>/nouveau/",
        views.vocabulary_edit,
        name="vocabulary_create",
    ),
    path(
        "vocabulaires/<slug:name>/<int:pk>/",
        views.vocabulary_edit,
        name="vocabulary_edit",
    ),
]
