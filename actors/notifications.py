"""The e-mails the actors app sends. Bodies are templates in `templates/actors/emails/`; the
services decide when to send, this module only writes and sends."""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.models import StructureMembership
from mailleurs.mail import send_templated_mail


def _page_of(actor, view_name: str, request=None) -> str:
    """The address of one of the fiche's pages, absolute when a request tells the host."""
    url = reverse(view_name, kwargs={"slug": actor.slug})
    return request.build_absolute_uri(url) if request is not None else url


_send = partial(send_templated_mail, folder="actors/emails")


def manager_addresses(actor) -> list[str]:
    """The e-mail addresses of the structure's accepted managers."""
    return list(
        StructureMembership.objects.filter(
            actor=actor, status=StructureMembership.Status.ACCEPTED, is_manager=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )


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
    recipients = manager_addresses(membership.actor)
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


def fiche_refused(actor, *, comment: str, request=None) -> None:
    """Tell the author of a new fiche that a moderator sent it back to draft, and why."""
    author = actor.created_by
    if author is None or not author.email:
        return
    _send(
        template="fiche_refused",
        subject=_("Mailleurs : votre fiche « %(name)s » est à reprendre") % {"name": actor.name},
        recipients=[author.email],
        context={
            "name": actor.name,
            "comment": comment,
            "url": _page_of(actor, "actors:actor_edit", request),
        },
    )
