"""`/territoires/<code>/`, and the territory suggestions of the edit forms and the directory's
place filters."""

from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from actors.models import Territory
from actors.territories import selectors
from actors.territories.lookup import place_label, territories_matching
from mailleurs.autocomplete import suggestions_response


@require_safe
def territory_detail(request, key):
    overview = selectors.territory_overview(key=key, user=request.user)
    if overview is None:
        raise Http404("Ce territoire n’est pas connu.")
    return render(request, "actors/territory_detail.html", overview)


@require_safe
def territory_autocomplete(request, kind=None):
    """Territories whose name holds the typed words (« diois » finds « CC du Diois »), each
    labelled so that namesakes differ (« Die (26) ») and the label reads back as the place."""
    territories = Territory.objects.all()
    if kind == "commune":
        territories = territories.filter(kind=Territory.Kind.COMMUNE)
    return suggestions_response(
        request,
        search=lambda text: territories_matching(text, territories),
        describe=lambda t: (t.key, place_label(t), t.get_kind_display()),
    )
