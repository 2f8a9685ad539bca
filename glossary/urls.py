from django.urls import path

from glossary import views
from glossary.discussion import urls as discussion_urls

app_name = "glossary"

urlpatterns = [
    path("glossaire/", views.index, name="index"),
    path("glossaire/fiche-technique/", views.fiche_technique, name="print"),
    path("glossaire/<slug:slug>/", views.term_detail, name="term"),
    *discussion_urls.urlpatterns,
    path("api/glossaire.json", views.glossary_json, name="json"),
]
