"""Writing official territory records (see `actors.territories.records`) into `Territory`.

An idempotent upsert by `key`, kind by kind (régions, départements, EPCI, then communes) so that
each kind's parents, resolved by key, already exist when it is written. Rows are created and
updated in bulk, so the 35,000 communes of France load in seconds. Only the four official kinds
are read or written: custom perimeters are never touched, and a record whose key belongs to one
is refused. Territories absent from the records are left alone (never deleted).
"""

from __future__ import annotations

from collections import defaultdict

from django.db import transaction
from django.utils.text import slugify

from actors.cache import bump_generation
from actors.directory.folding import sort_name
from actors.directory.search_index import refresh_located_fiches
from actors.models import Territory
from mailleurs.text import normalize

BATCH_SIZE = 2000
KIND_ORDER = ("region", "departement", "epci", "commune")
PARENT_FIELDS = {
    "region": (),
    "departement": ("region",),
    "epci": ("region", "departement"),
    "commune": ("region", "departement", "epci"),
}
SCALAR_FIELDS = (
    "kind",
    "code",
    "name",
    "slug",
    "search_name",
    "sort_name",
    "population",
    "postcodes",
    "latitude",
    "longitude",
)
ALL_PARENTS = ("region", "departement", "epci")


class TerritoryLoadError(Exception):
    """Records that cannot be loaded (message in French)."""


def territory_slug(kind: str, name: str, code: str) -> str:
    if kind in ("commune", "epci"):
        return slugify(f"{name}-{code}")[:220]
    return slugify(name)[:220]


def _desired_values(record: dict, parent_ids: dict[str, int | None]) -> dict:
    kind = record["kind"]
    values = {
        "kind": kind,
        "code": record["code"],
        "name": record["name"],
        "slug": territory_slug(kind, record["name"], record["code"]),
        "search_name": normalize(record["name"]),
        "sort_name": sort_name(record["name"]),
        "population": record.get("population"),
        "postcodes": record.get("postcodes") or "",
        "latitude": record.get("latitude"),
        "longitude": record.get("longitude"),
    }
    for parent in ALL_PARENTS:
        values[f"{parent}_id"] = parent_ids.get(parent)
    return values


def _check_records(records: list[dict]) -> dict[str, list[dict]]:
    by_kind: dict[str, list[dict]] = {kind: [] for kind in KIND_ORDER}
    seen: set[str] = set()
    for record in records:
        kind, key = record.get("kind"), record.get("key")
        if kind not in by_kind:
            raise TerritoryLoadError(f"Type de territoire inattendu dans les données : {kind!r}.")
        if not key or not record.get("code") or not record.get("name"):
            raise TerritoryLoadError(f"Territoire sans clé, code ou nom : {record!r}.")
        if key in seen:
            raise TerritoryLoadError(f"Clé de territoire en double : {key}.")
        seen.add(key)
        by_kind[kind].append(record)
    return by_kind


@transaction.atomic
def load_territory_records(records: list[dict]) -> dict[str, dict[str, int]]:
    """Create or update the official territories of `records`; counts per kind and outcome.

    Returns ``{"region": {"created": 0, "updated": 1, "unchanged": 17}, "departement": …,
    "epci": …, "commune": …}``, the shape of the other loaders of `actors.reference_data`.
    """
    by_kind = _check_records(records)
    _refuse_custom_keys([record["key"] for record in records])
    existing = _existing_official_territories()
    _refuse_taken_codes(records, existing)
    id_by_key: dict[str, tuple[int, str]] = {
        key: (row["id"], row["kind"]) for key, row in existing.items()
    }
    counts: dict[str, dict[str, int]] = {}
    # Kind by kind, parents first: each kind's parents have their ids when it is written.
    for kind in KIND_ORDER:
        to_create, to_update, unchanged = _plan_kind(kind, by_kind[kind], existing, id_by_key)
        _write_kind(kind, to_create, to_update, id_by_key)
        counts[kind] = {
            "created": len(to_create),
            "updated": sum(len(rows) for rows in to_update.values()),
            "unchanged": unchanged,
        }
        if kind == "commune":
            _refresh_fiches_of_renamed(to_update)
    if any(count["created"] or count["updated"] for count in counts.values()):
        bump_generation(())  # territory pages and lists; fiches renamed above say so
    return counts


def _refresh_fiches_of_renamed(to_update: dict[tuple[str, ...], list[Territory]]) -> None:
    """Bulk updates send no signal (`actors.signals` handles a commune saved on its own)."""
    renamed = [t.id for fields, rows in to_update.items() if "name" in fields for t in rows]
    if located := refresh_located_fiches(renamed):
        bump_generation(located)


def _refuse_custom_keys(keys: list[str]) -> None:
    # Custom perimeters are few: compare in Python rather than with a 35,000-key IN clause.
    custom_keys = set(
        Territory.objects.exclude(kind__in=Territory.OFFICIAL_KINDS)
        .order_by()
        .values_list("key", flat=True)
    )
    clashing = sorted(custom_keys.intersection(keys))[:10]
    if clashing:
        raise TerritoryLoadError(
            "Ces identifiants sont déjà pris par des périmètres sur mesure, "
            f"qui ne seront pas modifiés : {', '.join(clashing)}."
        )


def _existing_official_territories() -> dict[str, dict]:
    """The current values of every official territory, by key."""
    fields = ["id", "key", *SCALAR_FIELDS, *(f"{parent}_id" for parent in ALL_PARENTS)]
    return {
        row["key"]: row
        for row in Territory.objects.filter(kind__in=Territory.OFFICIAL_KINDS)
        .order_by()
        .values(*fields)
    }


def _refuse_taken_codes(records: list[dict], existing: dict[str, dict]) -> None:
    """An official code already saved under another key would make two territories of one."""
    key_by_code = {(row["kind"], row["code"]): key for key, row in existing.items()}
    taken = [
        f"{record['kind']} {record['code']} (déjà sous l’identifiant {key_by_code[kind_code]})"
        for record in records
        if key_by_code.get(kind_code := (record["kind"], record["code"]), record["key"])
        != record["key"]
    ]
    if taken:
        raise TerritoryLoadError(
            "Codes officiels déjà enregistrés sous un autre identifiant : "
            + ", ".join(taken[:10])
            + "."
        )


def _plan_kind(
    kind: str,
    records: list[dict],
    existing: dict[str, dict],
    id_by_key: dict[str, tuple[int, str]],
) -> tuple[list[Territory], dict[tuple[str, ...], list[Territory]], int]:
    """The territories of one kind to create, those to update, and how many are unchanged."""
    to_create: list[Territory] = []
    # Rows to update, grouped by the set of fields that changed: a yearly refresh touches
    # only `population`, and bulk_update's cost grows with the number of fields.
    to_update: dict[tuple[str, ...], list[Territory]] = defaultdict(list)
    unchanged = 0
    for record in records:
        values = _desired_values(record, _parent_ids(kind, record, id_by_key))
        current = existing.get(record["key"])
        if current is None:
            to_create.append(Territory(key=record["key"], **values))
            continue
        diff = [name for name, value in values.items() if current[name] != value]
        if not diff:
            unchanged += 1
            continue
        update_fields = tuple(sorted(name.removesuffix("_id") for name in diff))
        to_update[update_fields].append(Territory(id=current["id"], key=record["key"], **values))
    return to_create, to_update, unchanged


def _parent_ids(
    kind: str, record: dict, id_by_key: dict[str, tuple[int, str]]
) -> dict[str, int | None]:
    parent_ids: dict[str, int | None] = {}
    for parent in PARENT_FIELDS[kind]:
        parent_key = record.get(parent)
        if not parent_key:
            continue
        found = id_by_key.get(parent_key)
        if found is None or found[1] != parent:
            raise TerritoryLoadError(
                f"{record['name']} ({record['key']}) : parent {parent} "
                f"« {parent_key} » introuvable."
            )
        parent_ids[parent] = found[0]
    return parent_ids


def _write_kind(
    kind: str,
    to_create: list[Territory],
    to_update: dict[tuple[str, ...], list[Territory]],
    id_by_key: dict[str, tuple[int, str]],
) -> None:
    """Save one kind's rows and note their ids, which the next kinds need as parents."""
    if to_create:
        Territory.objects.bulk_create(to_create, batch_size=BATCH_SIZE)
        created_keys = [territory.key for territory in to_create]
        for start in range(0, len(created_keys), BATCH_SIZE):
            for pk, key in Territory.objects.filter(
                key__in=created_keys[start : start + BATCH_SIZE]
            ).values_list("id", "key"):
                id_by_key[key] = (pk, kind)
    for update_fields, territories in sorted(to_update.items()):
        Territory.objects.bulk_update(territories, update_fields, batch_size=BATCH_SIZE)
        for territory in territories:
            id_by_key[territory.key] = (territory.id, kind)
