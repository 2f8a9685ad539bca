"""Readable history of a fiche: who changed what, when, with old and new values."""

from dataclasses import dataclass, field

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import Actor

KINDS = {"+": _("Création"), "~": _("Modification"), "-": _("Suppression")}
# Book-keeping columns nobody edits by hand.
HIDDEN_FIELDS = {"version", "created_at", "created_by", "updated_by", "location_source"}


@dataclass
class FieldChange:
    label: str
    old: str
    new: str


@dataclass
class Version:
    history_id: int
    date: object
    user: object
    kind: str
    reason: str
    changes: list[FieldChange] = field(default_factory=list)


def _display(value, field_object, related_names: dict) -> str:
    if value in (None, ""):
        return "—"
    if isinstance(field_object, models.ForeignKey):
        return related_names.get((field_object.related_model, value), str(value))
    if field_object.choices:
        return str(dict(field_object.flatchoices).get(value, value))
    if isinstance(field_object, models.BooleanField):
        return str(_("oui") if value else _("non"))
    return str(value)


def _related_names(records) -> dict:
    """Names of every object a foreign key of these versions points to, one query per model."""
    wanted: dict = {}
    for record in records:
        for field_object in Actor._meta.concrete_fields:
            if isinstance(field_object, models.ForeignKey):
                value = getattr(record, field_object.attname, None)
                if value is not None:
                    wanted.setdefault(field_object.related_model, set()).add(value)
    names = {}
    for model, ids in wanted.items():
        for obj in model._default_manager.filter(pk__in=ids):
            names[(model, obj.pk)] = str(obj)
    return names


def actor_versions(actor: Actor) -> list[Version]:
    records = list(actor.history.select_related("history_user").order_by("-history_date", "-pk"))
    names = _related_names(records)
    versions = []
    for index, record in enumerate(records):
        previous = records[index + 1] if index + 1 < len(records) else None
        version = Version(
            history_id=record.history_id,
            date=record.history_date,
            user=record.history_user,
            kind=str(KINDS.get(record.history_type, record.history_type)),
            reason=record.history_change_reason or "",
        )
        if previous is not None:
            for change in record.diff_against(previous).changes:
                if change.field in HIDDEN_FIELDS:
                    continue
                field_object = Actor._meta.get_field(change.field)
                version.changes.append(
                    FieldChange(
                        label=str(field_object.verbose_name),
                        old=_display(change.old, field_object, names),
                        new=_display(change.new, field_object, names),
                    )
                )
        versions.append(version)
    return versions
