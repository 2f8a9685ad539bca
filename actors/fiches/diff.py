"""What a fiche's save or proposal would change, field by field and contact by contact (the
marking itself is `mailleurs.diff`)."""

import copy

from django.utils.text import capfirst
from django.utils.translation import gettext as _

from actors.fiches.services import FicheData, apply_to
from actors.models import Actor, Contact
from mailleurs.diff import Change, names, same, text_of
from mailleurs.rows import RowChange

CONTACT_FIELDS = ("name", "profession", "role", "email", "phone", "visibility")
LOCATION_FIELDS = {"latitude", "longitude", "location_source"}


def fiche_changes(actor: Actor, data: FicheData) -> list[Change]:
    """What saving `data` would change on the fiche as stored: its own fields and links in the
    fiche's order (where it stands included), then its contacts."""
    current = Actor.objects.get(pk=actor.pk)
    after = copy.copy(current)
    apply_to(after, data)
    after.fill_point_from_commune()
    wanted = set(data.fields) | set(data.links) | LOCATION_FIELDS
    model_fields = [f for f in Actor._meta.get_fields() if f.name in wanted and f.concrete]
    changes = []
    for model_field in sorted(model_fields, key=lambda f: f.creation_counter):
        label = capfirst(model_field.verbose_name)
        if model_field.many_to_many:
            old = list(getattr(current, model_field.name).all())
            new = list(data.links[model_field.name])
            if {item.pk for item in old} != {item.pk for item in new}:
                changes.append(Change(label, names(old), names(new)))
        elif not same(getattr(current, model_field.attname), getattr(after, model_field.attname)):
            changes.append(
                Change(label, text_of(current, model_field), text_of(after, model_field))
            )
    return changes + contact_changes(current, data.contacts)


def contact_changes(actor: Actor, rows: tuple[RowChange, ...]) -> list[Change]:
    """What `rows` would change on the fiche's contacts: each field of each contact added,
    changed or removed."""
    existing = {contact.pk: contact for contact in actor.contacts.select_related("profession")}
    changes = []
    for row in rows:
        before = existing.get(row.id)
        if row.id is not None and before is None:
            continue  # not one of this fiche's contacts: the form refuses it
        after = None if row.delete else _contact_after(before, row.fields)
        changes += contact_version(before, after)
    return changes


def _contact_after(before: Contact | None, fields: dict) -> Contact:
    after = copy.copy(before) if before is not None else Contact()
    for name, value in fields.items():
        setattr(after, name, value)
    return after


def contact_version(before, after) -> list[Change]:
    """The fields that differ between two states of a contact (a contact or a history
    record; None before it was added or after it was removed)."""
    if before is None:
        label, name = _("Nouveau contact « %(name)s » — %(field)s"), after.name
    elif after is None:
        label, name = _("Contact supprimé « %(name)s » — %(field)s"), before.name
    else:
        label, name = _("Contact « %(name)s » — %(field)s"), before.name
    changes = []
    for field_name in CONTACT_FIELDS:
        model_field = Contact._meta.get_field(field_name)
        old = getattr(before, model_field.attname) if before is not None else None
        new = getattr(after, model_field.attname) if after is not None else None
        if not same(old, new):
            changes.append(
                Change(
                    label % {"name": name, "field": model_field.verbose_name},
                    text_of(before, model_field) if before is not None else "",
                    text_of(after, model_field) if after is not None else "",
                )
            )
    return changes
