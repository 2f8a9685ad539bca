"""Structures and their people: join requests, the team page, "still up to date", stale fiches.

The views check `actors.policies` before calling the services, which check them again."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from actors import policies
from actors.fiches.selectors import visible_actor_or_404
from actors.models import Actor, StructureMembership
from actors.structures import selectors, services
from mailleurs.pagination import paginate
from mailleurs.permissions import rule_required

STALE_PER_PAGE = 30


def _managed_actor(request, slug) -> Actor:
    actor = visible_actor_or_404(user=request.user, slug=slug)
    if not policies.can_manage_structure(user=request.user, actor=actor):
        raise PermissionDenied
    return actor


@login_required
@require_POST
def structure_join(request, slug):
    actor = get_object_or_404(Actor.objects.published(), slug=slug)
    if not policies.can_request_membership(request.user):
        raise PermissionDenied
    try:
        services.membership_request(
            actor=actor, user=request.user, message=request.POST.get("message", ""), request=request
        )
    except services.MembershipError as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request,
            _(
                "Demande envoyée : les gestionnaires de la fiche ou l’équipe de modération "
                "vous répondront par courriel."
            ),
        )
    return redirect(actor.get_absolute_url())


@login_required
@require_safe
def structure_team(request, slug):
    actor = _managed_actor(request, slug)
    return render(
        request,
        "actors/structure_team.html",
        {
            "actor": actor,
            "team": selectors.team_of(actor=actor),
            "is_moderator": policies.can_moderate(request.user),
        },
    )


@login_required
@require_POST
def structure_decide(request, slug, pk):
    actor = _managed_actor(request, slug)
    membership = get_object_or_404(
        StructureMembership.objects.select_related("user", "actor"), pk=pk, actor=actor
    )
    decision = request.POST.get("decision")
    if decision not in {"accepter", "refuser"}:
        messages.error(request, _("Choisissez d’accepter ou de refuser la demande."))
        return redirect("actors:structure_team", slug=actor.slug)
    try:
        services.membership_decide(
            membership=membership,
            user=request.user,
            accept=decision == "accepter",
            as_manager=request.POST.get("gestionnaire") == "oui",
            request=request,
        )
    except services.MembershipError as error:
        messages.warning(request, str(error))
    else:
        messages.success(
            request,
            _("Demande acceptée ; la personne est prévenue par courriel.")
            if decision == "accepter"
            else _("Demande refusée ; la personne est prévenue par courriel."),
        )
    return redirect("actors:structure_team", slug=actor.slug)


@login_required
@require_POST
def structure_make_manager(request, slug, pk):
    actor = _managed_actor(request, slug)
    membership = get_object_or_404(StructureMembership, pk=pk, actor=actor)
    try:
        services.membership_make_manager(membership=membership, user=request.user)
    except services.MembershipError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Cette personne est maintenant gestionnaire de la fiche."))
    return redirect("actors:structure_team", slug=actor.slug)


@login_required
@require_POST
def structure_leave(request, slug, pk):
    """Leave, withdraw a request (oneself), or remove someone (managers and moderators)."""
    membership = get_object_or_404(
        StructureMembership.objects.select_related("actor", "user"), pk=pk, actor__slug=slug
    )
    own = membership.user_id == request.user.pk
    services.membership_end(membership=membership, user=request.user)
    if own:
        messages.success(
            request,
            _("Vous ne faites plus partie de « %(name)s ».") % {"name": membership.actor.name}
            if membership.status == StructureMembership.Status.ACCEPTED
            else _("Votre demande pour « %(name)s » est retirée.")
            % {"name": membership.actor.name},
        )
        return redirect("actors:my_structures")
    messages.success(
        request,
        _("%(user)s ne fait plus partie de la structure.")
        % {"user": membership.user.get_username()},
    )
    return redirect("actors:structure_team", slug=slug)


@login_required
@require_POST
def structure_confirm_up_to_date(request, slug):
    actor = get_object_or_404(Actor.objects.published(), slug=slug)
    if not policies.is_structure_manager(user=request.user, actor=actor):
        raise PermissionDenied
    services.actor_confirm_up_to_date(actor=actor, user=request.user)
    messages.success(request, _("Merci ! La fiche est notée comme vérifiée aujourd’hui."))
    return redirect(actor.get_absolute_url())


@login_required
@require_safe
def my_structures(request):
    return render(
        request,
        "actors/structure_mine.html",
        {"memberships": selectors.memberships_of_user(user=request.user)},
    )


@rule_required(policies.can_see_stale_fiches)
@require_safe
def stale_fiches(request):
    page = paginate(request, selectors.stale_fiches(), per_page=STALE_PER_PAGE)
    return render(
        request,
        "actors/structure_stale.html",
        {"page": page, "months": settings.STALE_FICHE_MONTHS, "cutoff": selectors.stale_cutoff()},
    )
