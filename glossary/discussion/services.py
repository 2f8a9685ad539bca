"""Writes of the discussion: post a message, hide one, show it again. Each service checks its
rule in `glossary.policies` itself, whatever view calls it, and raises `PermissionDenied`; a
write that cannot be made raises `DiscussionError` with a French message for the user."""

from datetime import timedelta
from functools import partial

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from glossary import notifications, policies
from glossary.discussion import selectors
from glossary.discussion.models import BODY_MAX_LENGTH, TermComment
from glossary.models import Term
from mailleurs.text import unix_lines
from mailleurs.versioning import locked

# A member writes a few messages an hour; more is a script or a loop, not a conversation.
FLOOD_LIMIT = 10
FLOOD_WINDOW = timedelta(hours=1)
REASON_MAX_LENGTH = TermComment._meta.get_field("hidden_reason").max_length


class DiscussionError(Exception):
    """A message that cannot be posted, hidden or shown; the text is shown to the user."""


@transaction.atomic
def comment_post(*, term: Term, user, body: str, sphere=None, request=None) -> TermComment:
    """Add a message under `term`; its contributors and earlier participants are told by
    e-mail once the message is saved for good."""
    if not policies.can_write_in_discussion(user):
        raise PermissionDenied
    body = unix_lines(body or "").strip()
    if not body or "\x00" in body or len(body) > BODY_MAX_LENGTH:
        raise DiscussionError(_("Ce message ne peut pas être publié : il est vide ou trop long."))
    if selectors.recent_count(user=user, within=FLOOD_WINDOW) >= FLOOD_LIMIT:
        raise DiscussionError(
            _(
                "Vous avez déjà écrit %(limit)s messages dans l’heure : attendez un peu "
                "avant d’en publier un autre."
            )
            % {"limit": FLOOD_LIMIT}
        )
    comment = TermComment.objects.create(term=term, author=user, body=body, sphere=sphere)
    # After the commit: no e-mail for a message rolled back, and a mail server that fails
    # (robust) is logged without taking the saved message with it.
    transaction.on_commit(
        partial(notifications.comment_posted, comment, request=request), robust=True
    )
    return comment


@transaction.atomic
def comment_hide(*, comment: TermComment, user, reason: str = "") -> TermComment:
    """Hide a message, keeping it and saying who hid it and why. A moderator hiding someone
    else's message gives a reason; an author hiding their own need not."""
    comment = locked(comment)
    if not policies.can_hide_comment(user, comment):
        raise PermissionDenied
    if comment.is_hidden:
        raise DiscussionError(_("Ce message est déjà masqué."))
    reason = " ".join((reason or "").split())
    if not reason and comment.author_id != user.pk:
        raise DiscussionError(_("Indiquez pourquoi vous masquez ce message."))
    if len(reason) > REASON_MAX_LENGTH:
        raise DiscussionError(_("La raison tient en 200 caractères au plus."))
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = timezone.now(), user, reason
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment


@transaction.atomic
def comment_show(*, comment: TermComment, user) -> TermComment:
    """Show a hidden message again (moderators only)."""
    comment = locked(comment)
    if not policies.can_show_comment_again(user):
        raise PermissionDenied
    if not comment.is_hidden:
        raise DiscussionError(_("Ce message n’est pas masqué."))
    comment.hidden_at, comment.hidden_by, comment.hidden_reason = None, None, ""
    comment.save(update_fields=["hidden_at", "hidden_by", "hidden_reason"])
    return comment
