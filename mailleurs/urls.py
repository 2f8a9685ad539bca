from django.contrib import admin
from django.urls import include, path

from mailleurs import admin_site  # noqa: F401  registers every app's admin (no autodiscovery)

urlpatterns = [
    path("", include("mailleurs.site_urls")),
    path("comptes/", include("mailleurs.accounts.urls")),
    path("", include("mailleurs.pages.urls")),
    path("", include("actors.urls")),
    path("grille/", include("mailleurs.grid.urls")),
    path("", include("glossary.urls")),
    path("", include("experiences.urls")),
    path("", include("mailleurs.background.urls")),
    path("admin/", admin.site.urls),
]

handler403 = "mailleurs.views.permission_denied"
handler404 = "mailleurs.views.page_not_found"
handler500 = "mailleurs.views.server_error"
