"""The actors app's URLs: each area keeps its own in <area>/urls.py.

Order matters where paths overlap: fiches ("acteurs/nouveau/" before "acteurs/<slug>/") and links
("dispositifs/nouveau/" before "dispositifs/<slug>/") keep that order inside their own file.
"""

from django.urls import include, path

app_name = "actors"

urlpatterns = [
    path("", include("actors.directory.urls")),
    path("", include("actors.spreadsheets.urls")),
    path("", include("actors.fiches.urls")),
    path("", include("actors.links.urls")),
    path("", include("actors.open_data.urls")),
    path("", include("actors.structures.urls")),
    path("", include("actors.vocabularies.urls")),
    path("", include("actors.territories.urls")),
    path("", include("actors.maillage.urls")),
    path("", include("actors.map.urls")),
    path("", include("actors.reports.urls")),
]
