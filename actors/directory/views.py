"""`/acteurs/`: the directory, its filters and facet counts (htmx swaps the list in place)."""

from urllib.parse import urlencode

from django.shortcuts import redirect
from django.urls import reverse
from django.views.decorators.http import require_safe

from actors.directory.chips import active_chips
from actors.directory.facets import facet_values
from actors.directory.forms import MAX_QUERY_LENGTH
from actors.directory.page_cache import visitor_page
from actors.directory.query import (
    SORT_CHOICES,
    facets_for,
    results_for,
    run_search,
    total_for,
    with_distances,
)
from actors.directory.reasons import FACET_KINDS, add_match_reasons
from actors.models import Territory
from actors.territories.lookup import place_label, resolve_place
from mailleurs.htmx import render_page_or_fragment, wants_fragment
from mailleurs.pagination import paginate

FACET_LABELS = {
    "sphere": "Sphères",
    "type": "Types d’acteurs",
    "theme": "Thèmes",
    "competence": "Compétences",
    "profession": "Métiers",
    "dispositif": "Dispositifs",
}


def _home_search_target(request) -> str:
    """Where the home page's « Quoi ? » and « Où ? » lead. Its « Où ? » names any place: a
    located commune becomes « autour » (the actors within the default radius), any other
    territory « territoire »; a text that names no single place goes to « territoire », whose
    box then says why and lists the namesakes. Without a place, « Quoi ? » alone goes on to
    the site-wide search (actors, schemes and experience sheets), as the home page always did."""
    data = request.GET.copy()
    text = (data.pop("ou", None) or [""])[-1].strip()[:MAX_QUERY_LENGTH]
    if not text:
        what = data.get("q", "").strip()
        return f"{reverse('search')}?{urlencode({'q': what})}" if what else reverse("home")
    candidates = resolve_place(text)
    place = candidates[0] if len(candidates) == 1 else None
    if place is not None and place.kind == Territory.Kind.COMMUNE and place.has_point:
        data["autour"] = place_label(place)
    else:
        data["territoire"] = place_label(place) if place is not None else text
    return f"{reverse('actors:actor_list')}?{data.urlencode()}"


@require_safe
def actor_list(request):
    if "ou" in request.GET:
        return redirect(_home_search_target(request))
    return visitor_page(request, lambda: _directory_page(request))


def _directory_page(request):
    search = run_search(request.GET, user=request.user, request=request, directory_page=True)
    total = total_for(search, request.GET, user=request.user, request=request)
    results = results_for(search, request.GET, user=request.user, total=total)
    page = paginate(request, results, per_page=20, count=len(results))
    page.object_list = with_distances(page.object_list, search)
    values = facet_values() if search.is_valid else None
    facets = facets_for(search, request.GET, user=request.user, request=request, values=values)
    if search.is_valid:
        add_match_reasons(
            page.object_list,
            query=search.suggestion if search.showing_suggestion else search.query,
            selected={name: request.GET.getlist(name) for name in FACET_KINDS},
            values=values,
        )
    # (name, label, values, how many are ticked): a group with a ticked value shows open.
    facet_groups = [
        (name, FACET_LABELS[name], values, sum(1 for *_v, selected in values if selected))
        for name, values in facets.items()
    ]
    context = {
        "search": search,
        "form": search.filterset.form,
        "page": page,
        "query": search.query,
        "facets": facet_groups,
        "ticked_count": sum(ticked for *_group, ticked in facet_groups),
        "chips": active_chips(request.GET, search.filterset, facets) if search.is_valid else [],
        "sort_choices": SORT_CHOICES,
        "export_formats": ["csv", "xlsx", "ods"],
        "sort_order": search.filterset.sort_order if search.is_valid else "",
        # Errors of the checkbox filters, shown above the results (they have no input box).
        "value_errors": [
            search.filterset.form[name] for name in FACET_LABELS if name in search.errors
        ]
        + [
            search.filterset.form[name]
            for name in ("dispositif_local", "tri")
            if name in search.errors
        ],
    }
    return render_page_or_fragment(
        request,
        page="actors/actor_list.html",
        fragment="actors/_directory.html",
        context=context,
        status=_status(request, search),
    )


def _status(request, search) -> int:
    """400 for a page whose filters are wrong, but 200 for an htmx swap: htmx swaps no 4xx
    answer by default, and the fragment carries the messages next to the fields (a 200 keeps
    the rest of the page, styled, where a global swap rule for 4xx would apply everywhere)."""
    if search.is_valid or wants_fragment(request):
        return 200
    return 400
