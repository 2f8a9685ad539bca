from django.urls import path

from . import editing_views, maillage_views, map_views, views

app_name = "actors"

urlpatterns = [
    path("acteurs/", views.actor_list, name="actor_list"),
    path("acteurs/nouveau/", editing_views.actor_create, name="actor_create"),
    path("acteurs/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("acteurs/<slug:slug>/modifier/", editing_views.actor_edit, name="actor_edit"),
    path("acteurs/<slug:slug>/publier/", editing_views.actor_publish, name="actor_publish"),
    path("acteurs/<slug:slug>/archiver/", editing_views.actor_archive, name="actor_archive"),
    path("acteurs/<slug:slug>/fusionner/", editing_views.actor_merge, name="actor_merge"),
    path("acteurs/<slug:slug>/desarchiver/", editing_views.actor_unarchive, name="actor_unarchive"),
    path(
        "acteurs/<slug:slug>/historique/<int:history_id>/restaurer/",
        editing_views.actor_restore_version,
        name="actor_restore_version",
    ),
    path("moderation/", editing_views.moderation_queue, name="moderation"),
    path("moderation/propositions/<int:pk>/", editing_views.proposal_review, name="proposal"),
    path(
        "api/communes",
        editing_views.territory_autocomplete,
        {"kind": "commune"},
        name="communes_autocomplete",
    ),
    path("api/territoires", editing_views.territory_autocomplete, name="territories_autocomplete"),
    path("api/apercu-markdown", editing_views.markdown_preview, name="markdown_preview"),
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
