"""Actors read as plain dicts with the names they link to, in batches: no model instance per
row, so 100,000 rows export in seconds rather than minutes and memory stays flat. The export's
columns and the open data documents are written from these records."""

from collections.abc import Iterator

from actors.models import Actor, Contact

BATCH = 2000
FIELDS = [
    "pk", "name", "acronym", "slug", "actor_type__name", "pitch", "missions", "address",
    "postcode", "commune__key", "commune__name", "latitude", "longitude", "website", "email",
    "phone", "siret", "updated_at", "description", "status", "is_fictional", "last_checked_at",
]  # fmt: skip


def actor_records(actors) -> Iterator[dict]:
    """One dict per actor: its `FIELDS`, then its spheres, themes, competences, territories
    (« code name ») and contacts (name, role, profession, email, phone, visibility)."""
    batch: list[dict] = []
    for record in actors.values(*FIELDS).iterator(chunk_size=BATCH):
        batch.append(record)
        if len(batch) == BATCH:
            yield from _with_links(batch)
            batch = []
    yield from _with_links(batch)


def _with_links(batch: list[dict]) -> Iterator[dict]:
    if not batch:
        return
    linked = _linked([record["pk"] for record in batch])
    for record in batch:
        for name, values in linked.items():
            record[name] = values.get(record["pk"], [])
        yield record


def _linked(ids: list[int]) -> dict[str, dict[int, list]]:
    """The names linked to a batch of actors: five queries for the whole batch."""
    linked: dict[str, dict[int, list]] = {
        "spheres": {}, "themes": {}, "competences": {}, "territories": {}, "contacts": {},
    }  # fmt: skip
    queries = {
        "spheres": Actor.spheres.through.objects.values_list("actor_id", "sphere__name"),
        "themes": Actor.themes.through.objects.values_list("actor_id", "theme__name"),
        "competences": Actor.competences.through.objects.values_list(
            "actor_id", "competence__name"
        ),
    }
    for name, query in queries.items():
        for actor_id, value in query.filter(actor_id__in=ids).order_by(query.model._meta.pk.name):
            linked[name].setdefault(actor_id, []).append(value)
    territories = Actor.intervention_territories.through.objects.filter(actor_id__in=ids)
    for actor_id, key, name in territories.values_list(
        "actor_id", "territory__key", "territory__name"
    ).order_by("id"):
        linked["territories"].setdefault(actor_id, []).append(f"{key} {name}")
    contacts = Contact.objects.filter(actor_id__in=ids).order_by("position", "name", "pk")
    for row in contacts.values_list(
        "actor_id", "name", "role", "profession__name", "email", "phone", "visibility"
    ):
        linked["contacts"].setdefault(row[0], []).append(row[1:])
    return linked
