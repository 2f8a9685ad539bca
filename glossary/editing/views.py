"""The glossary in the browser for members and moderators: propose or edit a term, propose the
view of one's sphere, read a term's history and restore a version, review the proposals."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import QueryDict
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from glossary import policies
from glossary.editing import diff, services
from glossary.editing.forms import TermForm, ViewForm, term_data, view_data
from glossary.editing.history import term_versions
from glossary.models import Term, TermProposal
from mailleurs.editing import retyped_form, typed_form
from mailleurs.permissions import rule_required
from mailleurs.proposals import decide_from_post

PROPOSAL_WAITS = gettext_lazy(
    "Merci ! Votre proposition attend la relecture de l’équipe de modération ; le glossaire "
    "reste tel qu’il est d’ici là."
)
CHANGED_MEANWHILE = gettext_lazy(
    "Quelqu’un a modifié ce terme pendant que vous le modifiiez : rien n’est enregistré. Voici ce "
    "qui diffère entre votre version et la version actuelle ; le formulaire garde votre saisie, "
    "enregistrez à nouveau pour la publier."
)


def _submitted(request, submitted, *, published_message):
    if submitted.proposal is not None:
        messages.info(request, PROPOSAL_WAITS)
        return redirect(submitted.term.get_absolute_url() if submitted.term else "glossary:index")
    messages.success(request, published_message)
    return redirect(submitted.term.get_absolute_url())


def _conflict_form(request, current: Term) -> tuple[TermForm, list]:
    """The typed form set on the current version, and what it would change there."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    form = TermForm(data, instance=current)
    changes = diff.term_changes(current, term_data(form)) if form.is_valid() else []
    messages.error(request, CHANGED_MEANWHILE)
    return form, changes


@rule_required(policies.can_contribute)
@require_http_methods(["GET", "POST"])
def term_form(request, slug=None):
    """A new term (`slug` None) or a change to one."""
    term = get_object_or_404(Term, slug=slug) if slug else None
    form = TermForm(request.POST or None, instance=term)
    differences = None
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.term_submit(
                term=term,
                user=request.user,
                data=term_data(form),
                expected_version=form.cleaned_data.get("version"),
                typed=typed_form(request.POST),
            )
        except services.VersionConflict as conflict:
            form, differences = _conflict_form(request, conflict.current)
        else:
            return _submitted(request, submitted, published_message=_("Terme enregistré."))
    return render(
        request,
        "glossary/term_form.html",
        {"form": form, "term": term, "differences": differences},
        status=409 if differences is not None else 400 if request.method == "POST" else 200,
    )


@rule_required(policies.can_contribute)
@require_http_methods(["GET", "POST"])
def view_form(request, slug):
    term = get_object_or_404(Term, slug=slug)
    initial = {"version": term.version, "sphere": request.GET.get("sphere", "")[:60]}
    form = ViewForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            submitted = services.view_submit(
                term=term,
                user=request.user,
                sphere=form.cleaned_data["sphere"],
                text=form.cleaned_data["text"],
                expected_version=form.cleaned_data.get("version"),
            )
        except services.VersionConflict:
            messages.error(
                request,
                _("Le terme a changé pendant votre saisie : relisez-le, votre texte est gardé."),
            )
            form = ViewForm(_with_version(request.POST, term))
        else:
            return _submitted(request, submitted, published_message=_("Regard publié."))
    return render(
        request,
        "glossary/view_form.html",
        {"form": form, "term": term},
        status=400 if request.method == "POST" else 200,
    )


def _with_version(post, term) -> QueryDict:
    data = post.copy()
    data["version"] = str(Term.objects.get(pk=term.pk).version)
    return data


@require_safe
@login_required
def term_history(request, slug):
    term = get_object_or_404(Term, slug=slug)
    return render(
        request, "glossary/term_history.html", {"term": term, "versions": term_versions(term)}
    )


@rule_required(policies.can_moderate_glossary)
@require_POST
def term_restore(request, slug, history_id):
    term = get_object_or_404(Term, slug=slug)
    record = get_object_or_404(term.history.model, history_id=history_id, id=term.pk)
    services.term_restore_version(term=term, record=record, user=request.user)
    messages.success(request, _("Version restaurée : elle devient la version actuelle."))
    return redirect("glossary:history", slug=term.slug)


@rule_required(policies.can_moderate_glossary)
@require_safe
def proposal_queue(request):
    pending = TermProposal.objects.filter(status=TermProposal.Status.PENDING)
    return render(
        request,
        "glossary/proposal_queue.html",
        {"proposals": pending.select_related("term", "author")},
    )


def _proposal_form(proposal: TermProposal):
    """The proposal as typed, in its form, checked again against the glossary as it is now."""
    data = retyped_form(proposal.data)
    if proposal.kind == TermProposal.Kind.VIEW:
        form = ViewForm(data)
        return form, (view_data(form) if form.is_valid() else None)
    form = TermForm(data, instance=proposal.term)
    return form, (term_data(form) if form.is_valid() else None)


def _accepting(request, proposal, data):
    def accept(*, comment, expected_version):
        services.proposal_accept(
            proposal=proposal, reviewer=request.user, data=data, comment=comment,
            expected_version=expected_version, request=request,
        )  # fmt: skip

    return accept


@rule_required(policies.can_moderate_glossary)
@require_http_methods(["GET", "POST"])
def proposal_review(request, pk):
    proposal = get_object_or_404(TermProposal.objects.select_related("term", "author"), pk=pk)
    form, data = _proposal_form(proposal)
    if request.method == "POST" and proposal.is_pending:
        outcome = decide_from_post(
            request,
            accept=_accepting(request, proposal, data) if data is not None else None,
            reject=lambda **typed: services.proposal_reject(
                proposal=proposal, reviewer=request.user, request=request, **typed
            ),
            accepted_message=_("Proposition acceptée : le glossaire est à jour."),
        )
        if outcome:
            return redirect("glossary:proposals")
    return render(
        request,
        "glossary/proposal_review.html",
        {
            "proposal": proposal,
            "form": form,
            "differences": diff.term_changes(proposal.term, data) if data else [],
        },
        status=200 if request.method == "GET" or not proposal.is_pending else 400,
    )
