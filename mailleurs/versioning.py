"""No lost update, for any content with a `version` number and an `updated_by` author.

Every write to such content goes through `change_of`: it locks the row, refuses the change when
someone saved since the form was opened, and records who changed it, with the version moved on
by one. Fiches use it today; glossary terms and experience sheets plug into the same helper.
"""

from contextlib import contextmanager

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _


class VersionConflict(Exception):
    """Someone saved the content since this form was opened: nothing was written."""

    def __init__(self, current):
        super().__init__(f"version {current.version}")
        self.current = current


def locked(instance):
    """The row as it is now, locked until the end of the transaction."""
    return type(instance).objects.select_for_update().get(pk=instance.pk)


def check_version(current, expected_version: int | None) -> None:
    if expected_version is None or current.version != expected_version:
        raise VersionConflict(current)


def stamp(instance, *, user, reason: str | None = None) -> None:
    """Move the version on and say who changed it (and why, for the history): the history
    credits `user`, whoever sent the request."""
    instance.version += 1
    instance.updated_by = user
    if user is not None:
        instance._history_user = user
    if reason:
        instance._change_reason = reason


@contextmanager
def change_of(instance, *, user, expected_version: int | None = None, check: bool = False,
              reason: str | None = None):  # fmt: skip
    """`with change_of(actor, user=…) as current:` change `current`; it is stamped and saved on
    leaving the block. With `check=True` a stale `expected_version` raises `VersionConflict`."""
    with transaction.atomic():
        current = locked(instance)
        if check:
            check_version(current, expected_version)
        yield current
        stamp(current, user=user, reason=reason)
        current.save()


# Book-keeping columns a restore leaves as they are now.
NEVER_RESTORED = {"id", "slug", "version", "created_at", "created_by", "updated_at", "updated_by"}


def restore_fields(current, record, *, also_kept: set[str] = frozenset()) -> None:
    """Bring the fields and links of a history `record` back onto `current` (locked, inside
    `change_of`), saved as one version: links are set before the version is recorded."""
    model = type(current)
    for model_field in model._meta.concrete_fields:
        kept = model_field.name in NEVER_RESTORED | also_kept
        if not kept and hasattr(record, model_field.attname):  # some are not in the history
            setattr(current, model_field.attname, getattr(record, model_field.attname))
    current.skip_history_when_saving = True
    current.save()
    for link in model._meta.many_to_many:
        if link.name in also_kept or not hasattr(record, link.name):
            continue
        column = link.m2m_reverse_field_name()
        getattr(current, link.name).set(getattr(record, link.name).values_list(column, flat=True))
    del current.skip_history_when_saving


def restore_reason(record) -> str:
    return _("Restauration de la version du %(date)s") % {
        "date": timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M")
    }
