"""An actor's managers answer for it on a sheet that names it: confirmed (who and when), or
said to be wrong (the moderators and the author read why; the confirmation is withdrawn)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone

from experiences import notifications, policies
from experiences.models import ExperienceActor


def _signed(involvement: ExperienceActor, user) -> None:
    # The history of the row credits the manager, not the sheet's last editor.
    involvement._history_user = user


@transaction.atomic
def involvement_confirm(*, involvement: ExperienceActor, user) -> ExperienceActor:
    if not policies.can_confirm_involvement(user, involvement):
        raise PermissionDenied
    current = ExperienceActor.objects.select_for_update().get(pk=involvement.pk)
    current.confirmed_at, current.confirmed_by = timezone.now(), user
    _signed(current, user)
    current.save(update_fields=["confirmed_at", "confirmed_by"])
    return current


@transaction.atomic
def involvement_dispute(*, involvement: ExperienceActor, user, message: str, request=None):
    if not policies.can_confirm_involvement(user, involvement):
        raise PermissionDenied
    current = ExperienceActor.objects.select_for_update().get(pk=involvement.pk)
    if current.confirmed_at is not None:
        current.confirmed_at, current.confirmed_by = None, None
        _signed(current, user)
        current.save(update_fields=["confirmed_at", "confirmed_by"])
    notifications.involvement_disputed(current, user=user, message=message, request=request)
    return current
