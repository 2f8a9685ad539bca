"""Writes to fiches: keyword-only, atomic, taking plain data (never a form), with the checks no
view may skip. Who may do what is `actors.policies`; the e-mails are `actors.notifications`."""

import math
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from actors import notifications, policies
from actors.models import Actor, ActorProposal, Contact, PublicationStatus
from mailleurs.proposals import (
    AlreadyDecided,
    acceptance_reason,
    lock_pending,
    record_decision,
)
from mailleurs.rows import RowChange, apply_row_changes
from mailleurs.text import one_line, unique_slug, unix_lines
from mailleurs.versioning import (
    VersionConflict,
    change_of,
    check_version,
    locked,
    restore_fields,
    restore_reason,
    stamp,
)

__all__ = ["AlreadyDecided", "VersionConflict"]  # views catch them from here


@dataclass(frozen=True)
class FicheData:
    """A fiche as typed: its own fields, its links (spheres, themes, competences, territories)
    and the changes to its contacts."""

    fields: dict
    links: dict = field(default_factory=dict)
    contacts: tuple[RowChange, ...] = ()


@dataclass
class SaveResult:
    actor: Actor
    proposal: ActorProposal | None = None

    @property
    def waits_for_review(self) -> bool:
        return self.proposal is not None or self.actor.status == PublicationStatus.REVIEW


POINT_TOLERANCE = 1e-7  # degrees: about a centimetre, well below what the map places


def apply_to(actor: Actor, data: FicheData) -> None:
    """Set the typed fields on `actor`, unsaved (the save, or a preview of the changes), long
    texts with \\n line endings.

    The point is "placed on the map" only when its latitude or longitude really moves: a fiche
    saved as it stands keeps where its point came from, and one at its commune's point follows
    a new commune (an empty point means the commune's, flagged as approximate)."""
    fields = dict(data.fields)
    latitude = fields.pop("latitude", actor.latitude)  # not given: where it is
    longitude = fields.pop("longitude", actor.longitude)
    commune_before = actor.commune_id
    for name, value in fields.items():
        setattr(actor, name, unix_lines(value) if isinstance(value, str) else value)
    if not _same_point(actor, latitude, longitude):
        actor.place_at(latitude, longitude, source=Actor.LocationSource.MAP)
    elif actor.has_approximate_location and actor.commune_id != commune_before:
        actor.place_at(None, None, source=Actor.LocationSource.COMMUNE)


def _same_point(actor: Actor, latitude, longitude) -> bool:
    if None in (latitude, longitude, actor.latitude, actor.longitude):
        return False
    return math.isclose(latitude, actor.latitude, abs_tol=POINT_TOLERANCE) and math.isclose(
        longitude, actor.longitude, abs_tol=POINT_TOLERANCE
    )


def _save_as_one_version(actor: Actor, data: FicheData, *, user, reason=None) -> None:
    """Save the fiche, its links and contacts; history records it once, links included (not
    once per list of links, as it would by itself), and credits `user` with the contacts too."""
    actor.skip_history_when_saving = True
    try:
        actor.save()
        for name, values in data.links.items():
            getattr(actor, name).set(values)
    finally:
        del actor.skip_history_when_saving
    actor.save()
    apply_row_changes(
        Contact.objects.filter(actor=actor),
        data.contacts,
        history_user=user,
        reason=reason,
        actor=actor,
    )


def _new_status(user, *, draft: bool) -> str:
    if draft:
        return PublicationStatus.DRAFT
    if policies.can_publish_directly(user):
        return PublicationStatus.PUBLISHED
    return PublicationStatus.REVIEW


@transaction.atomic
def actor_create(*, user, data: FicheData, draft: bool = False) -> Actor:
    actor = Actor()
    apply_to(actor, data)
    actor.slug = unique_slug(Actor, actor.name)
    actor.created_by = actor.updated_by = user
    actor.status = _new_status(user, draft=draft)
    _save_as_one_version(actor, data, user=user)
    return actor


@transaction.atomic
def actor_update(
    *, actor: Actor, user, data: FicheData, expected_version: int | None, reason=None
) -> Actor:
    """Apply the typed fiche, refusing it if the fiche changed since the form was opened; the
    history credits `user` (with `reason`)."""
    current = locked(actor)
    check_version(current, expected_version)
    apply_to(current, data)
    stamp(current, user=user, reason=reason)
    _save_as_one_version(current, data, user=user, reason=reason)
    return current


@transaction.atomic
def actor_submit(
    *, actor: Actor, user, data: FicheData, expected_version: int | None, typed: dict
) -> SaveResult:
    """Publish directly when the user may, otherwise keep the change (`typed`, the form as it
    was typed) for review; it is validated again when a moderator accepts it."""
    if policies.can_publish_directly(user, actor):
        return SaveResult(
            actor=actor_update(actor=actor, user=user, data=data, expected_version=expected_version)
        )
    current = locked(actor)
    check_version(current, expected_version)
    proposal = ActorProposal.objects.create(
        actor=actor, author=user, data=typed, base_version=current.version
    )
    return SaveResult(actor=actor, proposal=proposal)


@transaction.atomic
def proposal_accept(
    *,
    proposal: ActorProposal,
    reviewer,
    data: FicheData,
    comment="",
    request=None,
    expected_version: int | None = None,
):
    """Publish a proposal; `data` is the proposal validated again against the current fiche,
    refused if the fiche moved on from `expected_version` (the one the reviewer saw). The
    history credits its author, and says who accepted it."""
    if not policies.can_moderate(reviewer):
        raise PermissionDenied
    lock_pending(proposal)
    current = locked(proposal.actor)
    if expected_version is not None:
        check_version(current, expected_version)
    actor = actor_update(
        actor=current,
        user=proposal.author or reviewer,
        data=data,
        expected_version=current.version,
        reason=acceptance_reason(proposal, reviewer),
    )
    record_decision(
        proposal, reviewer=reviewer, status=ActorProposal.Status.ACCEPTED, comment=comment
    )
    notifications.proposal_decided(proposal, accepted=True, request=request)
    return actor


@transaction.atomic
def proposal_reject(*, proposal: ActorProposal, reviewer, comment: str, request=None) -> None:
    lock_pending(proposal)
    record_decision(
        proposal, reviewer=reviewer, status=ActorProposal.Status.REJECTED, comment=comment
    )
    notifications.proposal_decided(proposal, accepted=False, request=request)


@transaction.atomic
def actor_restore_version(*, actor: Actor, record, user) -> Actor:
    """Bring back the fields of an earlier version; the restore is itself a new version."""
    with change_of(actor, user=user, reason=restore_reason(record)) as current:
        restore_fields(current, record, also_kept={"search_text", "search_vocabulary", "status"})
    return current


@transaction.atomic
def actor_set_status(*, actor: Actor, user, status: str) -> Actor:
    """Publish, archive (nothing is deleted) or bring back a fiche."""
    with change_of(actor, user=user) as current:
        current.status = status
    return current


@transaction.atomic
def actor_finish_draft(*, actor: Actor, user) -> Actor:
    """A draft is ready: it goes to review, or is published by those who publish directly
    (a member's own fiche is theirs to edit, not to publish)."""
    current = locked(actor)
    if current.status != PublicationStatus.DRAFT:
        return current
    if not policies.can_finish_draft(user, current):
        raise PermissionDenied
    with change_of(current, user=user) as current:
        current.status = _new_status(user, draft=False)
    return current


def actor_refuse(*, actor: Actor, user, comment: str, request=None) -> Actor:
    """A new fiche in review goes back to its author as a draft, to be reworked: the
    moderator's comment is in the history and in the e-mail its author gets."""
    if not policies.can_moderate(user):
        raise PermissionDenied
    reason = Truncator(_("Refusée : %(comment)s") % {"comment": one_line(comment)}).chars(100)
    with change_of(actor, user=user, reason=reason) as current:
        if current.status != PublicationStatus.REVIEW:
            raise AlreadyDecided  # published or refused meanwhile: nothing is written
        current.status = PublicationStatus.DRAFT
    notifications.fiche_refused(current, comment=comment, request=request)
    return current
