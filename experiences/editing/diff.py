"""What saving a sheet would change (a proposal under review, a save in conflict), and the
changes of its rows between two versions (the history): field by field, marked by
`mailleurs.diff`."""

import copy
from dataclasses import dataclass

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from experiences.editing.services import SheetData
from experiences.models import (
    Experience,
    ExperienceActor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    Phase,
    Testimony,
)
from mailleurs.diff import Change, names, same, text_of
from mailleurs.rows import RowChange


@dataclass(frozen=True)
class RowKind:
    """How a list of the sheet's rows is spoken of: its noun, the fields a reader compares,
    and what names one row."""

    model: type
    noun: str
    fields: tuple[str, ...]
    name_field: str


ROW_KINDS = {
    "involvements": RowKind(ExperienceActor, gettext_lazy("acteur impliqué"),
                            ("actor", "role", "phases", "note"), "actor"),
    "testimonies": RowKind(Testimony, gettext_lazy("témoignage"),
                           ("quote", "speaker_role", "sphere", "speaker_name", "name_consent"),
                           "speaker_role"),
    "links": RowKind(ExperienceLink, gettext_lazy("lien"), ("url", "title", "is_video"), "title"),
    "images": RowKind(ExperienceImage, gettext_lazy("image"), ("alt_text", "caption"),
                      "alt_text"),
    "documents": RowKind(ExperienceDocument, gettext_lazy("document"), ("title",), "title"),
}  # fmt: skip


def _value(row, model_field) -> str:
    if row is None:
        return ""
    if model_field.name == "phases":
        labels = dict(Phase.choices)
        return ", ".join(str(labels.get(code, code)) for code in row.phases or [])
    return text_of(row, model_field)


def row_version(kind: str, before, after) -> list[Change]:
    """The fields that differ between two states of a row (a row or a history record; None
    before it was added or after it was removed)."""
    spec = ROW_KINDS[kind]
    some = after if after is not None else before
    name = _value(some, spec.model._meta.get_field(spec.name_field))
    if before is None:
        label = _("Ajout : %(noun)s « %(name)s » — %(field)s")
    elif after is None:
        label = _("Retrait : %(noun)s « %(name)s » — %(field)s")
    else:
        label = _("%(noun)s « %(name)s » — %(field)s")
    changes = []
    for field_name in spec.fields:
        model_field = spec.model._meta.get_field(field_name)
        old, new = _value(before, model_field), _value(after, model_field)
        if not same(old, new):
            text = label % {"noun": spec.noun, "name": name, "field": model_field.verbose_name}
            changes.append(Change(capfirst(text), old, new))
    return changes


def row_changes_of(experience: Experience, kind: str, rows: tuple[RowChange, ...]) -> list:
    """What `rows` would change on the sheet's list `kind`."""
    existing = {row.pk: row for row in getattr(experience, kind).all()} if experience.pk else {}
    changes = []
    for row in rows:
        before = existing.get(row.id)
        if row.id is not None and before is None:
            continue  # not one of this sheet's rows: the form refuses it
        after = None
        if not row.delete:
            after = copy.copy(before) if before is not None else ROW_KINDS[kind].model()
            for name, value in row.fields.items():
                setattr(after, name, value)
        changes += row_version(kind, before, after)
    return changes


def sheet_changes(experience: Experience, data: SheetData) -> list[Change]:
    """Against the sheet as stored: its fields and links in the sheet's order, then its rows."""
    current = Experience.objects.get(pk=experience.pk)
    changes = []
    for model_field in Experience._meta.get_fields():
        name = model_field.name
        if name in data.m2m:
            old, new = list(getattr(current, name).all()), list(data.m2m[name])
            if {item.pk for item in old} != {item.pk for item in new}:
                label = capfirst(model_field.verbose_name)
                changes.append(Change(label, names(old), names(new)))
        elif name in data.fields and model_field.concrete:
            after = copy.copy(current)
            setattr(after, name, data.fields[name])
            old, new = text_of(current, model_field), text_of(after, model_field)
            if not same(old, new):
                changes.append(Change(capfirst(model_field.verbose_name), old, new))
    for kind, rows in data.rows.items():
        changes += row_changes_of(current, kind, rows)
    return changes
