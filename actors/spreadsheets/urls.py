"""URLs of this area, included from actors/urls.py (route names stay in the actors namespace)."""

from django.urls import path, re_path

from . import export_views, import_views, mapping_views

urlpatterns = [
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
    path("import/", import_views.import_start, name="import_start"),
    path("import/<int:pk>/", import_views.import_detail, name="import_detail"),
    path("import/<int:pk>/confirmer/", import_views.import_confirm, name="import_confirm"),
    path("import/<int:pk>/fichier/", import_views.import_file_download, name="import_file"),
    path("import/<int:pk>/colonnes/", mapping_views.import_columns, name="import_columns"),
    path(
        "import/<int:pk>/suggestion/",
        mapping_views.import_accept_suggestion,
        name="import_suggestion",
    ),
    re_path(
        r"^import/modele-(?P<kind>acteurs|relations|participations)\.xlsx$",
        import_views.import_template_download,
        name="import_template",
    ),
]
