from django.urls import include, path

from glossary import views

app_name = "glossary"

urlpatterns = [
    path("glossaire/", views.index, name="index"),
    path("glossaire/fiche-technique/", views.fiche_technique, name="print"),
    path("glossaire/<slug:slug>/", views.term_detail, name="term"),
    path("api/glossaire.json", views.glossary_json, name="json"),
    path("", include("glossary.spreadsheets.urls")),
]
