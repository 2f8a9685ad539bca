"""The discussion's three addresses, POST only: write a message, hide one, show it again.
Each answers with a redirect to the term's discussion and a message; a message refused by its
form comes back on the term page (400) with the error under the field. No JavaScript needed.

The views check `glossary.policies` before calling the services, which check them again."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from glossary import policies, selectors
from glossary.discussion import services
from glossary.discussion.forms import CommentForm, HideForm
from glossary.discussion.models import TermComment
from glossary.models import Term
from mailleurs.permissions import rule_required


def _back_to_discussion(term: Term):
    return redirect(f"{term.get_absolute_url()}#discussion")


def _comment_or_404(slug: str, pk: int) -> TermComment:
    return get_object_or_404(TermComment.objects.select_related("term"), pk=pk, term__slug=slug)


@rule_required(policies.can_write_in_discussion)
@require_POST
def comment_post(request, slug):
    term = get_object_or_404(Term, slug=slug)
    form = CommentForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Votre message n’est pas publié : voyez sous le champ."))
        context = {"term": selectors.term_detail(slug=slug), "comment_form": form}
        return render(request, "glossary/term_detail.html", context, status=400)
    try:
        services.comment_post(
            term=term,
            user=request.user,
            body=form.cleaned_data["message"],
            sphere=form.cleaned_data["sphere"],
            request=request,
        )
    except services.DiscussionError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Message publié ; les contributeurs du mot sont prévenus."))
    return _back_to_discussion(term)


@login_required
@require_POST
def comment_hide(request, slug, pk):
    comment = _comment_or_404(slug, pk)
    if not policies.can_hide_comment(request.user, comment):
        raise PermissionDenied
    form = HideForm(request.POST)
    try:
        if not form.is_valid():
            raise services.DiscussionError(form.error_message())
        services.comment_hide(
            comment=comment, user=request.user, reason=form.cleaned_data["raison"]
        )
    except services.DiscussionError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Message masqué. Il reste conservé."))
    return _back_to_discussion(comment.term)


@rule_required(policies.can_show_comment_again)
@require_POST
def comment_show(request, slug, pk):
    comment = _comment_or_404(slug, pk)
    try:
        services.comment_show(comment=comment, user=request.user)
    except services.DiscussionError as error:
        messages.warning(request, str(error))
    else:
        messages.success(request, _("Le message est de nouveau visible."))
    return _back_to_discussion(comment.term)
