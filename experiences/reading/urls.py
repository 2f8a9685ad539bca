"""The pages that read experience sheets (names in the "experiences" namespace)."""

from django.urls import path, re_path

from experiences.reading import views

urlpatterns = [
    path("experiences/", views.sheet_list, name="index"),
    re_path(
        r"^export/experiences\.(?P<extension>csv|xlsx|ods)$", views.sheets_export, name="export"
    ),
    path("api/experiences.json", views.sheets_json, name="json"),
    path("experiences/<slug:slug>/", views.sheet_detail, name="detail"),
    path("experiences/<slug:slug>/imprimer/", views.sheet_print, name="print"),
]
