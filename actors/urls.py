from django.urls import path, re_path

from . import (
    editing_views,
    export_views,
    links_views,
    maillage_views,
    map_views,
    open_data_views,
    structure_views,
    views,
    vocabulary_views,
)

app_name = "actors"

urlpatterns = [
    path("acteurs/", views.actor_list, name="actor_list"),
    re_path(
        r"^export/acteurs\.(?P<extension>csv|xlsx|ods)$",
        export_views.actors_export,
        name="actors_export",
    ),
    re_path(
        r"^export/(?P<table>dispositifs|dispositifs-locaux|relations)\.(?P<extension>csv|xlsx|ods)$",
        export_views.table_export,
        name="table_export",
    ),
    path("acteurs/nouveau/", editing_views.actor_create, name="actor_create"),
    path("acteurs/<slug:slug>/", views.actor_detail, name="actor_detail"),
    path("acteurs/<slug:slug>/modifier/", editing_views.actor_edit, name="actor_edit"),
    path("acteurs/<slug:slug>/publier/", editing_views.actor_publish, name="actor_publish"),
    path("acteurs/<slug:slug>/archiver/", editing_views.actor_archive, name="actor_archive"),
    path("acteurs/<slug:slug>/fusionner/", editing_views.actor_merge, name="actor_merge"),
    path("acteurs/<slug:slug>/liens/", links_views.actor_links, name="actor_links"),
    path("api/acteurs", links_views.actor_autocomplete, name="actors_autocomplete"),
    path("api/acteurs.json", open_data_views.actors_json, name="actors_json"),
    path(
        "api/data-inclusion/structures.json",
        open_data_views.data_inclusion_json,
        name="data_inclusion_structures",
    ),
    path("dispositifs/nouveau/", links_views.scheme_edit, name="scheme_create"),
    path("dispositifs/local/nouveau/", links_views.local_scheme_edit, name="local_scheme_create"),
    path("acteurs/<slug:slug>/desarchiver/", editing_views.actor_unarchive, name="actor_unarchive"),
    path(
        "acteurs/<slug:slug>/historique/<int:history_id>/restaurer/",
        editing_views.actor_restore_version,
        name="actor_restore_version",
    ),
    path("acteurs/<slug:slug>/rejoindre/", structure_views.structure_join, name="structure_join"),
    path("acteurs/<slug:slug>/equipe/", structure_views.structure_team, name="structure_team"),
    path(
        "acteurs/<slug:slug>/equipe/<int:pk>/decision/",
        structure_views.structure_decide,
        name="structure_decide",
    ),
    path(
        "acteurs/<slug:slug>/equipe/<int:pk>/gestionnaire/",
        structure_views.structure_make_manager,
        name="structure_make_manager",
    ),
    path(
        "acteurs/<slug:slug>/toujours-a-jour/",
        structure_views.structure_confirm_up_to_date,
        name="structure_confirm_up_to_date",
    ),
    path("comptes/mes-structures/", structure_views.my_structures, name="my_structures"),
    path("moderation/a-verifier/", structure_views.stale_fiches, name="stale_fiches"),
    path("moderation/", editing_views.moderation_queue, name="moderation"),
    path("vocabulaires/", vocabulary_views.vocabulary_index, name="vocabularies"),
    path(
        "vocabulaires/<slug:name>/nouveau/",
        vocabulary_views.vocabulary_edit,
        name="vocabulary_create",
    ),
    path(
        "vocabulaires/<slug:name>/<int:pk>/",
        vocabulary_views.vocabulary_edit,
        name="vocabulary_edit",
    ),
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
    path("dispositifs/<slug:slug>/modifier/", links_views.scheme_edit, name="scheme_edit"),
    path(
        "dispositifs/<slug:scheme_slug>/<slug:slug>/",
        views.local_scheme_detail,
        name="local_scheme_detail",
    ),
    path(
        "dispositifs/<slug:scheme_slug>/<slug:slug>/modifier/",
        links_views.local_scheme_edit,
        name="local_scheme_edit",
    ),
    path("territoires/<slug:key>/", views.territory_detail, name="territory_detail"),
    path("maillage/", maillage_views.maillage, name="maillage"),
    path("carte/", map_views.actor_map, name="map"),
    path("api/acteurs.geojson", map_views.actors_geojson, name="actors_geojson"),
]
