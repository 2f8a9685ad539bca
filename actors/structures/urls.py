"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import views

urlpatterns = [
    path("acteurs/<slug:slug>/rejoindre/", views.structure_join, name="structure_join"),
    path("acteurs/<slug:slug>/equipe/", views.structure_team, name="structure_team"),
    path(
        "acteurs/<slug:slug>/equipe/<int:pk>/decision/",
        views.structure_decide,
        name="structure_decide",
    ),
    path(
        "acteurs/<slug:slug>/equipe/<int:pk>/gestionnaire/",
        views.structure_make_manager,
        name="structure_make_manager",
    ),
    path(
        "acteurs/<slug:slug>/equipe/<int:pk>/retirer/",
        views.structure_leave,
        name="structure_leave",
    ),
    path(
        "acteurs/<slug:slug>/toujours-a-jour/",
        views.structure_confirm_up_to_date,
        name="structure_confirm_up_to_date",
    ),
    path("comptes/mes-structures/", views.my_structures, name="my_structures"),
    path("moderation/a-verifier/", views.stale_fiches, name="stale_fiches"),
]
