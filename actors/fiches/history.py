"""Readable history of a fiche: who changed what, when, with old and new values (its
contacts' too)."""

import bisect
from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.fiches.diff import Change, contact_version, same
from actors.models import Actor, Contact

KINDS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
# Book-keeping columns nobody edits by hand.
HIDDEN_FIELDS = {"version", "created_at", "created_by", "updated_by", "location_source"}


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


def _names_for(changes) -> dict:
    """Names of every object the changed foreign keys and links point to, one query a model."""
    wanted: dict = {}
    for change in changes:
        field_object = Actor._meta.get_field(change.field)
        if isinstance(field_object, models.ManyToManyField):
            column = field_object.m2m_reverse_field_name()
            for value in (change.old or []) + (change.new or []):
                wanted.setdefault(field_object.related_model, set()).add(value[column])
        elif isinstance(field_object, models.ForeignKey):
            for value in (change.old, change.new):
                if value is not None:
                    wanted.setdefault(field_object.related_model, set()).add(value)
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names


def _contact_changes(actor: Actor, records: list) -> dict[int, list[Change]]:
    """The changes to the fiche's contacts, by version (`records`, newest first): those made
    from a version until the next one, as a fiche's save writes its contacts right after it.
    Contacts added with the fiche's first version belong to its creation."""
    ascending = records[::-1]
    dates = [record.history_date for record in ascending]
    ever_here = Contact.history.filter(actor_id=actor.pk).values("id")
    contact_records = (
        Contact.history.filter(id__in=ever_here)
        .select_related("profession")
        .order_by("history_date", "history_id")
    )
    state: dict = {}
    grouped: dict[int, list[Change]] = {}
    for record in contact_records:
        before, after = state.get(record.id), None if record.history_type == "-" else record
        state[record.id] = after
        index = bisect.bisect_right(dates, record.history_date) - 1
        if record.actor_id != actor.pk or index < 0 or (index == 0 and before is None):
            continue
        grouped.setdefault(ascending[index].history_id, []).extend(contact_version(before, after))
    return grouped


def actor_versions(actor: Actor) -> list[Version]:
    records = list(actor.history.select_related("history_user").order_by("-history_date", "-pk"))
    diffs = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        changes = record.diff_against(previous).changes if previous is not None else []
        diffs.append(
            [c for c in changes if c.field not in HIDDEN_FIELDS and not same(c.old, c.new)]
        )
    names = _names_for(change for changes in diffs for change in changes)
    contact_changes = _contact_changes(actor, records)
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
            field_object = Actor._meta.get_field(change.field)
            version.changes.append(
                Change(
                    label=str(field_object.verbose_name),
                    old=_display(change.old, field_object, names),
                    new=_display(change.new, field_object, names),
                )
            )
        version.changes += contact_changes.get(record.history_id, [])
        versions.append(version)
    return versions
