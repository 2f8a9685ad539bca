"""The pages that write experience sheets (route names in the "experiences" namespace)."""

from django.urls import path

from experiences.editing import confirm_views, media_views, moderation_views, views

urlpatterns = [
    path("experiences/nouvelle/", views.sheet_create, name="create"),
    path("experiences/propositions/", moderation_views.proposal_queue, name="proposals"),
    path("experiences/propositions/<int:pk>/", moderation_views.proposal_review, name="proposal"),
    path("experiences/<slug:slug>/modifier/", views.sheet_edit, name="edit"),
    path("experiences/<slug:slug>/publier/", moderation_views.sheet_publish, name="publish"),
    path("experiences/<slug:slug>/renvoyer/", moderation_views.sheet_send_back, name="send_back"),
    path("experiences/<slug:slug>/archiver/", moderation_views.sheet_archive, name="archive"),
    path(
        "experiences/<slug:slug>/desarchiver/", moderation_views.sheet_unarchive, name="unarchive"
    ),
    path("experiences/<slug:slug>/historique/", moderation_views.sheet_history, name="history"),
    path(
        "experiences/<slug:slug>/historique/<int:history_id>/restaurer/",
        moderation_views.sheet_restore,
        name="restore",
    ),
    path(
        "experiences/<slug:slug>/acteurs/<int:pk>/",
        confirm_views.involvement_page,
        name="involvement",
    ),
    path(
        "experiences/<slug:slug>/acteurs/<int:pk>/confirmer/",
        confirm_views.involvement_confirm,
        name="confirm_involvement",
    ),
    path(
        "experiences/<slug:slug>/acteurs/<int:pk>/signaler/",
        confirm_views.involvement_dispute,
        name="dispute_involvement",
    ),
    path("media/experiences/<slug:kind>/<str:name>", media_views.sheet_file, name="file"),
]
