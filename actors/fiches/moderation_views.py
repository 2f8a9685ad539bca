"""`/moderation/`: the queue of proposed changes and new fiches, and the review of a proposal."""

from django.contrib import messages
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actors import policies
from actors.fiches import services
from actors.fiches.editing_views import fiche_forms
from actors.fiches.forms import fiche_data
from actors.models import Actor, ActorProposal, PublicationStatus
from mailleurs.permissions import rule_required


@rule_required(policies.can_moderate)
@require_safe
def moderation_queue(request):
    proposals = ActorProposal.objects.filter(status=ActorProposal.Status.PENDING).select_related(
        "actor", "author"
    )
    new_fiches = Actor.objects.filter(status=PublicationStatus.REVIEW).select_related(
        "created_by", "commune"
    )
    archived = Actor.objects.filter(status=PublicationStatus.ARCHIVED).select_related("commune")
    return render(
        request,
        "actors/moderation_queue.html",
        {"proposals": proposals, "new_fiches": new_fiches, "archived": archived[:200]},
    )


def _proposal_forms(proposal):

    data = QueryDict(mutable=True)
    for key, values in proposal.data.items():
        data.setlist(key, values)
    actor = Actor.objects.get(pk=proposal.actor_id)
    return fiche_forms(None, actor, data=data)


@rule_required(policies.can_moderate)
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    proposal = get_object_or_404(ActorProposal.objects.select_related("actor", "author"), pk=pk)
    form, contacts = _proposal_forms(proposal)
    valid = form.is_valid() and contacts.is_valid()
    pending = proposal.status == ActorProposal.Status.PENDING
    if request.method == "POST" and pending:
        comment = request.POST.get("commentaire", "").strip()[:2000]
        decision = request.POST.get("decision")
        if decision == "accepter" and valid:
            services.proposal_accept(
                proposal=proposal,
                reviewer=request.user,
                data=fiche_data(form, contacts),
                comment=comment,
                request=request,
            )
            messages.success(request, _("Proposition acceptée : la fiche est publiée."))
            return redirect("actors:moderation")
        if decision == "refuser":
            if not comment:
                messages.error(
                    request, _("Expliquez en un mot pourquoi la proposition est refusée.")
                )
            else:
                services.proposal_reject(
                    proposal=proposal, reviewer=request.user, comment=comment, request=request
                )
                messages.success(request, _("Proposition refusée ; l’auteur est prévenu."))
                return redirect("actors:moderation")
    differences = [
        {
            "label": form.fields[name].label,
            "current": form.fields[name].prepare_value(form.initial.get(name)),
            "proposed": form[name].value(),
        }
        for name in form.changed_data
        if name != "version"
    ]
    return render(
        request,
        "actors/proposal_review.html",
        {
            "proposal": proposal,
            "differences": differences,
            "form": form,
            "valid": valid,
            "pending": pending,
            "contacts_changed": contacts.has_changed(),
        },
        status=200 if request.method == "GET" or not pending else 400,
    )
