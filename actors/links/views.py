"""Editing an actor's links (relations, participations) and the actor suggestions they use."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actors import policies
from actors.directory.folding import spaced_words
from actors.fiches.selectors import visible_actor_or_404
from actors.links import selectors, services
from actors.links.forms import ParticipationFormSet, RelationFormSet
from actors.models import Actor
from mailleurs.autocomplete import suggestions_response
from mailleurs.permissions import rule_required
from mailleurs.rows import row_changes


@rule_required(policies.can_edit_fiches)
@require_http_methods(["GET", "POST"])
def actor_links(request, slug):
    actor = visible_actor_or_404(user=request.user, slug=slug)
    allowed = policies.can_publish_directly(request.user, actor)
    if not allowed:
        return _read_only(request, actor)
    data = request.POST if request.method == "POST" else None
    relations = RelationFormSet(data, instance=actor, prefix="relations")
    participations = ParticipationFormSet(data, instance=actor, prefix="participations")
    if data is not None and relations.is_valid() and participations.is_valid():
        services.links_save(
            actor=actor,
            user=request.user,
            relations=row_changes(relations),
            participations=row_changes(participations),
        )
        messages.success(request, _("Liens enregistrés."))
        return redirect(actor.get_absolute_url())
    return render(
        request,
        "actors/actor_links.html",
        {"actor": actor, "relations": relations, "participations": participations},
        status=400 if data is not None else 200,
    )


def _read_only(request, actor):
    """The links as lists, with who may change them: no form that could not be sent."""
    return render(
        request,
        "actors/actor_links_read_only.html",
        {"actor": actor, **selectors.actor_links_read_only(actor=actor, user=request.user)},
        status=403 if request.method == "POST" else 200,
    )


@require_safe
def actor_autocomplete(request):
    """Published actors whose name starts with the typed text, for the links form."""
    return suggestions_response(
        request,
        search=lambda text: (
            Actor.objects.published()
            .filter(search_text__startswith=spaced_words(text).rstrip())
            .select_related("commune")
            .order_by("sort_name", "pk")
        ),
        describe=lambda actor: (actor.slug, f"{actor.name} ({actor.slug})", actor.commune.name),
    )
