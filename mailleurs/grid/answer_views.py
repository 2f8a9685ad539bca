"""Answering an assessment: by private link (no account) or with an account, one function per
screen, each answer saved as it is given (htmx) or screen by screen (plain form), resumable.

Both ways in resolve to a `Place` (the respondent, and how to build their addresses); the
pages themselves are the same."""

from dataclasses import dataclass

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from mailleurs.grid import answering, policies, selectors
from mailleurs.grid.forms import CriterionAnswerForm, EvidenceForm
from mailleurs.grid.models import Criterion, Respondent
from mailleurs.htmx import wants_fragment


@dataclass(frozen=True)
class Place:
    respondent: Respondent
    token: str | None = None

    def url(self, name: str, **kwargs) -> str:
        if self.token is not None:
            return reverse(f"grid:link_{name}", kwargs={"token": self.token, **kwargs})
        return reverse(f"grid:answer_{name}", kwargs={"pk": self.respondent.round_id, **kwargs})

    def function_url(self, function) -> str:
        return self.url("function", axis=function.axis.number, number=function.number)

    @property
    def overview_url(self) -> str:
        return self.url("overview")

    @property
    def finish_url(self) -> str:
        return self.url("finish")


class LinkProblem(Exception):
    def __init__(self, message: str, status: int):
        super().__init__(message)
        self.status = status


def _respondents():
    return Respondent.objects.select_related("round__actor", "round__grid_version", "user")


def _link_place(token: str) -> Place:
    respondent = _respondents().by_token(token).first()
    if respondent is None:
        raise LinkProblem(_("Ce lien n’est pas valide : vérifiez qu’il est complet."), 404)
    state = policies.link_state(respondent)
    if state != policies.LinkState.VALID:
        raise LinkProblem(answering.refusal(respondent) or "", 410)
    return Place(respondent=respondent, token=token)


def _account_place(request, pk: int) -> Place:
    respondent = _respondents().filter(round_id=pk, user=request.user).first()
    if respondent is None:
        raise Http404(_("Vous n’êtes pas invité·e à répondre à cette évaluation."))
    return Place(respondent=respondent)


def _problem(request, error: LinkProblem):
    context = {"message": str(error)}
    return _private(render(request, "grid/link_problem.html", context, status=error.status))


def _private(response):
    """Pages behind a private link: never indexed, never kept by a shared cache."""
    response["X-Robots-Tag"] = "noindex"
    return response


# --- the pages, whichever way in ----------------------------------------------------------------


def _overview(request, place: Place):
    state = selectors.answering_state(respondent=place.respondent)
    resume = state.resume_at() or (state.functions[0] if state.functions else None)
    return _private(
        render(
            request,
            "grid/answer_overview.html",
            {
                "place": place,
                "state": state,
                "resume_url": place.function_url(resume) if resume else None,
                "function_urls": {f.pk: place.function_url(f) for f in state.functions},
                "refusal": answering.refusal(place.respondent, request.user),
            },
        )
    )


def _screen_forms(request, place: Place, function, state):
    data = request.POST if request.method == "POST" else None
    rows = []
    for criterion in function.criteria.all():
        answer = state.answers.get(criterion.pk)
        initial = {}
        if answer is not None:
            initial = {
                "level": answer.level,
                "comment": answer.comment,
                "visibility": "partage" if answer.comment_shared else "equipe",
            }
        rows.append(
            {
                "criterion": criterion,
                "answer": answer,
                "form": CriterionAnswerForm(data, prefix=f"c{criterion.pk}", initial=initial),
                "evidence_form": EvidenceForm(data, prefix=f"p{criterion.pk}"),
                "save_url": place.url("criterion", criterion_id=criterion.pk),
            }
        )
    return rows


def _screen_data(request, rows) -> answering.ScreenData:
    return answering.ScreenData(
        answers=[a for row in rows if (a := row["form"].answer(row["criterion"].pk))],
        evidence=[e for row in rows if (e := row["evidence_form"].evidence(row["criterion"].pk))],
        remove_evidence=[int(v) for v in request.POST.getlist("retirer") if v.isdigit()],
    )


def _function_screen(request, place: Place, axis: int, number: int):
    state = selectors.answering_state(respondent=place.respondent)
    function = state.function(axis, number)
    if function is None:
        raise Http404(_("Cette fonction n’existe pas dans la grille de cette évaluation."))
    rows = _screen_forms(request, place, function, state)
    status = 200
    if request.method == "POST":
        refused = answering.refusal(place.respondent, request.user)
        if refused:
            return _problem(request, LinkProblem(refused, 403))
        if all(row["form"].is_valid() and row["evidence_form"].is_valid() for row in rows):
            try:
                answering.screen_save(
                    respondent=place.respondent, user=request.user, data=_screen_data(request, rows)
                )
            except answering.AnswerError as error:
                messages.error(request, str(error))
            else:
                return _after_save(request, place, state, function)
        else:
            messages.error(request, _("Rien n’a été enregistré : voyez les messages ci-dessous."))
        status = 400
    before, after = state.neighbours(function)
    return _private(
        render(
            request,
            "grid/answer_function.html",
            {
                "place": place,
                "state": state,
                "function": function,
                "rows": rows,
                "before_url": place.function_url(before) if before else None,
                "after_url": place.function_url(after) if after else None,
                "refusal": answering.refusal(place.respondent, request.user),
                "scale": selectors.scale(ascending=True),
            },
            status=status,
        )
    )


def _after_save(request, place: Place, state, function):
    messages.success(request, _("Réponses enregistrées."))
    if request.POST.get("suite") == "suivante":
        after = state.neighbours(function)[1]
        return redirect(place.function_url(after) if after else place.url("overview"))
    anchor = request.POST.get("ancre", "")
    target = place.function_url(function)
    return redirect(f"{target}#{anchor}" if anchor.startswith("critere-") else target)


def _save_criterion(request, place: Place, criterion_id: int):
    """One answer, sent by htmx as it is given: the reply is the criterion's saved state."""
    criterion = Criterion.objects.select_related("function__axis").filter(pk=criterion_id).first()
    if criterion is None:
        raise Http404(_("Ce critère n’existe pas."))
    form = CriterionAnswerForm(request.POST, prefix=f"c{criterion.pk}")
    context = {"criterion": criterion, "place": place, "state": None}
    error = None
    if not form.is_valid():
        error = " ".join(str(e) for errors in form.errors.values() for e in errors)
    elif (answer := form.answer(criterion.pk)) is None:
        error = _("Choisissez un niveau de l’échelle (1 à 4) ou « je ne sais pas ».")
    else:
        try:
            answering.answers_save(respondent=place.respondent, user=request.user, answers=[answer])
        except answering.AnswerError as refused:
            error = str(refused)
    if error is None:
        context["state"] = selectors.answering_state(respondent=place.respondent)
    context["error"] = error
    # An htmx request gets 422 with the message in place (htmx swaps it, see the page's
    # htmx-config; the debug helper of django-htmx would replace the whole page on a 400).
    status = 200 if error is None else (422 if wants_fragment(request) else 400)
    return _private(render(request, "grid/_answer_saved.html", context, status=status))


def _finish(request, place: Place):
    try:
        answering.respondent_finish(respondent=place.respondent, user=request.user)
    except answering.AnswerError as error:
        return _problem(request, LinkProblem(str(error), 403))
    messages.success(
        request, _("Merci ! Vos réponses sont enregistrées ; vous pouvez y revenir avec ce lien.")
    )
    return redirect(place.url("overview"))


# --- by private link -----------------------------------------------------------------------------


def _by_link(page):
    def view(request, token, **kwargs):
        try:
            place = _link_place(token)
        except LinkProblem as error:
            if wants_fragment(request):
                # Mid-answer, the link stopped working: reload, the page says why.
                return HttpResponse(headers={"HX-Refresh": "true"})
            return _problem(request, error)
        return page(request, place, **kwargs)

    return never_cache(view)


link_overview = require_safe(_by_link(_overview))
link_function = require_http_methods(["GET", "POST"])(_by_link(_function_screen))
link_criterion = require_POST(_by_link(_save_criterion))
link_finish = require_POST(_by_link(_finish))


# --- with an account -----------------------------------------------------------------------------


def _by_account(page):
    @login_required
    def view(request, pk, **kwargs):
        return page(request, _account_place(request, pk), **kwargs)

    return never_cache(view)


answer_overview = require_safe(_by_account(_overview))
answer_function = require_http_methods(["GET", "POST"])(_by_account(_function_screen))
answer_criterion = require_POST(_by_account(_save_criterion))
answer_finish = require_POST(_by_account(_finish))
