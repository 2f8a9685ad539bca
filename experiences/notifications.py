"""The e-mails about experience sheets. Bodies are templates in `templates/experiences/emails/`;
the services decide when to send, this module only writes and sends."""

from functools import partial

from django.urls import reverse
from django.utils.translation import gettext as _

from actors.notifications import manager_addresses
from experiences.editing.addresses import sheet_url
from experiences.policies import MODERATE
from mailleurs.mail import send_templated_mail
from mailleurs.roles import addresses_of_users_who_may

_send = partial(send_templated_mail, folder="experiences/emails")


def _absolute(url: str, request=None) -> str:
    return request.build_absolute_uri(url) if request is not None else url


def involvements_named(involvements, *, request=None) -> None:
    """Tell the accepted managers of each actor a published sheet names, with the page where
    they confirm its role or say it is wrong (one message per actor)."""
    for involvement in involvements:
        recipients = manager_addresses(involvement.actor)
        if not recipients:
            continue
        experience = involvement.experience
        page = reverse(
            "experiences:involvement", kwargs={"slug": experience.slug, "pk": involvement.pk}
        )
        _send(
            template="involvement_named",
            subject=_("Mailleurs : « %(actor)s » est cité dans une fiche expérience")
            % {"actor": involvement.actor.name},
            recipients=recipients,
            context={
                "actor": involvement.actor.name,
                "role": involvement.get_role_display(),
                "phases": involvement.phase_labels(),
                "title": experience.title,
                "url": _absolute(page, request),
                "sheet_url": _absolute(sheet_url(experience), request),
            },
        )


def _moderator_addresses() -> list[str]:
    return addresses_of_users_who_may(MODERATE)


def involvement_disputed(involvement, *, user, message: str, request=None) -> None:
    """A manager of the actor says the sheet is wrong about it: the moderators and the sheet's
    author read why."""
    experience = involvement.experience
    recipients = set(_moderator_addresses())
    if experience.created_by is not None and experience.created_by.email:
        recipients.add(experience.created_by.email)
    if not recipients:
        return
    _send(
        template="involvement_disputed",
        subject=_("Mailleurs : « %(actor)s » conteste la fiche « %(title)s »")
        % {"actor": involvement.actor.name, "title": experience.title},
        recipients=sorted(recipients),
        context={
            "person": user.get_username(),
            "actor": involvement.actor.name,
            "role": involvement.get_role_display(),
            "title": experience.title,
            "message": message,
            "url": _absolute(
                reverse("experiences:edit", kwargs={"slug": experience.slug}), request
            ),
        },
    )


def sheet_sent_back(experience, *, comment: str, request=None) -> None:
    """Tell the author that a moderator sent their sheet back to draft, and why."""
    author = experience.created_by
    if author is None or not author.email:
        return
    _send(
        template="sheet_sent_back",
        subject=_("Mailleurs : votre fiche « %(title)s » est à reprendre")
        % {"title": experience.title},
        recipients=[author.email],
        context={
            "title": experience.title,
            "comment": comment,
            "url": _absolute(
                reverse("experiences:edit", kwargs={"slug": experience.slug}), request
            ),
        },
    )
