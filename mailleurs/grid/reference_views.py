"""`/grille/`: the grid as a readable, printable reference, its versions and their mapping."""

from django.http import Http404
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from mailleurs.grid import policies, selectors
from mailleurs.grid.models import GridVersion


def _version_or_404(request, number: int | None) -> GridVersion:
    versions = GridVersion.objects.all()
    if not policies.can_edit_grid(request.user):
        versions = versions.published()
    version = versions.current() if number is None else versions.filter(number=number).first()
    if version is None:
        raise Http404(_("Cette version de la grille n’existe pas."))
    return version


@require_safe
def reference(request, number: int | None = None):
    version = _version_or_404(request, number)
    return render(
        request,
        "grid/reference.html",
        {
            "version": version,
            "axes": selectors.grid_reference(version=version, experiences=True),
            "current": GridVersion.objects.current(),
            "scale": selectors.scale(),
        },
    )


@require_safe
def versions(request):
    return render(
        request,
        "grid/versions.html",
        {"versions": selectors.version_history(user=request.user)},
    )
