"""Structures and their people: membership requests, decisions, managers, leaving, and fiches
confirmed up to date. Every service checks its rule in `actors.policies` itself, whatever view
calls it, and raises `PermissionDenied`; the e-mails are `actors.notifications`."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors import notifications, policies
from actors.models import Actor, PublicationStatus, StructureMembership
from mailleurs.versioning import locked

Status = StructureMembership.Status


class MembershipError(Exception):
    """A request that cannot be made or decided; the message is shown to the user, in French."""


@transaction.atomic
def membership_request(*, actor: Actor, user, message: str = "", request=None):
    """Ask to join a structure. A second request is refused with a message, never an error."""
    if not policies.can_request_membership(user):
        raise PermissionDenied
    actor = locked(actor)
    if actor.status != PublicationStatus.PUBLISHED:
        raise MembershipError(_("Cette fiche n’est pas publiée."))
    membership, created = StructureMembership.objects.get_or_create(
        actor=actor, user=user, defaults={"message": message.strip()[:500]}
    )
    if not created:
        raise MembershipError(
            {
                Status.REQUESTED: _("Vous avez déjà demandé à faire partie de cette structure."),
                Status.ACCEPTED: _("Vous faites déjà partie de cette structure."),
                Status.REFUSED: _(
                    "Votre demande pour cette structure a été refusée ; "
                    "écrivez à l’équipe si c’est une erreur."
                ),
            }[membership.status]
        )
    notifications.membership_requested(membership, request=request)
    return membership


@transaction.atomic
def membership_decide(
    *, membership: StructureMembership, user, accept: bool, as_manager: bool = False, request=None
) -> StructureMembership:
    """Accept (optionally as manager) or refuse a pending request; the requester is told."""
    membership = locked(membership)
    if not policies.can_manage_structure(user=user, actor=membership.actor):
        raise PermissionDenied
    if membership.status != Status.REQUESTED:
        raise MembershipError(_("Cette demande a déjà été traitée."))
    membership.status = Status.ACCEPTED if accept else Status.REFUSED
    membership.is_manager = bool(accept and as_manager)
    membership.decided_by, membership.decided_at = user, timezone.now()
    membership.save()
    notifications.membership_decided(membership, request=request)
    return membership


@transaction.atomic
def membership_make_manager(*, membership: StructureMembership, user) -> StructureMembership:
    """Make an accepted member manager (a moderator names the first manager of a structure)."""
    membership = locked(membership)
    if not policies.can_manage_structure(user=user, actor=membership.actor):
        raise PermissionDenied
    if membership.status != Status.ACCEPTED:
        raise MembershipError(_("Seul un membre accepté peut devenir gestionnaire."))
    if membership.is_manager:
        raise MembershipError(_("Cette personne est déjà gestionnaire de la fiche."))
    membership.is_manager = True
    membership.decided_by, membership.decided_at = user, timezone.now()
    membership.save()
    return membership


@transaction.atomic
def actor_confirm_up_to_date(*, actor: Actor, user) -> Actor:
    """A manager confirms the fiche is still right: only `last_checked_at` changes (no new
    version, no proposal; the history keeps a record of the check)."""
    if not policies.is_structure_manager(user=user, actor=actor):
        raise PermissionDenied
    current = locked(actor)
    current.last_checked_at = timezone.now()
    current._change_reason = _("Fiche confirmée à jour")
    current.save(update_fields=["last_checked_at"])
    return current


@transaction.atomic
def membership_end(*, membership: StructureMembership, user) -> None:
    """A person leaves a structure or withdraws a pending request; a manager or moderator
    removes someone (a refused request too: then its author may ask again). Nothing else
    changes: the fiche and its history stay as they are."""
    membership = locked(membership)
    if not policies.can_end_membership(user=user, membership=membership):
        raise PermissionDenied
    membership.delete()
