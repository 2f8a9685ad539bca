from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actors.models import Territory
from actors.territories import selectors
from mailleurs.text import normalize


@require_safe
def territory_detail(request, key):
    overview = selectors.territory_overview(key=key, user=request.user)
    if overview is None:
        raise Http404("Ce territoire n’est pas connu.")
    return render(request, "actors/territory_detail.html", overview)


AUTOCOMPLETE_LIMIT = 12


@require_safe
def territory_autocomplete(request, kind=None):
    """Territories whose name starts with the typed text, for the edit forms' lists."""
    text = normalize(request.GET.get("q", ""))[:60]
    territories = Territory.objects.all()
    if kind == "commune":
        territories = territories.filter(kind=Territory.Kind.COMMUNE)
    if len(text) < 2:
        return JsonResponse({"resultats": []})
    rows = (
        territories.filter(search_name__startswith=text)
        .select_related("departement")
        .order_by("-population", "name")[:AUTOCOMPLETE_LIMIT]
    )
    return JsonResponse(
        {
            "resultats": [
                {"cle": t.key, "libelle": f"{t.name} ({t.key})", "type": t.get_kind_display()}
                for t in rows
            ]
        }
    )
