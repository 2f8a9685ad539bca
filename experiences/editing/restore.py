"""Bringing back an earlier version of a sheet: its fields and links (`mailleurs.versioning`),
and its actors involved and testimonies as they stood then. The restore is itself a new
version. Links, images and documents keep no history: they stay as they are."""

from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction

from experiences import policies
from experiences.models import Experience, ExperienceActor, Testimony
from mailleurs.rows import RowChange, apply_row_changes
from mailleurs.versioning import change_of, restore_fields, restore_reason

INVOLVEMENT_FIELDS = ("role", "phases", "note", "position")
TESTIMONY_FIELDS = ("quote", "speaker_role", "sphere_id", "speaker_name", "name_consent",
                    "position")  # fmt: skip


def _rows_then(experience: Experience, record, model):
    """The sheet's rows as they stood with `record`: rows are saved right after their sheet,
    so until the sheet's next version."""
    following = experience.history.filter(history_date__gt=record.history_date)
    next_record = following.exclude(history_id=record.history_id).order_by("history_date").first()
    if next_record is None:
        return list(model.objects.filter(experience_id=experience.pk))
    until = next_record.history_date - timedelta(microseconds=1)
    return list(model.history.as_of(until).filter(experience_id=experience.pk))


def _changes(then: dict, now: dict, *, fields: tuple[str, ...], recorded: set) -> list:
    """RowChanges from the rows `now` to the rows `then` (both {key: row}): deletions first,
    then changes, then rows brought back. Rows that never had a history are left alone."""
    deleted = [RowChange(id=row.pk, delete=True)
               for key, row in now.items() if key not in then and row.pk in recorded]  # fmt: skip
    changed, added = [], []
    for key, old in then.items():
        values = {name: getattr(old, name) for name in fields}
        row = now.get(key)
        if row is None:
            added.append(RowChange(id=None, fields=values | _identity(old)))
        elif any(getattr(row, name) != value for name, value in values.items()):
            changed.append(RowChange(id=row.pk, fields=values | _confirmation(old, row)))
    return deleted + changed + added


def _identity(old) -> dict:
    """What a row brought back needs besides its fields: an actor involved, its actor."""
    if not hasattr(old, "actor_id"):
        return {}
    return {"actor_id": old.actor_id, **_confirmation(old, None)}


def _confirmation(old, row) -> dict:
    """A confirmation holds for a role: the one of that time comes back with its role."""
    if not hasattr(old, "role") or (row is not None and row.role == old.role):
        return {}
    return {"confirmed_at": old.confirmed_at, "confirmed_by_id": old.confirmed_by_id}


def _restore_rows(current: Experience, record, *, user, reason) -> None:
    for model, key, fields in (
        (ExperienceActor, "actor_id", INVOLVEMENT_FIELDS),
        (Testimony, "id", TESTIMONY_FIELDS),
    ):
        then = {getattr(row, key): row for row in _rows_then(current, record, model)}
        rows = model.objects.filter(experience=current)
        now = {getattr(row, key): row for row in rows}
        recorded = set(model.history.filter(experience_id=current.pk).values_list("id", flat=True))
        changes = _changes(then, now, fields=fields, recorded=recorded)
        apply_row_changes(rows, tuple(changes), history_user=user, reason=reason,
                          experience=current)  # fmt: skip


@transaction.atomic
def sheet_restore_version(*, experience: Experience, record, user) -> Experience:
    """Bring back a version of the sheet (where it stands, published or not, is kept)."""
    if not policies.can_restore_sheet_versions(user):
        raise PermissionDenied
    reason = restore_reason(record)
    with change_of(experience, user=user, reason=reason) as current:
        restore_fields(current, record, also_kept={"search_text", "status"})
    _restore_rows(current, record, user=user, reason=reason)
    return current
