"""Each fiche's facet values in one column, so the directory counts every facet in one pass.

`Actor.facet_keys` lists what a fiche is filed under, as "<facet>:<id>": its type, spheres,
themes, competences, schemes it takes part in, and its contacts' professions (twice: every
contact's, and the public contacts' alone under "profession.public", since visitors count
only those). Counting the keys of the matching fiches reads each fiche once, where joining
six link tables read each of them once per facet (see `facets`). `search_index` keeps the
column up to date whenever a fiche or one of its links changes.
"""

from collections import defaultdict
from collections.abc import Iterable
from functools import lru_cache

import numpy as np

from actors.models import Actor, Contact, Participation

CURRENT_MODELS = (Actor, Contact, Participation)
PUBLIC_PROFESSION = "profession.public"
PUBLIC_VISIBILITY = "public"  # Contact.Visibility.PUBLIC, also readable in a migration
BATCH_SIZE = 2000


# Each key as a number, (value id << 3) | facet code, written in 4 characters of
# `CODE_ALPHABET` (base 64, most significant first) in the search table's `facet_codes`
# (PostgreSQL): a broad word's matches are then read as one array of numbers
# (actors.directory.word_matches), without a Python string per key, and text travels from
# PostgreSQL three times faster than the same bytes as `bytea`. Value ids stay below 2**21.
# Migration 0022's SQL function writes the same numbers: never renumber a facet.
FACET_CODES = {
    "type": 1,
    "sphere": 2,
    "theme": 3,
    "competence": 4,
    "profession": 5,
    PUBLIC_PROFESSION: 6,
    "dispositif": 7,
}
FACET_OF_CODE = {code: facet for facet, code in FACET_CODES.items()}
CODE_ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"
CODE_WIDTH = 4
_DIGIT_OF_BYTE = np.zeros(128, dtype=np.int32)
_DIGIT_OF_BYTE[[ord(character) for character in CODE_ALPHABET]] = np.arange(64)


def read_codes(text: str) -> np.ndarray:
    """The numbers written in `text` (`facet_codes`, one or several rows' end to end)."""
    digits = _DIGIT_OF_BYTE[np.frombuffer(text.encode("ascii"), dtype=np.uint8)]
    digits = digits.reshape(-1, CODE_WIDTH)
    codes = digits[:, 0]  # a copy of the first column, then 6 bits more for each next one
    for place in range(1, CODE_WIDTH):
        codes = (codes << 6) | digits[:, place]
    return codes


def key(facet: str, value_id: int) -> str:
    return f"{facet}:{value_id}"


def key_of_code(code: int) -> str:
    """The key a `facet_codes` integer stands for."""
    return key(FACET_OF_CODE[code & 7], code >> 3)


@lru_cache(maxsize=8192)
def split_key(text: str) -> tuple[str, int] | None:
    # Cached: a directory page splits the same few hundred keys about 1,500 times.
    facet, _sep, value = text.partition(":")
    return (facet, int(value)) if value.isdigit() else None


def facet_keys_of(actor_ids: list[int], models=None) -> dict[int, list[str]]:
    """The keys of these fiches, read with one statement per link table. `models`: the
    (Actor, Contact, Participation) of a migration's state, else the current ones."""
    Actor, Contact, Participation = models or CURRENT_MODELS  # noqa: N806
    keys: dict[int, set[str]] = defaultdict(set)
    for pk, type_id in Actor.objects.filter(pk__in=actor_ids).values_list("pk", "actor_type_id"):
        keys[pk].add(key("type", type_id))
    for facet, through, column in (
        ("sphere", Actor.spheres.through, "sphere_id"),
        ("theme", Actor.themes.through, "theme_id"),
        ("competence", Actor.competences.through, "competence_id"),
    ):
        rows = through.objects.filter(actor_id__in=actor_ids).values_list("actor_id", column)
        for actor_id, value_id in rows:
            keys[actor_id].add(key(facet, value_id))
    contacts = Contact.objects.filter(actor_id__in=actor_ids, profession__isnull=False)
    for actor_id, profession_id, visibility in contacts.values_list(
        "actor_id", "profession_id", "visibility"
    ):
        keys[actor_id].add(key("profession", profession_id))
        if visibility == PUBLIC_VISIBILITY:
            keys[actor_id].add(key(PUBLIC_PROFESSION, profession_id))
    participations = Participation.objects.filter(actor_id__in=actor_ids)
    for actor_id, scheme_id in participations.values_list("actor_id", "local_scheme__scheme_id"):
        keys[actor_id].add(key("dispositif", scheme_id))
    return {pk: sorted(values) for pk, values in keys.items()}


def new_fiche_keys(type_id: int, links: dict[str, list[int]], professions) -> list[str]:
    """The keys of a fiche about to be created with these `links` (facet → ids) and contacts'
    `professions` ((id, visibility) pairs), and no participation yet: what `facet_keys_of`
    reads back once it is saved."""
    keys = {key("type", type_id)}
    for facet, ids in links.items():
        keys.update(key(facet, value_id) for value_id in ids)
    for profession_id, visibility in professions:
        keys.add(key("profession", profession_id))
        if visibility == PUBLIC_VISIBILITY:
            keys.add(key(PUBLIC_PROFESSION, profession_id))
    return sorted(keys)


def refresh_facet_keys(actor_ids: Iterable[int], models=None) -> int:
    """Rewrite `facet_keys` where it changed; returns how many fiches changed."""
    Actor = (models or CURRENT_MODELS)[0]  # noqa: N806
    ids = sorted(set(actor_ids))
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = ids[start : start + BATCH_SIZE]
        fresh = facet_keys_of(batch, models)
        stale = [
            Actor(pk=pk, facet_keys=fresh.get(pk, []))
            for pk, current in Actor.objects.filter(pk__in=batch).values_list("pk", "facet_keys")
            if current != fresh.get(pk, [])
        ]
        Actor.objects.bulk_update(stale, ["facet_keys"], batch_size=500)
        changed += len(stale)
    return changed
