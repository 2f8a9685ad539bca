"""`/moderation/`: the queue of proposed changes and new fiches, and the review of a proposal."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors import policies
from actors.fiches import diff, services
from actors.fiches.editing_views import fiche_forms
from actors.fiches.forms import fiche_data, shown_data
from actors.fiches.services import FicheData
from actors.models import Actor, ActorProposal, PublicationStatus
from mailleurs.editing import retyped_form
from mailleurs.permissions import rule_required
from mailleurs.proposals import decide_from_post, pending_counts


@rule_required(policies.can_moderate)
@require_safe
def moderation_queue(request):
    return _queue_page(request)


def _queue_page(request, *, refusal_errors: dict | None = None, status: int = 200):
    """The queue; `refusal_errors` maps a fiche's id to what is wrong with its refusal."""
    proposals = ActorProposal.objects.filter(status=ActorProposal.Status.PENDING).select_related(
        "actor", "author"
    )
    new_fiches = Actor.objects.filter(status=PublicationStatus.REVIEW).select_related(
        "created_by", "commune"
    )
    archived = Actor.objects.filter(status=PublicationStatus.ARCHIVED).select_related("commune")
    errors = refusal_errors or {}
    return render(
        request,
        "actors/moderation_queue.html",
        {
            "proposals": proposals,
            "new_fiches": [(actor, errors.get(actor.pk, "")) for actor in new_fiches],
            "archived": archived[:200],
            **pending_counts(),
        },
        status=status,
    )


ALREADY_DECIDED = gettext_lazy(
    "Cette fiche n’attend plus de relecture : quelqu’un de l’équipe de modération vient de la "
    "traiter."
)
REFUSAL_NEEDS_A_COMMENT = gettext_lazy(
    "Dites en quelques mots à son auteur·rice ce qu’il faut reprendre : ce commentaire lui est "
    "envoyé."
)


@rule_required(policies.can_moderate)
@require_POST
def actor_refuse(request, slug):
    """A new fiche goes back to draft, its author told why by e-mail."""
    actor = get_object_or_404(Actor, slug=slug)
    comment = request.POST.get("commentaire", "").strip()[:2000]
    if actor.status != PublicationStatus.REVIEW:
        messages.warning(request, ALREADY_DECIDED)
        return redirect("actors:moderation")
    if not comment:
        return _queue_page(request, refusal_errors={actor.pk: REFUSAL_NEEDS_A_COMMENT}, status=400)
    try:
        services.actor_refuse(actor=actor, user=request.user, comment=comment, request=request)
    except services.AlreadyDecided:
        messages.warning(request, ALREADY_DECIDED)
    else:
        messages.success(
            request,
            _("Fiche « %(name)s » refusée : elle revient en brouillon, son auteur·rice est "
              "prévenu·e avec votre commentaire.") % {"name": actor.name},
        )  # fmt: skip
    return redirect("actors:moderation")


def _proposal_forms(proposal):

    actor = Actor.objects.get(pk=proposal.actor_id)
    return fiche_forms(None, actor, data=retyped_form(proposal.data))


REVIEWED_VERSION_CHANGED = gettext_lazy(
    "La fiche a changé pendant votre relecture : rien n’est publié. Relisez les différences "
    "avant d’accepter."
)


def _decide(request, proposal, *, data: FicheData | None):
    """Accept the proposal (`data`: it is valid again) or refuse it; a redirect when decided,
    None to show the review again."""

    def accept(*, comment, expected_version):
        services.proposal_accept(
            proposal=proposal, reviewer=request.user, data=data, comment=comment,
            request=request, expected_version=expected_version,
        )  # fmt: skip

    def reject(*, comment):
        services.proposal_reject(
            proposal=proposal, reviewer=request.user, comment=comment, request=request
        )

    outcome = decide_from_post(
        request,
        accept=accept if data is not None else None,
        reject=reject,
        accepted_message=_("Proposition acceptée : la fiche est publiée."),
        changed_message=REVIEWED_VERSION_CHANGED,
    )
    return redirect("actors:moderation") if outcome else None


@rule_required(policies.can_moderate)
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    """Every change the proposal makes (fields and contacts), against the fiche as it is now."""
    proposal = get_object_or_404(ActorProposal.objects.select_related("actor", "author"), pk=pk)
    form, contacts = _proposal_forms(proposal)
    valid = form.is_valid() and contacts.is_valid()
    pending = proposal.status == ActorProposal.Status.PENDING
    if request.method == "POST" and pending:
        decided = _decide(request, proposal, data=fiche_data(form, contacts) if valid else None)
        if decided is not None:
            return decided
    return render(
        request,
        "actors/proposal_review.html",
        {
            "proposal": proposal,
            "differences": diff.fiche_changes(proposal.actor, shown_data(form, contacts)),
            "form": form,
            "contacts": contacts,
            "valid": valid,
            "pending": pending,
        },
        status=200 if request.method == "GET" or not pending else 400,
    )
