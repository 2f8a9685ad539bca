"""The e-mails the actors app sends. Bodies are templates in `templates/actors/emails/`; the
services decide when to send, this module only writes and sends."""

import re

from django.core.mail import send_mail
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import StructureMembership
from mailleurs.text import one_line


def _page_of(actor, view_name: str, request=None) -> str:
    """The address of one of the fiche's pages, absolute when a request tells the host."""
    url = reverse(view_name, kwargs={"slug": actor.slug})
    return request.build_absolute_uri(url) if request is not None else url


def _send(*, template: str, subject: str, recipients: list[str], context: dict) -> None:
    body = render_to_string(f"actors/emails/{template}.txt", context)
    # Template tags leave blank lines behind: keep at most one between paragraphs.
    body = re.sub(r"\n\s*\n(\s*\n)+", "\n\n", body).strip() + "\n"
    # Subjects hold names typed by users (or imported): a header is one line, whatever they hold.
    send_mail(subject=one_line(subject), message=body, from_email=None, recipient_list=recipients)


def proposal_decided(proposal, *, accepted: bool, request=None) -> None:
    """Tell the author of a proposal (a fiche's or the glossary's) what the moderator decided."""
    author = proposal.author
    if author is None or not author.email:
        return
    notice = proposal.notice()
    url = notice["url"]
    _send(
        template="proposal_decided",
        subject=_("Mailleurs : votre modification de « %(name)s »") % {"name": notice["name"]},
        recipients=[author.email],
        context={
            "name": notice["name"],
            "what": notice["what"],
            "accepted": accepted,
            "comment": proposal.comment,
            "url": request.build_absolute_uri(url) if request is not None else url,
        },
    )


def membership_requested(membership: StructureMembership, *, request=None) -> None:
    """Tell a structure's managers that someone asks to join it."""
    recipients = list(
        StructureMembership.objects.filter(
            actor=membership.actor, status=StructureMembership.Status.ACCEPTED, is_manager=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    _send(
        template="membership_requested",
        subject=_("Mailleurs : demande pour « %(name)s »") % {"name": membership.actor.name},
        recipients=recipients,
        context={
            "person": membership.user.get_username(),
            "name": membership.actor.name,
            "message": membership.message,
            "url": _page_of(membership.actor, "actors:structure_team", request),
        },
    )


def membership_decided(membership: StructureMembership, *, request=None) -> None:
    """Tell the person who asked to join a structure whether they are in, and as what."""
    person = membership.user
    if not person.email:
        return
    _send(
        template="membership_decided",
        subject=_("Mailleurs : votre demande pour « %(name)s »") % {"name": membership.actor.name},
        recipients=[person.email],
        context={
            "name": membership.actor.name,
            "refused": membership.status == StructureMembership.Status.REFUSED,
            "is_manager": membership.is_manager,
            "url": _page_of(membership.actor, "actors:actor_detail", request),
        },
    )
