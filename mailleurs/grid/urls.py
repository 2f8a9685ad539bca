"""/grille/ (the reference) and /grille/evaluations/… (rounds, answering, results)."""

from django.urls import include, path

from mailleurs.grid import answer_views, reference_views, result_views, round_views

app_name = "grid"

FUNCTION = "fonction-<int:axis>-<int:number>/"

answering = [
    ("overview", ""),
    ("function", FUNCTION),
    ("criterion", "critere/<int:criterion_id>/"),
    ("finish", "termine/"),
]

link_patterns = [
    path(route, getattr(answer_views, f"link_{name}"), name=f"link_{name}")
    for name, route in answering
]
account_patterns = [
    path(route, getattr(answer_views, f"answer_{name}"), name=f"answer_{name}")
    for name, route in answering
]

round_patterns = [
    path("", round_views.round_detail, name="round"),
    path("modifier/", round_views.round_edit, name="round_edit"),
    path("inviter/", round_views.round_invite, name="round_invite"),
    path("je-reponds/", round_views.round_answer_myself, name="round_answer_myself"),
    path("repondants/<int:respondent>/lien/", round_views.respondent_link, name="respondent_link"),
    path("etat/", round_views.round_status, name="round_status"),
    path("repondre/", include(account_patterns)),
    path("resultats/", result_views.round_results, name="results"),
    path("resultats/impression/", result_views.round_results_print, name="results_print"),
    path("resultats/export.xlsx", result_views.round_export, name="results_export"),
    path("pas-d-apres/", result_views.action_add, name="action_add"),
    path("pas-d-apres/<int:item>/", result_views.action_change, name="action_change"),
]

urlpatterns = [
    path("", reference_views.reference, name="reference"),
    path("version-<int:number>/", reference_views.reference, name="version"),
    path("versions/", reference_views.versions, name="versions"),
    path("reseau/", result_views.network, name="network"),
    path("evaluations/", round_views.rounds, name="rounds"),
    path("evaluations/nouvelle/<slug:slug>/", round_views.round_create, name="round_create"),
    path("evaluations/lien/<str:token>/", include(link_patterns)),
    path("evaluations/<int:pk>/", include(round_patterns)),
]
