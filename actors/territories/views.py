"""`/territoires/<code>/`, and the territory suggestions of the edit forms."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actors.models import Territory
from actors.territories import selectors
from mailleurs.autocomplete import suggestions_response


@require_safe
def territory_detail(request, key):
    overview = selectors.territory_overview(key=key, user=request.user)
    if overview is None:
        raise Http404("Ce territoire n’est pas connu.")
    return render(request, "actors/territory_detail.html", overview)


@require_safe
def territory_autocomplete(request, kind=None):
    """Territories whose name starts with the typed text, for the edit forms' lists."""
    territories = Territory.objects.all()
    if kind == "commune":
        territories = territories.filter(kind=Territory.Kind.COMMUNE)
    return suggestions_response(
        request,
        search=lambda text: (
            territories.filter(search_name__startswith=text)
            .select_related("departement")
            .order_by("-population", "name")
        ),
        describe=lambda t: (t.key, f"{t.name} ({t.key})", t.get_kind_display()),
    )
