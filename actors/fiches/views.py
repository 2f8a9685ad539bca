"""A fiche as everyone reads it (`/acteurs/<slug>/`) and its history (`…/historique/`)."""

from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from actors import policies
from actors.fiches import selectors
from actors.fiches.history import actor_versions
from actors.fiches.neighbours import nearby_actors_on_same_themes
from actors.fiches.structured_data import organization
from actors.models import ActorRedirect


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
            "nearby": nearby_actors_on_same_themes(actor=actor, user=request.user),
            "structured_data": organization(
                actor,
                absolute_url=request.build_absolute_uri(actor.get_absolute_url()),
                themes=actor.filed["theme"],
                territories=actor.territories_list,
            ),
            "actor_point": {"lat": actor.latitude, "lon": actor.longitude, "name": actor.name},
            "contacts": selectors.visible_contacts_of_fiche(actor=actor, user=request.user),
            "can_see_member_contacts": policies.can_see_member_contacts(request.user),
        },
    )


@require_safe
@login_required
def actor_history(request, slug):
    actor = selectors.visible_actor_or_404(user=request.user, slug=slug)
    return render(
        request,
        "actors/actor_history.html",
        {"actor": actor, "versions": actor_versions(actor)},
    )
