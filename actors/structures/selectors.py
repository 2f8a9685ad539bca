"""What the structure pages read: a user's membership, a structure's team, the fiches nobody
confirmed for `settings.STALE_FICHE_MONTHS` months."""

import datetime
from calendar import monthrange
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch, Q, QuerySet
from django.utils import timezone

from actors import policies
from actors.models import Actor, PublicationStatus, StructureMembership

Status = StructureMembership.Status


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
        and policies.can_request_membership(user)
        and actor.status == PublicationStatus.PUBLISHED,
        is_manager=is_manager,
        can_manage=is_manager or (user.is_authenticated and policies.can_moderate(user)),
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
        .order_by("actor__sort_name", "pk")
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
