"""URLs of the glossary's spreadsheets, included from glossary/urls.py (route names stay in the
glossary namespace). The import's pages sit beside the directory's, under /import/."""

from django.urls import path, re_path

from glossary.spreadsheets import views

urlpatterns = [
    re_path(r"^glossaire/export\.(?P<extension>csv|xlsx|ods)$", views.glossary_export,
            name="export"),
    path("import/glossaire/", views.import_start, name="import_start"),
    path("import/glossaire/<int:pk>/", views.import_detail, name="import_detail"),
    path("import/glossaire/<int:pk>/confirmer/", views.import_confirm, name="import_confirm"),
]  # fmt: skip
