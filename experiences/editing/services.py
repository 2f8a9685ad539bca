"""Writes of experience sheets from the browser: keyword-only, atomic, plain data (never a
form). A sheet is saved with its links and its lists of rows as one version; a member's
change to a published sheet waits as a proposal (`mailleurs.proposals`); no lost update
(`mailleurs.versioning`). Who may do what is `experiences.policies`; the e-mails are
`experiences.notifications`."""

from dataclasses import dataclass, field, replace

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actors import notifications as actor_notifications
from actors.models import PublicationStatus
from experiences import notifications, policies
from experiences.editing.stored_files import remove_after_commit, written_files
from experiences.models import (
    Experience,
    ExperienceActor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceProposal,
)
from mailleurs.proposals import AlreadyDecided, acceptance_reason, lock_pending, record_decision
from mailleurs.rows import RowChange, apply_row_changes
from mailleurs.text import unique_slug, unix_lines
from mailleurs.versioning import VersionConflict, change_of, check_version, locked, stamp

__all__ = ["AlreadyDecided", "VersionConflict"]  # views catch them from here

FILE_MODELS = {"images": ExperienceImage, "documents": ExperienceDocument}
# Addresses the writing pages use under /experiences/: no sheet may take them.
RESERVED_SLUGS = {"nouvelle", "propositions"}


@dataclass(frozen=True)
class SheetData:
    """A sheet as typed: its own fields, its many-to-many links, and the changes to its lists
    of rows by related name ("involvements", "testimonies", "links", "images", "documents")."""

    fields: dict
    m2m: dict = field(default_factory=dict)
    rows: dict = field(default_factory=dict)


@dataclass
class Submitted:
    experience: Experience
    proposal: ExperienceProposal | None = None


def _new_status(user, *, draft: bool) -> str:
    if draft:
        return PublicationStatus.DRAFT
    if policies.can_moderate_sheets(user):
        return PublicationStatus.PUBLISHED
    return PublicationStatus.REVIEW


def _slug_for(title: str) -> str:
    slug = unique_slug(Experience, title, max_length=110)
    return unique_slug(Experience, f"{title} experience") if slug in RESERVED_SLUGS else slug


def _involvements_with_confirmation(experience, changes) -> tuple[RowChange, ...]:
    """A confirmation holds for an actor in a role: another actor or role asks for it again."""
    stored = {row.pk: (row.actor_id, row.role) for row in experience.involvements.all()}
    kept = []
    for change in changes:
        now = stored.get(change.id)
        fields = change.fields
        if now is not None and not change.delete and now != (fields["actor"].pk, fields["role"]):
            change = replace(change, fields={**fields, "confirmed_at": None, "confirmed_by": None})
        kept.append(change)
    # Deletions first: an actor removed and added again in one save meets no duplicate.
    return tuple(sorted(kept, key=lambda change: not change.delete))


def _rows_to_tell(experience, changes) -> list[ExperienceActor]:
    """The involvements whose actor's managers have to be told: new ones, and those whose
    actor or role changed (their confirmation was reset)."""
    actors = [c.fields["actor"] for c in changes if not c.delete and "confirmed_at" in c.fields]
    actors += [c.fields["actor"] for c in changes if c.id is None]
    return list(experience.involvements.filter(actor__in=actors).select_related("actor"))


def _save_as_one_version(experience, data: SheetData, *, user, reason=None) -> list:
    """Save the sheet, its links and its rows; the history records the sheet once, links
    included, and credits `user` with the rows too. Returns the involvements to tell about."""
    for name, value in data.fields.items():
        setattr(experience, name, unix_lines(value) if isinstance(value, str) else value)
    experience.skip_history_when_saving = True
    try:
        experience.save()
        for name, values in data.m2m.items():
            getattr(experience, name).set(values)
    finally:
        del experience.skip_history_when_saving
    experience.save()
    rows = dict(data.rows)
    if "involvements" in rows:
        rows["involvements"] = _involvements_with_confirmation(experience, rows["involvements"])
    for kind, changes in rows.items():
        related = getattr(experience, kind).all()
        if kind in FILE_MODELS:
            remove_after_commit(related, changes)
        apply_row_changes(related, changes, history_user=user, reason=reason, experience=experience)
    return _rows_to_tell(experience, rows.get("involvements", ()))


def sheet_create(*, user, data: SheetData, draft: bool = False, request=None) -> Experience:
    """A new sheet: a draft, in review (members) or published (moderators)."""
    if not policies.can_write_sheets(user):
        raise PermissionDenied
    with written_files(data.rows, FILE_MODELS) as rows, transaction.atomic():
        experience = Experience(created_by=user, slug=_slug_for(data.fields["title"]))
        experience.status = _new_status(user, draft=draft)
        stamp(experience, user=user)
        experience.version = 1  # the first version, whoever wrote it
        _save_as_one_version(experience, replace(data, rows=rows), user=user)
    if experience.is_published:
        notifications.involvements_named(experience.involvements.all(), request=request)
    return experience


def sheet_update(*, experience, user, data: SheetData, expected_version, reason=None,
                 request=None) -> Experience:  # fmt: skip
    """Apply the typed sheet, refused (`VersionConflict`) if it changed since the form was
    opened; the history credits `user` (with `reason`)."""
    with transaction.atomic():
        current = locked(experience)
        check_version(current, expected_version)
        was_published = current.is_published
        with written_files(data.rows, FILE_MODELS) as rows:
            stamp(current, user=user, reason=reason)
            to_tell = _save_as_one_version(current, replace(data, rows=rows), user=user,
                                           reason=reason)  # fmt: skip
    if current.is_published and not was_published:
        to_tell = current.involvements.filter(confirmed_at__isnull=True).select_related("actor")
    if current.is_published and to_tell:
        notifications.involvements_named(to_tell, request=request)
    return current


def sheet_submit(*, experience, user, data: SheetData, expected_version, typed: dict,
                 draft: bool = False, request=None) -> Submitted:  # fmt: skip
    """Those who publish the sheet directly save it (a draft sent on goes to review, or is
    published by moderators); otherwise the change (`typed`, the form as typed, files aside)
    waits for a moderator, who checks it again."""
    if not policies.can_edit_sheet(user, experience):
        raise PermissionDenied
    if policies.can_publish_sheet_directly(user, experience):
        if experience.status == PublicationStatus.DRAFT and not draft:
            data = replace(data, fields={**data.fields, "status": _new_status(user, draft=False)})
        return Submitted(
            sheet_update(experience=experience, user=user, data=data,
                         expected_version=expected_version, request=request)
        )  # fmt: skip
    with transaction.atomic():
        current = locked(experience)
        check_version(current, expected_version)
        proposal = ExperienceProposal.objects.create(
            experience=current, author=user, data=typed, base_version=current.version
        )
    return Submitted(current, proposal)


def sheet_set_status(*, experience, user, status: str, request=None) -> Experience:
    """Publish, archive (nothing is deleted) or bring back a sheet. A sheet published for the
    first time tells the managers of the actors it names."""
    if not policies.can_moderate_sheets(user):
        raise PermissionDenied
    with change_of(experience, user=user) as current:
        first_time = current.status in (PublicationStatus.DRAFT, PublicationStatus.REVIEW)
        current.status = status
    if status == PublicationStatus.PUBLISHED and first_time:
        unconfirmed = current.involvements.filter(confirmed_at__isnull=True)
        notifications.involvements_named(unconfirmed.select_related("actor"), request=request)
    return current


def sheet_send_back(*, experience, user, comment: str, request=None) -> Experience:
    """A sheet in review goes back to its author as a draft, with the moderator's comment."""
    if not policies.can_moderate_sheets(user):
        raise PermissionDenied
    with change_of(experience, user=user, reason=comment[:100]) as current:
        current.status = PublicationStatus.DRAFT
    notifications.sheet_sent_back(current, comment=comment, request=request)
    return current


@transaction.atomic
def proposal_accept(*, proposal: ExperienceProposal, reviewer, data: SheetData, comment="",
                    expected_version=None, request=None) -> Experience:  # fmt: skip
    """Publish a proposal (`data`: checked again against the sheet as it is now), refused if
    the sheet moved on from `expected_version` (the one the reviewer saw). The history credits
    its author and says who accepted it."""
    if not policies.can_moderate_sheets(reviewer):
        raise PermissionDenied
    lock_pending(proposal)
    current = locked(proposal.experience)
    if expected_version is not None:
        check_version(current, expected_version)
    # A proposal carries texts only: files are added by those who publish directly.
    text_rows = {kind: rows for kind, rows in data.rows.items() if kind not in FILE_MODELS}
    sheet = sheet_update(
        experience=current, user=proposal.author or reviewer, data=replace(data, rows=text_rows),
        expected_version=current.version, reason=acceptance_reason(proposal, reviewer),
        request=request,
    )  # fmt: skip
    record_decision(proposal, reviewer=reviewer, status=ExperienceProposal.Status.ACCEPTED,
                    comment=comment)  # fmt: skip
    actor_notifications.proposal_decided(proposal, accepted=True, request=request)
    return sheet


@transaction.atomic
def proposal_reject(*, proposal: ExperienceProposal, reviewer, comment: str, request=None):
    if not policies.can_moderate_sheets(reviewer):
        raise PermissionDenied
    lock_pending(proposal)
    record_decision(proposal, reviewer=reviewer, status=ExperienceProposal.Status.REJECTED,
                    comment=comment)  # fmt: skip
    actor_notifications.proposal_decided(proposal, accepted=False, request=request)
