"""Writing an actor's links and contacts as a file lists them."""

from actors.models import Actor, Contact
from mailleurs.text import normalize

ACTOR_LINKS = ("spheres", "themes", "competences", "intervention_territories")
CONTACT_COLUMNS = {
    "contacts_public": Contact.Visibility.PUBLIC,
    "contacts_members": Contact.Visibility.MEMBERS,
}
LINK_COLUMNS = (*ACTOR_LINKS, *CONTACT_COLUMNS)


def set_in_order(actor: Actor, name: str, objects: list, *, created: bool, history) -> None:
    """Like `.set()`, but the links keep the file's order, which exports and pages show. The
    row's save already refreshes the search columns; `HistoryBatch` records the links."""
    field = Actor._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    # The fiche itself, not its id: a new one gets its id when `history` writes it.
    wanted = [through(**{source: actor, f"{target}_id": obj.pk}) for obj in objects]
    if created:
        history.add_links(through, wanted)  # written with the other new fiches and their links
        return
    rows = through.objects.filter(**{source: actor})
    current = list(rows.order_by("pk").values_list(f"{target}_id", flat=True))
    if current != [getattr(link, f"{target}_id") for link in wanted]:
        rows.delete()
        through.objects.bulk_create(wanted)


def replace_contacts(actor: Actor, visibility: str, wanted: list[dict], *, history) -> None:
    """The listed contacts, in order; the others of this visibility are removed. A contact
    keeps its row (and history) when its name is unchanged. New ones are written in one query
    (a new fiche's at the end, with the other new fiches'), their first version by `history`."""
    existing: dict[str, list[Contact]] = {}
    if actor._import_before is not None:
        for contact in actor.contacts.filter(visibility=visibility).order_by("position", "pk"):
            existing.setdefault(normalize(contact.name), []).append(contact)
    new = []
    for position, data in enumerate(wanted):
        values = {**data, "position": position}
        namesakes = existing.get(normalize(data["name"]))
        contact = namesakes.pop(0) if namesakes else None
        if contact is None:
            new.append(Contact(actor=actor, visibility=visibility, **values))
            continue
        if all(getattr(contact, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(contact, key, value)
        contact._change_reason, contact._history_user = history.reason, history.user
        contact.save()
    for contact in (c for namesakes in existing.values() for c in namesakes):
        contact._change_reason, contact._history_user = history.reason, history.user
        contact.delete()
    if actor._import_before is None:
        history.add_new_contacts(new)  # a new fiche's: written with the other new fiches'
    else:
        history.add_contacts(Contact.objects.bulk_create(new))
