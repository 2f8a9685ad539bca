"""Readable history of any content kept by django-simple-history (a fiche, a glossary term):
who changed what, when, with old and new values, and the changes of the rows that belong to it
(a fiche's contacts, a term's sphere views) under the version they came with."""

import bisect
from collections.abc import Callable
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from mailleurs.diff import Change, same

KINDS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}


@dataclass
class Version:
    history_id: int
    date: object
    user: object
    kind: str
    reason: str
    changes: list[Change] = field(default_factory=list)


def _display(value, field_object, names: dict) -> str:
    if isinstance(field_object, models.ManyToManyField):
        column = field_object.m2m_reverse_field_name()
        model = field_object.related_model
        shown = sorted(names.get((model, row[column]), str(row[column])) for row in value or [])
        return ", ".join(shown)
    if value in (None, ""):
        return ""
    if isinstance(field_object, models.ForeignKey):
        return names.get((field_object.related_model, value), str(value))
    if field_object.choices:
        return str(dict(field_object.flatchoices).get(value, value))
    if isinstance(field_object, models.BooleanField):
        return str(_("oui") if value else _("non"))
    return str(value)


def _names_for(model, changes) -> dict:
    """Names of every object the changed foreign keys and links point to, one query a model."""
    wanted: dict = {}
    for change in changes:
        field_object = model._meta.get_field(change.field)
        if isinstance(field_object, models.ManyToManyField):
            column = field_object.m2m_reverse_field_name()
            for value in (change.old or []) + (change.new or []):
                wanted.setdefault(field_object.related_model, set()).add(value[column])
        elif isinstance(field_object, models.ForeignKey):
            for value in (change.old, change.new):
                if value is not None:
                    wanted.setdefault(field_object.related_model, set()).add(value)
    names = {}
    for related, ids in wanted.items():
        for obj in related._default_manager.filter(pk__in=ids):
            names[(related, obj.pk)] = str(obj)
    return names


def rows_by_version(
    records: list, row_records, *, owner_field: str, owner_pk, describe: Callable
) -> dict[int, list[Change]]:
    """The changes to rows that belong to the content (`row_records`, oldest first), grouped
    under the content's version (`records`, newest first) they were saved with: the rows are
    written right after their owner. Rows added with the first version belong to its creation;
    `describe(before, after)` says what changed between two states of a row (None when absent)."""
    ascending = records[::-1]
    dates = [record.history_date for record in ascending]
    state: dict = {}
    grouped: dict[int, list[Change]] = {}
    for record in row_records:
        before, after = state.get(record.id), None if record.history_type == "-" else record
        state[record.id] = after
        index = bisect.bisect_right(dates, record.history_date) - 1
        if getattr(record, owner_field) != owner_pk or index < 0 or (index == 0 and before is None):
            continue
        grouped.setdefault(ascending[index].history_id, []).extend(describe(before, after))
    return grouped


def versions_of(
    instance, *, hidden_fields: set[str], row_changes: Callable[[list], dict] | None = None
) -> list[Version]:
    """Every version of `instance`, newest first, with the fields that changed (not the
    book-keeping ones in `hidden_fields`) and, from `row_changes(records)`, its rows' changes."""
    model = type(instance)
    records = list(instance.history.select_related("history_user").order_by("-history_date", "-pk"))
    diffs = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = record.diff_against(previous).changes if previous is not None else []
        diffs.append(
            [c for c in changes if c.field not in hidden_fields and not same(c.old, c.new)]
        )
    names = _names_for(model, (change for changes in diffs for change in changes))
    extra = row_changes(records) if row_changes is not None else {}
    versions = []
    for record, changes in zip(records, diffs, strict=True):
        version = Version(
            history_id=record.history_id,
            date=record.history_date,
            user=record.history_user,
            kind=str(KINDS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        for change in changes:
            field_object = model._meta.get_field(change.field)
            version.changes.append(
                Change(
                    label=str(field_object.verbose_name),
                    old=_display(change.old, field_object, names),
                    new=_display(change.new, field_object, names),
                )
            )
        version.changes += extra.get(record.history_id, [])
        versions.append(version)
    return versions
