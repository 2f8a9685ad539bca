"""Idempotent loading of the JSON files in fixtures/: vocabularies, schemes, demo content.

Every row is matched by its natural key (slug, territory key), so loading twice changes nothing
and a fixture edit updates the database in place.
"""

import json
from datetime import date
from pathlib import Path

from django.db import transaction

from actors.directory.search_index import deferred_refresh
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)


class ReferenceDataError(Exception):
    """A fixture refers to something that does not exist; the message says what, in French."""


def read_json(path: Path):
    with path.open(encoding="utf-8") as handle:
        return json.load(handle)


def _by_slug(model, slugs, *, context: str):
    found = {obj.slug: obj for obj in model.objects.filter(slug__in=slugs)}
    missing = sorted(set(slugs) - set(found))
    if missing:
        raise ReferenceDataError(
            f"{context} : valeur(s) inconnue(s) dans {model._meta.verbose_name_plural} : "
            + ", ".join(missing)
        )
    return [found[slug] for slug in slugs]


def _upsert(model, lookup: dict, values: dict) -> tuple[object, str]:
    obj = model.objects.filter(**lookup).first()
    if obj is None:
        return model.objects.create(**lookup, **values), "created"
    changed = [field for field, value in values.items() if getattr(obj, field) != value]
    if not changed:
        return obj, "unchanged"
    for field in changed:
        setattr(obj, field, values[field])
    obj.save()
    return obj, "updated"


def _count(counts: dict, name: str, outcome: str) -> None:
    counts.setdefault(name, {"created": 0, "updated": 0, "unchanged": 0})[outcome] += 1


@transaction.atomic
def load_vocabularies(data: dict) -> dict:
    counts: dict = {}
    for position, row in enumerate(data["spheres"]):
        values = {
            "name": row["name"],
            "description": row.get("description", ""),
            "color": row["color"],
            "position": position,
        }
        _count(counts, "sphères", _upsert(Sphere, {"slug": row["slug"]}, values)[1])
    spheres = {sphere.slug: sphere for sphere in Sphere.objects.all()}
    plain = [("themes", Theme, "thèmes"), ("competences", Competence, "compétences")]
    with_sphere = [("actor_types", ActorType, "types"), ("professions", Profession, "métiers")]
    for key, model, label in plain + with_sphere:
        for position, row in enumerate(data[key]):
            values = {
                "name": row["name"],
                "description": row.get("description", ""),
                "position": position,
            }
            if (key, model, label) in with_sphere:
                sphere_slug = row.get("sphere")
                if sphere_slug and sphere_slug not in spheres:
                    raise ReferenceDataError(f"{row['slug']} : sphère inconnue « {sphere_slug} »")
                values["sphere"] = spheres.get(sphere_slug) if sphere_slug else None
            _count(counts, label, _upsert(model, {"slug": row["slug"]}, values)[1])
    return counts


@transaction.atomic
def load_schemes(rows: list[dict]) -> dict:
    counts: dict = {}
    for position, row in enumerate(rows):
        values = {
            "name": row["name"],
            "acronym": row.get("acronym", ""),
            "family": row["family"],
            "description": row["description"],
            "national_carrier": row["national_carrier"],
            "official_url": row.get("official_url", ""),
            "position": position,
        }
        _count(counts, "dispositifs", _upsert(Scheme, {"slug": row["slug"]}, values)[1])
    return counts


def _territories(keys: list[str], *, context: str) -> list[Territory]:
    found = {t.key: t for t in Territory.objects.filter(key__in=keys)}
    missing = sorted(set(keys) - set(found))
    if missing:
        raise ReferenceDataError(f"{context} : territoire(s) inconnu(s) : " + ", ".join(missing))
    return [found[key] for key in keys]


def _load_perimeters(rows: list[dict], counts: dict) -> None:
    for row in rows:
        values = {"kind": row["kind"], "name": row["name"], "slug": row["key"]}
        values["description"] = row.get("description", "")
        perimeter, outcome = _upsert(Territory, {"key": row["key"]}, values)
        communes = set(_territories(row.get("communes", []), context=f"Périmètre {row['key']}"))
        epcis = _territories(row.get("epcis", []), context=f"Périmètre {row['key']}")
        communes.update(Territory.objects.filter(kind="commune", epci__in=epcis))
        before = set(perimeter.communes.values_list("pk", flat=True))
        if before != {c.pk for c in communes}:
            perimeter.communes.set(communes)
            outcome = "updated" if outcome == "unchanged" else outcome
        _count(counts, "périmètres", outcome)


def _actor_values(row: dict, commune: Territory, actor_type: ActorType) -> dict:
    has_point = row.get("latitude") is not None and row.get("longitude") is not None
    return {
        "name": row["name"],
        "acronym": row.get("acronym", ""),
        "actor_type": actor_type,
        "pitch": row["pitch"],
        "description": row.get("description", ""),
        "missions": row.get("missions", ""),
        "address": row.get("address", ""),
        "postcode": row.get("postcode", ""),
        "commune": commune,
        "latitude": row["latitude"] if has_point else commune.latitude,
        "longitude": row["longitude"] if has_point else commune.longitude,
        "location_source": (
            Actor.LocationSource.ADDRESS if has_point else Actor.LocationSource.COMMUNE
        ),
        "website": row.get("website", ""),
        "email": row.get("email", ""),
        "phone": row.get("phone", ""),
        "siret": row.get("siret", ""),
        "is_fictional": row.get("is_fictional", True),
        "status": row.get("status", "published"),
    }


def _set_m2m(obj, field: str, items) -> bool:
    manager = getattr(obj, field)
    wanted = {item.pk for item in items}
    if set(manager.values_list("pk", flat=True)) == wanted:
        return False
    manager.set(items)
    return True


def _load_contacts(actor: Actor, rows: list[dict]) -> None:
    kept = []
    for position, row in enumerate(rows):
        profession = None
        if row.get("profession"):
            profession = _by_slug(Profession, [row["profession"]], context=actor.slug)[0]
        values = {
            "profession": profession,
            "role": row.get("role", ""),
            "email": row.get("email", ""),
            "phone": row.get("phone", ""),
            "visibility": row.get("visibility", Contact.Visibility.MEMBERS),
            "position": position,
        }
        contact, _outcome = _upsert(Contact, {"actor": actor, "name": row["name"]}, values)
        kept.append(contact.pk)
    actor.contacts.exclude(pk__in=kept).delete()


def _load_actors(rows: list[dict], counts: dict) -> None:
    communes = {t.key: t for t in Territory.objects.filter(kind="commune")}
    types = {t.slug: t for t in ActorType.objects.all()}
    for row in rows:
        context = f"Acteur {row['slug']}"
        commune = communes.get(row["commune"])
        if commune is None:
            raise ReferenceDataError(f"{context} : commune inconnue « {row['commune']} »")
        if row["type"] not in types:
            raise ReferenceDataError(f"{context} : type d’acteur inconnu « {row['type']} »")
        actor, outcome = _upsert(
            Actor, {"slug": row["slug"]}, _actor_values(row, commune, types[row["type"]])
        )
        related = [
            ("spheres", _by_slug(Sphere, row["spheres"], context=context)),
            ("themes", _by_slug(Theme, row.get("themes", []), context=context)),
            ("competences", _by_slug(Competence, row.get("competences", []), context=context)),
            (
                "intervention_territories",
                _territories(row.get("intervention_territories", []), context=context),
            ),
        ]
        for field, items in related:
            if _set_m2m(actor, field, items) and outcome == "unchanged":
                outcome = "updated"
        _load_contacts(actor, row.get("contacts", []))
        _count(counts, "acteurs", outcome)


def _date(value):
    return date.fromisoformat(value) if value else None


def _load_local_schemes(rows: list[dict], counts: dict) -> None:
    actors = {a.slug: a for a in Actor.objects.all()}
    for row in rows:
        context = f"Dispositif local {row['slug']}"
        scheme = _by_slug(Scheme, [row["scheme"]], context=context)[0]
        values = {
            "scheme": scheme,
            "name": row["name"],
            "start_date": _date(row.get("start_date")),
            "end_date": _date(row.get("end_date")),
            "status": row.get("status", LocalScheme.Status.ACTIVE),
            "description": row.get("description", ""),
            "is_fictional": row.get("is_fictional", True),
        }
        local_scheme, outcome = _upsert(LocalScheme, {"slug": row["slug"]}, values)
        _set_m2m(local_scheme, "territories", _territories(row["territories"], context=context))
        kept = []
        for participant in row.get("participants", []):
            actor = actors.get(participant["actor"])
            if actor is None:
                raise ReferenceDataError(f"{context} : acteur inconnu « {participant['actor']} »")
            participation, _ = Participation.objects.update_or_create(
                local_scheme=local_scheme,
                actor=actor,
                role=participant["role"],
                defaults={"note": participant.get("note", "")},
            )
            kept.append(participation.pk)
        local_scheme.participations.exclude(pk__in=kept).delete()
        _count(counts, "dispositifs locaux", outcome)


def _load_relations(rows: list[dict], counts: dict) -> None:
    actors = {a.slug: a for a in Actor.objects.all()}
    for row in rows:
        source, target = actors.get(row["source"]), actors.get(row["target"])
        if source is None or target is None:
            raise ReferenceDataError(f"Relation {row['source']} → {row['target']} : acteur inconnu")
        values = {"since": row.get("since"), "note": row.get("note", "")}
        lookup = {"source": source, "target": target, "kind": row["kind"]}
        _count(counts, "relations", _upsert(Relation, lookup, values)[1])


@transaction.atomic
def load_demo(data: dict) -> dict:
    counts: dict = {}
    with deferred_refresh():
        _load_demo(data, counts)
    return counts


def _load_demo(data: dict, counts: dict) -> None:
    _load_perimeters(data.get("perimeters", []), counts)
    _load_actors(data.get("actors", []), counts)
    _load_local_schemes(data.get("local_schemes", []), counts)
    _load_relations(data.get("relations", []), counts)
