"""Structures and their people: membership requests, managers, and fiches confirmed up to date.

Rules (design.md, roles):
- a signed-in member (`actors.change_actor`) asks to join a published structure;
- the structure's accepted managers and the moderators (`actors.moderate_actor`) accept or refuse,
  optionally as manager, and may make an accepted member manager (how a structure without
  managers gets its first one: a moderator promotes them);
- managers edit their fiche without review (`services.can_publish_directly`) and confirm it is
  still up to date;
- staff and moderators (Cap Rural staff in design.md) see the fiches nobody confirmed for
  `settings.STALE_FICHE_MONTHS` months.

Every service checks its permission itself and raises `PermissionDenied`, whatever view calls it.
"""

import datetime
from calendar import monthrange
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import F, Prefetch, Q, QuerySet
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor, PublicationStatus, StructureMembership

Status = StructureMembership.Status


class MembershipError(Exception):
    """A request that cannot be made or decided; the message is shown to the user, in French."""


# --- who may do what ---------------------------------------------------------------------------


def is_structure_manager(*, user, actor: Actor) -> bool:
    if not user.is_authenticated:
        return False
    return StructureMembership.objects.filter(
        actor=actor, user=user, status=Status.ACCEPTED, is_manager=True
    ).exists()


def can_manage_structure(*, user, actor: Actor) -> bool:
    """Decide on requests and name managers: the structure's managers and the moderators."""
    if not user.is_authenticated:
        return False
    return user.has_perm("actors.moderate_actor") or is_structure_manager(user=user, actor=actor)


def can_request_membership(user) -> bool:
    return user.is_authenticated and user.has_perm("actors.change_actor")


def can_see_stale_fiches(user) -> bool:
    """Cap Rural staff: the staff role (`export_all_columns`, or `is_staff`) and moderators."""
    return user.is_authenticated and (
        user.is_staff
        or user.has_perm("actors.export_all_columns")
        or user.has_perm("actors.moderate_actor")
    )


# --- selectors ---------------------------------------------------------------------------------


def membership_of(*, actor: Actor, user) -> StructureMembership | None:
    if not user.is_authenticated:
        return None
    return StructureMembership.objects.filter(actor=actor, user=user).first()


@dataclass
class FicheStructureStatus:
    """What the fiche shows about its people, for the signed-in user."""

    membership: StructureMembership | None
    can_join: bool
    is_manager: bool
    can_manage: bool

    @property
    def is_pending(self) -> bool:
        return self.membership is not None and self.membership.status == Status.REQUESTED

    @property
    def is_member(self) -> bool:
        return self.membership is not None and self.membership.status == Status.ACCEPTED


def fiche_structure_status(*, actor: Actor, user) -> FicheStructureStatus:
    membership = membership_of(actor=actor, user=user)
    is_manager = bool(membership and membership.status == Status.ACCEPTED and membership.is_manager)
    return FicheStructureStatus(
        membership=membership,
        can_join=membership is None
        and can_request_membership(user)
        and actor.status == PublicationStatus.PUBLISHED,
        is_manager=is_manager,
        can_manage=is_manager or (user.is_authenticated and user.has_perm("actors.moderate_actor")),
    )


def team_of(*, actor: Actor) -> dict[str, list[StructureMembership]]:
    """Pending requests (oldest first) and accepted members (managers first) of a structure."""
    rows = (
        StructureMembership.objects.filter(actor=actor)
        .exclude(status=Status.REFUSED)
        .select_related("user", "decided_by")
        .order_by("created_at", "pk")
    )
    pending, accepted = [], []
    for row in rows:
        (pending if row.status == Status.REQUESTED else accepted).append(row)
    accepted.sort(key=lambda row: not row.is_manager)
    return {
        "pending": pending,
        "accepted": accepted,
        "has_manager": any(row.is_manager for row in accepted),
    }


def memberships_of_user(*, user) -> QuerySet[StructureMembership]:
    return (
        StructureMembership.objects.filter(user=user)
        .select_related("actor__commune")
        .order_by("actor__name", "pk")
    )


def months_ago(moment: datetime.datetime, months: int) -> datetime.datetime:
    """The same day and time `months` calendar months earlier (clamped to the month's end)."""
    index = moment.year * 12 + moment.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    day = min(moment.day, monthrange(year, month)[1])
    return moment.replace(year=year, month=month, day=day)


def stale_cutoff(*, now: datetime.datetime | None = None, months: int | None = None):
    months = settings.STALE_FICHE_MONTHS if months is None else months
    return months_ago(now or timezone.now(), months)


def stale_fiches(*, months: int | None = None) -> QuerySet[Actor]:
    """Published fiches never confirmed, or confirmed before the cutoff; oldest first.

    Each carries `managers` (accepted managers, with their user): one query for the page, one
    for all its managers."""
    cutoff = stale_cutoff(months=months)
    managers = (
        StructureMembership.objects.filter(status=Status.ACCEPTED, is_manager=True)
        .select_related("user")
        .order_by("user__username")
    )
    return (
        Actor.objects.published()
        .filter(Q(last_checked_at__isnull=True) | Q(last_checked_at__lt=cutoff))
        .select_related("commune")
        .prefetch_related(Prefetch("memberships", queryset=managers, to_attr="managers"))
        .order_by(F("last_checked_at").asc(nulls_first=True), "updated_at", "pk")
    )


# --- services ----------------------------------------------------------------------------------


def _absolute(url: str, request=None) -> str:
    return request.build_absolute_uri(url) if request is not None else url


@transaction.atomic
def membership_request(*, actor: Actor, user, message: str = "", request=None):
    """Ask to join a structure. A second request is refused with a message, never an error."""
    if not can_request_membership(user):
        raise PermissionDenied
    actor = Actor.objects.select_for_update().get(pk=actor.pk)
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
    _notify_managers(membership, request=request)
    return membership


def _notify_managers(membership: StructureMembership, *, request=None) -> None:
    recipients = list(
        StructureMembership.objects.filter(
            actor=membership.actor, status=Status.ACCEPTED, is_manager=True
        )
        .exclude(user__email="")
        .values_list("user__email", flat=True)
    )
    if not recipients:
        return
    url = reverse("actors:structure_team", kwargs={"slug": membership.actor.slug})
    lines = [
        _("Bonjour,"),
        "",
        _("%(person)s demande à faire partie de la structure « %(name)s ».")
        % {"person": membership.user.get_username(), "name": membership.actor.name},
    ]
    if membership.message:
        lines += ["", _("Son message :"), membership.message]
    lines += ["", _("Accepter ou refuser la demande :"), _absolute(url, request)]
    send_mail(
        subject=_("Mailleurs : demande pour « %(name)s »") % {"name": membership.actor.name},
        message="\n".join(lines),
        from_email=None,
        recipient_list=recipients,
    )


@transaction.atomic
def membership_decide(
    *, membership: StructureMembership, user, accept: bool, as_manager: bool = False, request=None
) -> StructureMembership:
    """Accept (optionally as manager) or refuse a pending request; the requester is told."""
    membership = StructureMembership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage_structure(user=user, actor=membership.actor):
        raise PermissionDenied
    if membership.status != Status.REQUESTED:
        raise MembershipError(_("Cette demande a déjà été traitée."))
    membership.status = Status.ACCEPTED if accept else Status.REFUSED
    membership.is_manager = bool(accept and as_manager)
    membership.decided_by, membership.decided_at = user, timezone.now()
    membership.save()
    _notify_requester(membership, request=request)
    return membership


def _notify_requester(membership: StructureMembership, *, request=None) -> None:
    person = membership.user
    if not person.email:
        return
    name = membership.actor.name
    if membership.status == Status.REFUSED:
        verdict = _("Votre demande pour faire partie de la structure « %(name)s » a été refusée.")
    elif membership.is_manager:
        verdict = _(
            "Votre demande pour faire partie de la structure « %(name)s » est acceptée : vous "
            "en êtes gestionnaire. Vos modifications de sa fiche sont publiées sans relecture ; "
            "pensez à confirmer de temps en temps qu’elle est toujours à jour."
        )
    else:
        verdict = _("Votre demande pour faire partie de la structure « %(name)s » est acceptée.")
    url = reverse("actors:actor_detail", kwargs={"slug": membership.actor.slug})
    send_mail(
        subject=_("Mailleurs : votre demande pour « %(name)s »") % {"name": name},
        message="\n".join(
            [_("Bonjour,"), "", verdict % {"name": name}, "", _absolute(url, request)]
        ),
        from_email=None,
        recipient_list=[person.email],
    )


@transaction.atomic
def membership_make_manager(*, membership: StructureMembership, user) -> StructureMembership:
    """Make an accepted member manager (a moderator names the first manager of a structure)."""
    membership = StructureMembership.objects.select_for_update().get(pk=membership.pk)
    if not can_manage_structure(user=user, actor=membership.actor):
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
    if not is_structure_manager(user=user, actor=actor):
        raise PermissionDenied
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    current.last_checked_at = timezone.now()
    current._change_reason = _("Fiche confirmée à jour")
    current.save(update_fields=["last_checked_at"])
    return current


@transaction.atomic
def membership_end(*, membership: StructureMembership, user) -> None:
    """A person leaves a structure or withdraws a request; a manager or moderator removes
    someone. Nothing else changes: the fiche and its history stay as they are."""
    membership = StructureMembership.objects.select_for_update().get(pk=membership.pk)
    if membership.user_id != user.pk and not can_manage_structure(
        user=user, actor=membership.actor
    ):
        raise PermissionDenied
    membership.delete()
