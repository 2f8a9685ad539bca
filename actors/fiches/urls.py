"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path

from . import editing_views, moderation_views, views

urlpatterns = [
    path("acteurs/nouveau/", editing_views.actor_create, name="actor_create"),
    path("acteurs/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("acteurs/<slug:slug>/modifier/", editing_views.actor_edit, name="actor_edit"),
    path("acteurs/<slug:slug>/publier/", editing_views.actor_publish, name="actor_publish"),
    path("acteurs/<slug:slug>/archiver/", editing_views.actor_archive, name="actor_archive"),
    path("acteurs/<slug:slug>/fusionner/", editing_views.actor_merge, name="actor_merge"),
    path(
        "acteurs/<slug:slug>/desarchiver/",
        editing_views.actor_unarchive,
        name="actor_unarchive",
    ),
    path(
        "acteurs/<slug:slug>/historique/<int:history_id>/restaurer/",
        editing_views.actor_restore_version,
        name="actor_restore_version",
    ),
    path("moderation/", moderation_views.moderation_queue, name="moderation"),
    path(
        "moderation/fiches/<slug:slug>/refuser/",
        moderation_views.actor_refuse,
        name="actor_refuse",
    ),
    path(
        "moderation/propositions/<int:pk>/",
        moderation_views.proposal_review,
        name="proposal",
    ),
    path("api/commune-position", editing_views.commune_point, name="commune_point"),
    path("api/apercu-markdown", editing_views.markdown_preview, name="markdown_preview"),
    path("acteurs/<slug:slug>/historique/", views.actor_history, name="actor_history"),
]
