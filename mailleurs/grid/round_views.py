"""Running an assessment round: open it, invite respondents (private link or account), revoke
or renew links, close, publish the results. The views ask `policies`; the services check
again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors.fiches.selectors import visible_actor_or_404
from mailleurs.grid import policies, selectors, services
from mailleurs.grid.answer_views import Place
from mailleurs.grid.forms import AccountInvitationForm, InvitationForm, RoundForm
from mailleurs.grid.models import Respondent, Round
from mailleurs.versioning import VersionConflict

NEW_LINK_KEY = "grid_new_link"


def round_for(request, pk: int, *, manage: bool = False) -> Round:
    """The round if the user may see it (or run it, with `manage`), else the French 403."""
    round = get_object_or_404(
        Round.objects.select_related("actor", "grid_version", "facilitator"), pk=pk
    )
    allowed = (
        policies.can_manage_round(user=request.user, round=round)
        if manage
        else policies.can_see_round(user=request.user, round=round)
    )
    if not allowed:
        raise PermissionDenied
    return round


@login_required
@require_safe
def rounds(request):
    return render(request, "grid/rounds.html", selectors.rounds_page(user=request.user))


@login_required
@require_http_methods(["GET", "POST"])
def round_create(request, slug):
    actor = visible_actor_or_404(user=request.user, slug=slug)
    if not policies.can_open_round(user=request.user, actor=actor):
        raise PermissionDenied
    form = RoundForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            round = services.round_open(actor=actor, user=request.user, data=form.round_data())
        except services.GridError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Évaluation ouverte : invitez les répondant·e·s."))
            return redirect(round.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(request, "grid/round_form.html", {"form": form, "actor": actor}, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def round_edit(request, pk):
    round = round_for(request, pk, manage=True)
    form = RoundForm(request.POST or None, instance=round)
    if request.method == "POST" and form.is_valid():
        try:
            services.round_change(
                round=round,
                user=request.user,
                data=form.round_data(),
                expected_version=form.cleaned_data.get("version"),
            )
        except VersionConflict:
            messages.error(
                request,
                _("Quelqu’un a modifié cette évaluation pendant que vous la changiez : "
                  "rien n’a été enregistré. Voici la version à jour."),
            )  # fmt: skip
            return redirect("grid:round_edit", pk=round.pk)
        except services.GridError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Évaluation mise à jour."))
            return redirect(round.get_absolute_url())
    status = 400 if request.method == "POST" else 200
    return render(
        request, "grid/round_form.html", {"form": form, "actor": round.actor, "round": round},
        status=status,
    )  # fmt: skip


@login_required
@require_safe
def round_detail(request, pk):
    round = round_for(request, pk)
    context = selectors.round_page(round=round, user=request.user)
    context["new_link"] = None
    if context["can_manage"]:
        context["invitation_form"] = InvitationForm()
        context["account_form"] = AccountInvitationForm(actor=round.actor)
        context["new_link"] = request.session.pop(NEW_LINK_KEY, None)
    return render(request, "grid/round_detail.html", context)


def _remember_link(request, respondent: Respondent, token: str) -> None:
    """The link is shown once, on the next page: only its hash is kept."""
    url = request.build_absolute_uri(Place(respondent=respondent, token=token).url("overview"))
    request.session[NEW_LINK_KEY] = {"label": respondent.label, "url": url}


@login_required
@require_POST
def round_invite(request, pk):
    round = round_for(request, pk, manage=True)
    by_account = request.POST.get("mode") == "compte"
    form = (
        AccountInvitationForm(request.POST, actor=round.actor)
        if by_account
        else InvitationForm(request.POST)
    )
    if not form.is_valid():
        messages.error(request, _("Invitation impossible : choisissez un rôle et dites qui."))
        return redirect(f"{round.get_absolute_url()}#inviter")
    try:
        respondent, token = services.respondent_invite(
            round=round, user=request.user, invitation=form.invitation()
        )
    except services.GridError as error:
        messages.error(request, str(error))
    else:
        if token:
            _remember_link(request, respondent, token)
        else:
            messages.success(
                request, _("%(label)s peut répondre avec son compte.") % {"label": respondent.label}
            )
    return redirect(f"{round.get_absolute_url()}#repondants")


@login_required
@require_POST
def round_answer_myself(request, pk):
    round = round_for(request, pk, manage=True)
    services.respondent_answer_myself(round=round, user=request.user)
    return redirect("grid:answer_overview", pk=round.pk)


def _respondent_of(round: Round, respondent_pk: int) -> Respondent:
    respondents = Respondent.objects.select_related("round")
    return get_object_or_404(respondents, pk=respondent_pk, round=round)


@login_required
@require_POST
def respondent_link(request, pk, respondent):
    """`action=revoquer` cuts the link off; `action=nouveau` replaces it with a new one."""
    round = round_for(request, pk, manage=True)
    target = _respondent_of(round, respondent)
    try:
        if request.POST.get("action") == "nouveau":
            target, token = services.respondent_new_link(respondent=target, user=request.user)
            _remember_link(request, target, token)
        else:
            services.respondent_revoke_link(respondent=target, user=request.user)
            messages.success(
                request, _("Le lien de %(label)s ne fonctionne plus.") % {"label": target.label}
            )
    except services.GridError as error:
        messages.error(request, str(error))
    return redirect(f"{round.get_absolute_url()}#repondants")


@login_required
@require_POST
def round_status(request, pk):
    """`etat=cloturer` closes the round, `etat=rouvrir` opens it again; `resultats=publier` or
    `resultats=retirer` shows the results to the respondents or hides them again."""
    round = round_for(request, pk, manage=True)
    state, results = request.POST.get("etat"), request.POST.get("resultats")
    if state in {"cloturer", "rouvrir"}:
        services.round_set_status(round=round, user=request.user, open=state == "rouvrir")
        messages.success(
            request,
            _("Évaluation rouverte.") if state == "rouvrir" else _("Évaluation clôturée."),
        )
    elif results in {"publier", "retirer"}:
        services.round_publish_results(round=round, user=request.user, publish=results == "publier")
        messages.success(
            request,
            _("Les répondant·e·s voient maintenant les résultats.")
            if results == "publier"
            else _("Les résultats ne sont plus montrés aux répondant·e·s."),
        )
    else:
        messages.error(request, _("Choisissez une action."))
    return redirect(round.get_absolute_url())
