"""What a row changes on an existing fiche: the columns the preview lists, and none for a
row to skip."""

from actors.models import Actor
from actors.spreadsheets.resources.actor_links import ACTOR_LINKS, CONTACT_COLUMNS, LINK_COLUMNS


def snapshot(actor: Actor) -> dict:
    """What the import may change, in comparable form."""
    values = {field.attname: getattr(actor, field.attname) for field in Actor._meta.concrete_fields}
    for name in ACTOR_LINKS:
        values[name] = sorted(obj.pk for obj in getattr(actor, name).all())
    for column, visibility in CONTACT_COLUMNS.items():
        values[column] = [
            contact_tuple(c)
            for c in sorted(actor.contacts.all(), key=lambda c: (c.position, c.name, c.pk))
            if c.visibility == visibility
        ]
    return values


def contact_tuple(contact) -> tuple:
    if isinstance(contact, dict):
        profession = contact["profession"].pk if contact["profession"] else None
        return (contact["name"], contact["role"], profession, contact["email"], contact["phone"])
    return (contact.name, contact.role, contact.profession_id, contact.email, contact.phone)


def changed_columns(resource, before: dict, actor: Actor) -> list[str]:
    changed = []
    for field in resource.import_fields:
        name = field.attribute
        if name in LINK_COLUMNS and name not in actor._import_links:
            continue  # the column is not in the file
        if name in actor._import_links:
            new = actor._import_links[name]
            if name in CONTACT_COLUMNS:
                new = [contact_tuple(c) for c in new]
            else:
                new = sorted(obj.pk for obj in new)
        else:
            attname = Actor._meta.get_field(name).attname
            new = getattr(actor, attname)
            name = attname
        if _comparable(new) != _comparable(before.get(name)):
            changed.append(field.column_name)
    return changed


def _comparable(value):
    return value.replace("\r\n", "\n") if isinstance(value, str) else value
