from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from . import selectors
from .directory import SORT_CHOICES, facets_for, run_search, with_distances
from .history import actor_versions
from .models import Actor, ActorRedirect
from .pagination import paginate
from .structured_data import organization

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
    context = {
        "search": search,
        "form": search.filterset.form,
        "page": page,
        "query": search.query,
        "facets": [(name, FACET_LABELS[name], values) for name, values in facets.items()],
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
    template = "actors/_directory.html" if request.htmx else "actors/actor_list.html"
    return render(request, template, context, status=200 if search.is_valid else 400)


@require_safe
def actor_detail(request, slug):
    actor = selectors.actor_for_fiche(user=request.user, slug=slug)
    if actor is None:
        merged = ActorRedirect.objects.select_related("actor").filter(old_slug=slug).first()
        if merged is not None:
            return redirect(merged.actor, permanent=True)
        raise Http404("Aucune fiche publiée ne porte cette adresse.")
    return render(
        request,
        "actors/actor_detail.html",
        {
            "actor": actor,
            "nearby": selectors.nearby_actors_on_same_themes(actor=actor, user=request.user),
            "structured_data": organization(
                actor, absolute_url=request.build_absolute_uri(actor.get_absolute_url())
            ),
            "actor_point": {"lat": actor.latitude, "lon": actor.longitude, "name": actor.name},
            "contacts": selectors.visible_contacts(actor=actor, user=request.user),
            "can_see_member_contacts": request.user.has_perm("actors.view_member_contacts"),
        },
    )


@require_safe
@login_required
def actor_history(request, slug):
    actor = Actor.objects.visible_to(request.user).filter(slug=slug).first()
    if actor is None:
        raise Http404("Aucune fiche ne porte cette adresse.")
    return render(
        request,
        "actors/actor_history.html",
        {"actor": actor, "versions": actor_versions(actor)},
    )


@require_safe
def scheme_list(request):
    return render(request, "actors/scheme_list.html", {"families": selectors.schemes_by_family()})


@require_safe
def scheme_detail(request, slug):
    scheme = selectors.scheme_with_instances(slug=slug)
    if scheme is None:
        raise Http404("Ce dispositif n’existe pas.")
    return render(request, "actors/scheme_detail.html", {"scheme": scheme})


@require_safe
def local_scheme_detail(request, scheme_slug, slug):
    local_scheme = selectors.local_scheme_detail(
        scheme_slug=scheme_slug, slug=slug, user=request.user
    )
    if local_scheme is None:
        raise Http404("Ce dispositif local n’existe pas.")
    return render(request, "actors/local_scheme_detail.html", {"local_scheme": local_scheme})


@require_safe
def territory_detail(request, key):
    overview = selectors.territory_overview(key=key, user=request.user)
    if overview is None:
        raise Http404("Ce territoire n’est pas connu.")
    return render(request, "actors/territory_detail.html", overview)
