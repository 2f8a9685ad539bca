from django.http import Http404
from django.shortcuts import render
from django.views.decorators.http import require_safe

from . import selectors
from .forms import SimpleSearchForm
from .models import Sphere
from .pagination import paginate


@require_safe
def actor_list(request):
    form = SimpleSearchForm(request.GET or None)
    text, sphere = "", ""
    if form.is_valid():
        text, sphere = form.cleaned_data["q"], form.cleaned_data["sphere"]
    actors = selectors.actor_search(user=request.user, text=text, sphere=sphere)
    page = paginate(request, actors)
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "actors/actor_list.html",
        {"form": form, "page": page, "query": text, "spheres": Sphere.objects.all()},
        status=status,
    )


@require_safe
def actor_detail(request, slug):
    actor = selectors.actor_for_fiche(user=request.user, slug=slug)
    if actor is None:
        raise Http404("Aucune fiche publiée ne porte cette adresse.")
    return render(
        request,
        "actors/actor_detail.html",
        {
            "actor": actor,
            "actor_point": {"lat": actor.latitude, "lon": actor.longitude, "name": actor.name},
            "contacts": selectors.visible_contacts(actor=actor, user=request.user),
            "can_see_member_contacts": request.user.has_perm("actors.view_member_contacts"),
        },
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
