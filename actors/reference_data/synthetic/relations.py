"""Relations of a new synthetic actor to earlier actors close to it."""

from __future__ import annotations

import random
from collections import deque

from actors.models import Relation
from actors.reference_data.synthetic.actor_drafts import ActorDraft
from actors.reference_data.synthetic.reference import REFERENCE_YEAR, CommuneRef, TypeRef

RECENT_WINDOW = 500


class Neighbourhood:
    """Recently generated actors by commune, EPCI and département, and the last few hundred.

    Relations point from a new actor to earlier ones close to it. Every queue is bounded, so the
    cost per actor stays constant and memory does not grow with the count.
    """

    def __init__(self, window: int = RECENT_WINDOW):
        self.recent: deque[tuple[int, TypeRef]] = deque(maxlen=window)
        self.by_commune: dict[int, deque] = {}
        self.by_epci: dict[int, deque] = {}
        self.by_departement: dict[int, deque] = {}

    def add(self, index: int, actor_type: TypeRef, commune: CommuneRef) -> None:
        entry = (index, actor_type)
        self.recent.append(entry)
        self.by_commune.setdefault(commune.id, deque(maxlen=12)).append(entry)
        if commune.epci_id:
            self.by_epci.setdefault(commune.epci_id, deque(maxlen=24)).append(entry)
        if commune.departement_id:
            self.by_departement.setdefault(commune.departement_id, deque(maxlen=60)).append(entry)

    def pools(self, commune: CommuneRef) -> list[deque]:
        """Closest first: same commune, same EPCI, same département, any recent actor."""
        return [
            self.by_commune.get(commune.id) or deque(),
            self.by_epci.get(commune.epci_id) or deque(),
            self.by_departement.get(commune.departement_id) or deque(),
            self.recent,
        ]


RELATION_COUNTS = [0, 1, 2, 3]
RELATION_COUNT_WEIGHTS = [15, 35, 30, 20]  # 1.55 on average
LOCALITY_WEIGHTS = [30, 30, 30, 10]
RELATION_KINDS = [
    Relation.Kind.PARTENARIAT,
    Relation.Kind.CO_ANIME,
    Relation.Kind.ORIENTE,
    Relation.Kind.ACCOMPAGNE,
    Relation.Kind.MEMBRE_DE,
    Relation.Kind.FINANCE,
]
RELATION_KIND_WEIGHTS = [40, 15, 15, 15, 10, 5]


def build_relations(
    rng: random.Random, hood: Neighbourhood, draft: ActorDraft, commune: CommuneRef
) -> list[tuple[int, str, int | None]]:
    """(target index, kind, since) from the new actor to earlier nearby actors, deduplicated."""
    pools = hood.pools(commune)
    chosen: dict[tuple[int, str], int | None] = {}
    for _ in range(rng.choices(RELATION_COUNTS, RELATION_COUNT_WEIGHTS)[0]):
        level = rng.choices(range(4), LOCALITY_WEIGHTS)[0]
        pool = next((p for p in pools[level:] if p), None)
        if pool is None:
            break
        target_index, target_type = pool[rng.randrange(len(pool))]
        if draft.actor_type.is_funder and rng.random() < 0.5:
            kind = Relation.Kind.FINANCE
        elif target_type.family == "reseau" and rng.random() < 0.5:
            kind = Relation.Kind.MEMBRE_DE
        else:
            kind = rng.choices(RELATION_KINDS, RELATION_KIND_WEIGHTS)[0]
        since = rng.randint(2005, REFERENCE_YEAR) if rng.random() < 0.6 else None
        if target_index != draft.index:
            chosen.setdefault((target_index, kind), since)
    return [(target, kind, since) for (target, kind), since in chosen.items()]
