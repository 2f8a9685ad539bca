"""Who contributed to a term: the people a message in its discussion is sent to.

Each source gives the ids of the accounts it credits; `term_contributors` takes them all. A new
way of contributing (a proposal, say) adds its own source to `CONTRIBUTOR_SOURCES`, and every
reader of the list — the discussion's e-mails first — follows."""

from collections.abc import Callable

from django.contrib.auth import get_user_model
from django.db.models import Q, QuerySet

from glossary.models import Term, TermProposal, TermView


def _term_history_users(term: Term) -> QuerySet:
    """Whoever saved a version of the term (the history credits the request's user)."""
    return Term.history.filter(id=term.pk).values("history_user")


def _term_editors(term: Term) -> QuerySet:
    """Whoever a version names as its editor (a service may save for someone else)."""
    return Term.history.filter(id=term.pk).values("updated_by")


def _view_history_users(term: Term) -> QuerySet:
    """Whoever wrote or changed a sphere's view of the term, deleted views included."""
    return TermView.history.filter(term_id=term.pk).values("history_user")


def _proposal_authors(term: Term) -> QuerySet:
    """Whoever proposed a change or a view of the term, published or not: they care for it."""
    return TermProposal.objects.filter(term=term).values("author")


CONTRIBUTOR_SOURCES: list[Callable[[Term], QuerySet]] = [
    _term_history_users,
    _term_editors,
    _view_history_users,
    _proposal_authors,
]


def term_contributors(term: Term) -> QuerySet:
    """The accounts credited with the term's content, in one query (active or not: the caller
    decides whom it writes to)."""
    credited = Q()
    for source in CONTRIBUTOR_SOURCES:
        credited |= Q(pk__in=source(term))
    return get_user_model().objects.filter(credited)
