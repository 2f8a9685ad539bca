"""Reads of the discussion: what the term page shows of it, and whom a new message is sent to."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.db.models import QuerySet
from django.utils import timezone

from glossary import policies
from glossary.contributors import term_contributors
from glossary.discussion.models import TermComment
from glossary.models import Term


@dataclass
class Thread:
    """The discussion as one user sees it. Visitors and accounts without a role get only the
    number of visible messages; readers get the messages, each with `may_hide` set."""

    count: int
    readable: bool = False
    writable: bool = False
    moderates: bool = False
    comments: list[TermComment] = field(default_factory=list)
    form: object = None  # the message form, for those who may write (set by the template tag)


def visible_count(term: Term) -> int:
    return TermComment.objects.filter(term=term, hidden_at__isnull=True).count()


def thread_of(*, term: Term, user) -> Thread:
    """The term's messages, oldest first, with their author, sphere and moderator in the same
    query: the page costs the same with 2 messages or 200."""
    if not policies.can_read_discussion(user):
        return Thread(count=visible_count(term))
    comments = list(
        TermComment.objects.filter(term=term)
        .select_related("author", "sphere", "hidden_by")
        .order_by("created_at", "pk")
    )
    for comment in comments:
        comment.may_hide = not comment.is_hidden and policies.can_hide_comment(user, comment)
    return Thread(
        count=sum(not comment.is_hidden for comment in comments),
        readable=True,
        writable=policies.can_write_in_discussion(user),
        moderates=policies.sees_hidden_comments(user),
        comments=comments,
    )


def recent_count(*, user, within: timedelta) -> int:
    """How many messages `user` wrote in the last `within`, on any term."""
    since = timezone.now() - within
    return TermComment.objects.filter(author=user, created_at__gte=since).count()


def recipients_of(comment: TermComment) -> QuerySet:
    """Who hears of a new message: the term's contributors and whoever wrote in its discussion
    before, but not its author, nor accounts closed or without an address."""
    earlier = TermComment.objects.filter(term_id=comment.term_id).exclude(pk=comment.pk)
    participants = get_user_model().objects.filter(pk__in=earlier.values("author"))
    people = (term_contributors(comment.term) | participants).filter(is_active=True)
    if comment.author_id is not None:
        people = people.exclude(pk=comment.author_id)
    return people.exclude(email="").order_by("pk")
