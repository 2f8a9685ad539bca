"""The JSON behind every suggestion list: the edit forms, and the place boxes of the directory,
the map and the home page (`static/js/editing.js` reads `resultats`)."""

from django.http import JsonResponse

from mailleurs.text import normalize

SUGGESTIONS = 12
MIN_LENGTH = 2


def suggestions_response(request, *, search, describe) -> JsonResponse:
    """`search(text)` gives the matching rows for the normalised typed text; `describe(row)`
    gives its key, its label and what kind of thing it is."""
    text = normalize(request.GET.get("q", ""))[:60]
    if len(text) < MIN_LENGTH:
        return JsonResponse({"resultats": []})
    rows = search(text)[:SUGGESTIONS]
    return JsonResponse(
        {
            "resultats": [
                dict(zip(("cle", "libelle", "type"), describe(row), strict=True)) for row in rows
            ]
        }
    )
