"""/grille/ (the reference) and /grille/evaluations/… (rounds, answering, results)."""

from django.urls import path

from mailleurs.grid import reference_views

app_name = "grid"

urlpatterns = [
    path("", reference_views.reference, name="reference"),
    path("version-<int:number>/", reference_views.reference, name="version"),
    path("versions/", reference_views.versions, name="versions"),
]
