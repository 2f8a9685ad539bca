"""The page a manager of an actor named in a sheet comes to from the e-mail: confirm the role
the sheet gives the actor, or say it is wrong (the moderators and the author are told)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from experiences import policies
from experiences.editing import confirmations
from experiences.editing.addresses import sheet_url
from experiences.models import Experience, ExperienceActor

MESSAGE_LENGTH = 2000


def _involvement(request, slug: str, pk: int) -> ExperienceActor:
    """An involvement of a published sheet, for one of the actor's managers."""
    experience = get_object_or_404(Experience.objects.published(), slug=slug)
    involvement = get_object_or_404(
        ExperienceActor.objects.select_related("actor", "confirmed_by"),
        pk=pk,
        experience=experience,
    )
    if not policies.can_confirm_involvement(request.user, involvement):
        raise PermissionDenied
    return involvement


@require_safe
@login_required
def involvement_page(request, slug, pk):
    involvement = _involvement(request, slug, pk)
    return render(
        request,
        "experiences/confirm_involvement.html",
        {
            "involvement": involvement,
            "experience": involvement.experience,
            "sheet_url": sheet_url(involvement.experience),
        },  # fmt: skip
    )


@require_POST
@login_required
def involvement_confirm(request, slug, pk):
    involvement = _involvement(request, slug, pk)
    confirmations.involvement_confirm(involvement=involvement, user=request.user)
    messages.success(request, _("Merci : le rôle de votre structure est confirmé sur la fiche."))
    return redirect(sheet_url(involvement.experience))


@require_POST
@login_required
def involvement_dispute(request, slug, pk):
    involvement = _involvement(request, slug, pk)
    message = request.POST.get("message", "").strip()[:MESSAGE_LENGTH]
    if not message:
        messages.error(request, _("Dites en quelques mots ce qui ne va pas : le message est vide."))
        return render(
            request,
            "experiences/confirm_involvement.html",
            {"involvement": involvement, "experience": involvement.experience,
             "sheet_url": sheet_url(involvement.experience), "message_missing": True},
            status=400,
        )  # fmt: skip
    confirmations.involvement_dispute(
        involvement=involvement, user=request.user, message=message, request=request
    )
    messages.success(
        request,
        _("Merci : l’équipe de modération et la personne qui a écrit la fiche ont votre message."),
    )
    return redirect(sheet_url(involvement.experience))
