"""Synthetic local schemes on an EPCI or a département, and the actors taking part in them."""

from __future__ import annotations

import random
from array import array
from datetime import date
from typing import NamedTuple

from actors.directory.folding import sort_name
from actors.models import LocalScheme, Participation
from actors.reference_data.synthetic.actor_drafts import SLUG_PREFIX
from actors.reference_data.synthetic.reference import REFERENCE_YEAR, CommuneRef, Reference

ACTORS_PER_LOCAL_SCHEME = 200
PARTICIPATION_ROLES = [
    Participation.Role.ANIMATEUR,
    Participation.Role.PARTENAIRE,
    Participation.Role.PARTICIPANT,
]
PARTICIPATION_ROLE_WEIGHTS = [1, 3, 4]


class LocalSchemeDraft(NamedTuple):
    """An unsaved local scheme, its territory and its (actor index, role) participations."""

    local_scheme: LocalScheme
    territory_id: int
    participations: list[tuple[int, str]]


def local_scheme_slug(seed: int, number: int) -> str:
    return f"{SLUG_PREFIX}-{seed}-ls-{number}"


def draft_local_schemes(
    ref: Reference, *, seed: int, count: int, commune_positions: array, funders: bytearray
) -> list[LocalSchemeDraft]:
    """About count/200 local schemes, each with 3–12 of the actors 1..count of its area."""
    rng = random.Random(f"mailleurs-synthetic-local-schemes:{seed}")
    wanted = max(1, round(count / ACTORS_PER_LOCAL_SCHEME))
    by_area = _actors_by_area(ref, count, commune_positions)
    drafts = []
    for number in range(1, wanted + 1):
        commune = ref.communes[commune_positions[rng.randint(1, count)]]
        area = _choose_area(rng, ref, commune, by_area)
        drafts.append(
            build_local_scheme(
                rng,
                ref,
                seed=seed,
                number=number,
                territory_id=area,
                territory_name=ref.territory_names.get(area, commune.name),
                pool=by_area[area],
                funders=funders,
            )
        )
    return drafts


def _actors_by_area(ref: Reference, count: int, commune_positions: array) -> dict[int, list[int]]:
    """Actor indexes by the pk of their EPCI, their département and their commune."""
    by_area: dict[int, list[int]] = {}
    for index in range(1, count + 1):
        commune = ref.communes[commune_positions[index]]
        for area in (commune.epci_id, commune.departement_id, commune.id):
            if area:
                by_area.setdefault(area, []).append(index)
    return by_area


def _choose_area(
    rng: random.Random, ref: Reference, commune: CommuneRef, by_area: dict[int, list[int]]
) -> int:
    """Mostly the commune's EPCI, else its département (or the commune itself); the département
    rather than an area of fewer than three actors."""
    epci, departement = (
        area if area in ref.territory_names else None
        for area in (commune.epci_id, commune.departement_id)
    )
    on_epci = epci and (rng.random() < 0.7 or not departement)
    area = epci if on_epci else departement or commune.id
    if len(by_area[area]) < 3 and departement:
        return departement
    return area


def build_local_scheme(
    rng: random.Random,
    ref: Reference,
    *,
    seed: int,
    number: int,
    territory_id: int,
    territory_name: str,
    pool: list[int],
    funders: bytearray,
) -> LocalSchemeDraft:
    """An unsaved local scheme of a random scheme over a few years, and its participations."""
    scheme = rng.choice(ref.schemes)
    start = rng.randint(2016, REFERENCE_YEAR + 1)
    end = start + rng.randint(2, 5)
    name = f"{scheme.label} — {territory_name} {start}-{end} (synthétique)"[:250]
    local_scheme = LocalScheme(
        scheme_id=scheme.id,
        name=name,
        sort_name=sort_name(name),  # bulk_create skips `save`
        slug=local_scheme_slug(seed, number),
        start_date=date(start, 1, 1),
        end_date=date(end, 12, 31),
        status=_status(start, end),
        description="Dispositif local fictif, généré pour les essais de charge.",
        is_fictional=True,
    )
    members = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
    return LocalSchemeDraft(local_scheme, territory_id, _participations(rng, members, funders))


def _status(start: int, end: int) -> str:
    if start > REFERENCE_YEAR:
        return LocalScheme.Status.PROJECT
    if end < REFERENCE_YEAR:
        return LocalScheme.Status.ENDED
    return LocalScheme.Status.ACTIVE


def _participations(
    rng: random.Random, members: list[int], funders: bytearray
) -> list[tuple[int, str]]:
    """The first member pilots; funders finance; at most one porteur; the others take part."""
    participations: list[tuple[int, str]] = []
    porteur_given = False
    for rank, index in enumerate(members):
        if rank == 0:
            role = Participation.Role.PILOTE
        elif funders[index]:
            role = Participation.Role.FINANCEUR
        elif not porteur_given and rng.random() < 0.5:
            role, porteur_given = Participation.Role.PORTEUR, True
        else:
            role = rng.choices(PARTICIPATION_ROLES, PARTICIPATION_ROLE_WEIGHTS)[0]
        participations.append((index, role))
    return participations
