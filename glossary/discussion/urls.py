"""The discussion's addresses, under the term's own (`glossary.urls` takes them in)."""

from django.urls import path

from glossary.discussion import views

urlpatterns = [
    path("glossaire/<slug:slug>/discussion/", views.comment_post, name="comment_post"),
    path(
        "glossaire/<slug:slug>/discussion/<int:pk>/masquer/",
        views.comment_hide,
        name="comment_hide",
    ),
    path(
        "glossaire/<slug:slug>/discussion/<int:pk>/afficher/",
        views.comment_show,
        name="comment_show",
    ),
]
