"""The moderators' side of the sheets: publish, send back to its author, archive and bring
back; the history with its restore button; the queue of proposals and the review of one."""

from functools import partial

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors.models import PublicationStatus
from experiences import policies
from experiences.editing import diff, restore, services
from experiences.editing.addresses import sheet_url
from experiences.editing.forms import SheetForms
from experiences.editing.history import sheet_versions
from experiences.models import Experience, ExperienceProposal
from mailleurs.editing import retyped_form
from mailleurs.permissions import rule_required
from mailleurs.proposals import decide_from_post

# What each button does: from which statuses, to which, what it says.
STATUS_CHANGES = {
    "publish": (
        [PublicationStatus.REVIEW],
        PublicationStatus.PUBLISHED,
        gettext_lazy("Fiche publiée ; les structures citées sont prévenues."),
    ),
    "archive": (
        [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.PUBLISHED],
        PublicationStatus.ARCHIVED,
        gettext_lazy("Fiche archivée : elle n’est plus visible, rien n’est supprimé."),
    ),
    "unarchive": (
        [PublicationStatus.ARCHIVED],
        PublicationStatus.PUBLISHED,
        gettext_lazy("Fiche sortie des archives et publiée."),
    ),
}


def _change_status(request, slug: str, change: str):
    from_statuses, status, message = STATUS_CHANGES[change]
    experience = get_object_or_404(Experience, slug=slug, status__in=from_statuses)
    services.sheet_set_status(experience=experience, user=request.user, status=status,
                              request=request)  # fmt: skip
    messages.success(request, message)
    if status == PublicationStatus.ARCHIVED:
        return redirect("experiences:proposals")
    return redirect(sheet_url(experience))


@rule_required(policies.can_publish_sheets)
@require_POST
def sheet_publish(request, slug):
    return _change_status(request, slug, "publish")


@rule_required(policies.can_publish_sheets)
@require_POST
def sheet_archive(request, slug):
    return _change_status(request, slug, "archive")


@rule_required(policies.can_publish_sheets)
@require_POST
def sheet_unarchive(request, slug):
    return _change_status(request, slug, "unarchive")


@rule_required(policies.can_publish_sheets)
@require_POST
def sheet_send_back(request, slug):
    """A sheet in review goes back to its author, with a comment saying what to change."""
    experience = get_object_or_404(Experience, slug=slug, status=PublicationStatus.REVIEW)
    comment = request.POST.get("commentaire", "").strip()[:2000]
    if not comment:
        messages.error(request, _("Dites en un mot ce qu’il faut reprendre."))
        return redirect("experiences:proposals")
    services.sheet_send_back(experience=experience, user=request.user, comment=comment,
                             request=request)  # fmt: skip
    messages.success(request, _("Fiche renvoyée à son auteur, avec votre commentaire."))
    return redirect("experiences:proposals")


@require_safe
@login_required
def sheet_history(request, slug):
    experience = get_object_or_404(Experience.objects.visible_to(request.user), slug=slug)
    return render(
        request,
        "experiences/history.html",
        {
            "experience": experience,
            "versions": sheet_versions(experience),
            "sheet_url": sheet_url(experience),
        },
    )


@rule_required(policies.can_restore_sheet_versions)
@require_POST
def sheet_restore(request, slug, history_id):
    experience = get_object_or_404(Experience, slug=slug)
    record = get_object_or_404(experience.history.model, history_id=history_id, id=experience.pk)
    restore.sheet_restore_version(experience=experience, record=record, user=request.user)
    messages.success(request, _("Version restaurée : elle devient la version actuelle."))
    return redirect("experiences:history", slug=experience.slug)


@rule_required(policies.can_review_sheet_proposals)
@require_safe
def proposal_queue(request):
    """Members' changes waiting for review, and the sheets sent for review."""
    pending = ExperienceProposal.objects.filter(status=ExperienceProposal.Status.PENDING)
    in_review = Experience.objects.filter(status=PublicationStatus.REVIEW)
    archived = Experience.objects.filter(status=PublicationStatus.ARCHIVED)
    return render(
        request,
        "experiences/proposal_queue.html",
        {
            "proposals": pending.select_related("experience", "author"),
            "in_review": in_review.select_related("created_by", "territory"),
            "archived": archived.select_related("territory")[:200],
        },
    )


def _proposal_forms(proposal: ExperienceProposal) -> SheetForms:
    """The proposal as typed, in the sheet's forms (texts only), against the sheet as it is."""
    experience = Experience.objects.get(pk=proposal.experience_id)
    return SheetForms(retyped_form(proposal.data), None, experience=experience, with_files=False)


@rule_required(policies.can_review_sheet_proposals)
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    """Every change the proposal makes (fields and rows), against the sheet as it is now."""
    proposal = get_object_or_404(
        ExperienceProposal.objects.select_related("experience", "author"), pk=pk
    )
    sheet = _proposal_forms(proposal)
    valid = sheet.is_valid()
    if request.method == "POST" and proposal.is_pending:
        outcome = decide_from_post(
            request,
            accept=(
                partial(
                    services.proposal_accept,
                    proposal=proposal,
                    reviewer=request.user,
                    data=sheet.data(),
                    request=request,
                )
                if valid
                else None
            ),
            reject=lambda **typed: services.proposal_reject(
                proposal=proposal, reviewer=request.user, request=request, **typed
            ),
            accepted_message=_("Proposition acceptée : la fiche est à jour."),
        )
        if outcome:
            return redirect("experiences:proposals")
    return render(
        request,
        "experiences/proposal_review.html",
        {
            "proposal": proposal,
            "sheet": sheet,
            "valid": valid,
            "differences": diff.sheet_changes(proposal.experience, sheet.shown_data()),
            "sheet_url": sheet_url(proposal.experience),
        },
        status=200 if request.method == "GET" or not proposal.is_pending else 400,
    )
