"""The e-mails the glossary sends. Bodies are templates in `templates/glossary/emails/`; the
services decide when to send, this module only writes and sends."""

import re

from django.core.mail import send_mass_mail
from django.template.loader import render_to_string
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from glossary.discussion import selectors as discussion_selectors
from glossary.discussion.models import TermComment
from mailleurs.text import one_line

EXCERPT_LENGTH = 300


def _address(path: str, request=None) -> str:
    """Absolute when a request tells the host (e-mails are read outside the site)."""
    return request.build_absolute_uri(path) if request is not None else path


def _body(template: str, context: dict) -> str:
    body = render_to_string(f"glossary/emails/{template}.txt", context)
    # Template tags leave blank lines behind: keep at most one between paragraphs.
    return re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip() + "\n"


def _unique_addresses(people) -> list[str]:
    """One e-mail per address, whatever its case, even if two accounts share it."""
    seen: dict[str, str] = {}
    for person in people:
        seen.setdefault(person.email.strip().lower(), person.email.strip())
    return list(seen.values())


def comment_posted(comment: TermComment, *, request=None) -> int:
    """Tell the term's contributors and the discussion's earlier participants that someone
    wrote in it: one e-mail each (nobody sees the others' addresses). Returns how many."""
    addresses = _unique_addresses(discussion_selectors.recipients_of(comment))
    if not addresses:
        return 0
    term = comment.term
    subject = one_line(_("Mailleurs : discussion sur « %(word)s »") % {"word": term.word})
    body = _body(
        "comment_posted",
        {
            "author": comment.author_name,
            "word": term.word,
            "sphere": comment.sphere.name if comment.sphere_id else "",
            "excerpt": Truncator(comment.body).chars(EXCERPT_LENGTH),
            "url": _address(f"{term.get_absolute_url()}#discussion", request),
        },
    )
    return send_mass_mail([(subject, body, None, [address]) for address in addresses])
