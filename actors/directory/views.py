"""`/acteurs/`: the directory, its filters and facet counts (htmx swaps the list in place)."""

from django.views.decorators.http import require_safe

from actors.directory.chips import active_chips
from actors.directory.query import SORT_CHOICES, facets_for, run_search, with_distances
from actors.directory.reasons import FACET_KINDS, add_match_reasons
from mailleurs.htmx import render_page_or_fragment
from mailleurs.pagination import paginate

FACET_LABELS = {
    "sphere": "Sphères",
    "type": "Types d’acteurs",
    "theme": "Thèmes",
    "competence": "Compétences",
    "profession": "Métiers",
    "dispositif": "Dispositifs",
}


@require_safe
def actor_list(request):
    search = run_search(request.GET, user=request.user, request=request)
    page = paginate(request, search.actors.for_cards(), per_page=20)
    page.object_list = with_distances(page.object_list, search)
    facets = facets_for(search, request.GET, user=request.user, request=request)
    if search.is_valid:
        add_match_reasons(
            page.object_list,
            query=search.suggestion if search.showing_suggestion else search.query,
            selected={name: request.GET.getlist(name) for name in FACET_KINDS},
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
        status=200 if search.is_valid else 400,
    )
