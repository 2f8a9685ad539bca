"""`/api/acteurs.json` and `/api/data-inclusion/structures.json`."""

import json
import re

from django.http import JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from actors.directory.query import run_search
from actors.open_data import feeds as open_data

DEFAULT_PAGE, MAX_PAGE = 100, 500


def _bad_request(errors: dict) -> JsonResponse:
    return JsonResponse({"erreurs": errors}, status=400, json_dumps_params={"ensure_ascii": False})


def _whole_number(value: str | None, default: int, minimum: int, maximum: int) -> int | None:
    """The number written in ASCII digits (``isdigit`` also accepts « ² » or « ① », which
    ``int`` refuses), between the bounds; None when it is not."""
    if value in (None, ""):
        return default
    if not re.fullmatch(r"[0-9]{1,15}", value) or not minimum <= int(value) <= maximum:
        return None
    return int(value)


def _published_search(request):
    """Open data is what the site publishes: drafts and fiches in review stay out of it, even
    for a moderator (the documents have no status to tell them apart, and carry a licence)."""
    return run_search(
        request.GET,
        user=request.user,
        request=request,
        allow_suggestion=False,
        published_only=True,
    )


@require_safe
def actors_json(request):
    search = _published_search(request)
    errors = {name: list(messages) for name, messages in search.errors.items()}
    size = _whole_number(request.GET.get("taille"), DEFAULT_PAGE, 1, MAX_PAGE)
    after = _whole_number(request.GET.get("curseur"), 0, 0, 10**12)
    if size is None:
        errors["taille"] = [_("Un nombre entier entre 1 et %(max)s.") % {"max": MAX_PAGE}]
    if after is None:
        errors["curseur"] = [_("Le curseur est le nombre donné dans « suivant ».")]
    if errors:
        return _bad_request(errors)
    base_url = request.build_absolute_uri("/").rstrip("/")
    actors, following = open_data.page_of_actors(
        search.actors, after_pk=after, size=size, base_url=base_url
    )
    next_url = None
    if following is not None:
        query = request.GET.copy()
        query["curseur"] = str(following)
        next_url = base_url + reverse("actors:actors_json") + "?" + query.urlencode()
    return JsonResponse(
        {**open_data.licence(), "resultats": actors, "suivant": next_url},
        json_dumps_params={"ensure_ascii": False},
    )


@require_safe
def data_inclusion_json(request):
    """Every published structure, streamed as one JSON array."""
    search = _published_search(request)
    if not search.is_valid:
        return _bad_request({name: list(m) for name, m in search.errors.items()})
    base_url = request.build_absolute_uri("/").rstrip("/")

    def chunks():
        yield "["
        for index, structure in enumerate(
            open_data.data_inclusion_structures(search.actors, base_url=base_url)
        ):
            yield ("," if index else "") + json.dumps(structure, ensure_ascii=False)
        yield "]"

    return StreamingHttpResponse(chunks(), content_type="application/json; charset=utf-8")
