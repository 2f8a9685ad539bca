from django.urls import include, path

from glossary import views
from glossary.discussion import urls as discussion_urls
from glossary.editing import views as editing

app_name = "glossary"

urlpatterns = [
    path("glossaire/", views.index, name="index"),
    path("glossaire/fiche-technique/", views.fiche_technique, name="print"),
    path("glossaire/proposer/", editing.term_form, name="propose"),
    path("glossaire/propositions/", editing.proposal_queue, name="proposals"),
    path("glossaire/propositions/<int:pk>/", editing.proposal_review, name="proposal"),
    path("glossaire/<slug:slug>/modifier/", editing.term_form, name="edit"),
    path("glossaire/<slug:slug>/regard/", editing.view_form, name="propose_view"),
    path("glossaire/<slug:slug>/historique/", editing.term_history, name="history"),
    path(
        "glossaire/<slug:slug>/historique/<int:history_id>/restaurer/",
        editing.term_restore,
        name="restore",
    ),
    path("glossaire/<slug:slug>/", views.term_detail, name="term"),
    *discussion_urls.urlpatterns,
    path("api/glossaire.json", views.glossary_json, name="json"),
    path("", include("glossary.spreadsheets.urls")),
]
