"""The e-mail telling the moderators about an error reported on a fiche."""

from django.utils.translation import gettext as _

from mailleurs.mail import send_templated_mail
from mailleurs.roles import addresses_of_users_who_may

MODERATE = "actors.moderate_actor"


def error_reported(*, actor, message: str, email: str, request) -> int:
    """One e-mail to all the moderators, naming the fiche with its link (they work as a team:
    each sees who else got it). Returns how many were told."""
    recipients = addresses_of_users_who_may(MODERATE)
    if not recipients:
        return 0
    send_templated_mail(
        folder="actors/emails",
        template="error_reported",
        subject=_("Mailleurs : erreur signalée sur « %(name)s »") % {"name": actor.name},
        recipients=recipients,
        context={
            "name": actor.name,
            "url": request.build_absolute_uri(actor.get_absolute_url()),
            "message": message,
            "email": email,
            "signed_in_as": request.user.get_username() if request.user.is_authenticated else "",
        },
    )
    return len(recipients)
