"""``generate_actors``: the synthetic actors and local schemes of a seed, written in batches."""

from __future__ import annotations

import random
from array import array
from collections import Counter
from dataclasses import dataclass

from django.db import transaction

from actors.directory.facet_keys import refresh_facet_keys
from actors.models import Actor, Contact, LocalScheme, Participation, Relation
from actors.reference_data.synthetic.actor_drafts import ActorDraft, build_actor
from actors.reference_data.synthetic.local_schemes import draft_local_schemes
from actors.reference_data.synthetic.reference import Reference, load_reference
from actors.reference_data.synthetic.relations import Neighbourhood, build_relations

MAX_COUNT = 1_000_000
INSERT_BATCH = 1000
STAT_KEYS = [
    "actors",
    "skipped",
    "relations",
    "contacts",
    "links",
    "local_schemes",
    "participations",
]


@dataclass(slots=True)
class Drawn:
    """Per generated index (1-based): primary key, commune position, funder flag. Plain arrays,
    so that a million actors take a few megabytes."""

    pks: array
    commune_positions: array
    funders: bytearray

    @classmethod
    def empty(cls, count: int) -> Drawn:
        return cls(
            pks=array("q", bytes(8 * (count + 1))),
            commune_positions=array("l", bytes(array("l").itemsize * (count + 1))),
            funders=bytearray(count + 1),
        )


def generate_actors(
    *, count: int, seed: int, batch_size: int = 2000, stdout=None
) -> dict[str, int]:
    """Create the synthetic actors 1..count of `seed` that do not exist yet, and their rows.

    Returns counts of created rows: actors, skipped (already there), relations, contacts,
    links (many-to-many rows), local_schemes, participations.
    """
    if not 1 <= count <= MAX_COUNT:
        raise ValueError(f"count must be between 1 and {MAX_COUNT}")
    if batch_size < 1:
        raise ValueError("batch_size must be positive")
    ref = load_reference()
    drawn = Drawn.empty(count)
    stats = _generate_actor_batches(
        ref, drawn, count=count, seed=seed, batch_size=batch_size, stdout=stdout
    )
    stats.update(_generate_local_schemes(ref, drawn, count=count, seed=seed))
    # bulk_create skips the signals that keep each fiche's facet keys: filled once, at the end.
    if stats["actors"] or stats["participations"]:
        refresh_facet_keys(drawn.pks[1:])
    return {key: stats[key] for key in STAT_KEYS}


def _generate_actor_batches(
    ref: Reference, drawn: Drawn, *, count: int, seed: int, batch_size: int, stdout
) -> Counter[str]:
    stats: Counter[str] = Counter()
    rng = random.Random(f"mailleurs-synthetic-actors:{seed}")
    hood = Neighbourhood()
    for start in range(1, count + 1, batch_size):
        stop = min(start + batch_size, count + 1)
        drafts = _draft_batch(rng, ref, hood, drawn, seed=seed, indexes=range(start, stop))
        with transaction.atomic():
            stats.update(_save_actors(drafts, drawn.pks))
        if stdout is not None:
            stdout.write(f"  {stop - 1} / {count} acteurs traités")
    return stats


def _draft_batch(
    rng: random.Random,
    ref: Reference,
    hood: Neighbourhood,
    drawn: Drawn,
    *,
    seed: int,
    indexes: range,
) -> list[ActorDraft]:
    drafts = []
    for index in indexes:
        draft = build_actor(rng, ref, seed=seed, index=index)
        commune = ref.communes[draft.commune_position]
        draft.relations = build_relations(rng, hood, draft, commune)
        hood.add(index, draft.actor_type, commune)
        drawn.commune_positions[index] = draft.commune_position
        drawn.funders[index] = draft.actor_type.is_funder
        drafts.append(draft)
    return drafts


def _save_actors(drafts: list[ActorDraft], pks: array) -> Counter[str]:
    """Insert the actors not there yet, then their links, relations and contacts."""
    inserted = _insert_missing(Actor, [d.actor for d in drafts])
    for d in drafts:
        pks[d.index] = d.actor.pk
    new = [d for d in drafts if d.actor.slug in inserted]
    links = _link_rows(new, pks)
    for rows in links:
        if rows:
            type(rows[0]).objects.bulk_create(rows, batch_size=INSERT_BATCH)
    relations = [
        Relation(source_id=pks[d.index], target_id=pks[target], kind=kind, since=since)
        for d in new
        for target, kind, since in d.relations
    ]
    Relation.objects.bulk_create(relations, batch_size=INSERT_BATCH)
    contacts = []
    for d in new:
        for contact in d.contacts:
            contact.actor_id = pks[d.index]
            contacts.append(contact)
    Contact.objects.bulk_create(contacts, batch_size=INSERT_BATCH)
    return Counter(
        actors=len(new),
        skipped=len(drafts) - len(new),
        links=sum(len(rows) for rows in links),
        relations=len(relations),
        contacts=len(contacts),
    )


def _link_rows(new: list[ActorDraft], pks: array) -> list[list]:
    """Rows of the actors' spheres, themes, competences and intervention territories."""
    spheres, themes = Actor.spheres.through, Actor.themes.through
    competences, territories = Actor.competences.through, Actor.intervention_territories.through
    return [
        [spheres(actor_id=pks[d.index], sphere_id=i) for d in new for i in d.sphere_ids],
        [themes(actor_id=pks[d.index], theme_id=i) for d in new for i in d.theme_ids],
        [
            competences(actor_id=pks[d.index], competence_id=i)
            for d in new
            for i in d.competence_ids
        ],
        [territories(actor_id=pks[d.index], territory_id=i) for d in new for i in d.territory_ids],
    ]


def _generate_local_schemes(ref: Reference, drawn: Drawn, *, count: int, seed: int) -> Counter[str]:
    drafts = draft_local_schemes(
        ref,
        seed=seed,
        count=count,
        commune_positions=drawn.commune_positions,
        funders=drawn.funders,
    )
    with transaction.atomic():
        inserted = _insert_missing(LocalScheme, [d.local_scheme for d in drafts])
        new = [d for d in drafts if d.local_scheme.slug in inserted]
        through = LocalScheme.territories.through
        through.objects.bulk_create(
            [through(localscheme_id=d.local_scheme.pk, territory_id=d.territory_id) for d in new],
            batch_size=INSERT_BATCH,
        )
        participations = [
            Participation(local_scheme_id=d.local_scheme.pk, actor_id=drawn.pks[index], role=role)
            for d in new
            for index, role in d.participations
        ]
        Participation.objects.bulk_create(participations, batch_size=INSERT_BATCH)
    return Counter(local_schemes=len(new), participations=len(participations))


def _insert_missing(model, objects: list) -> set[str]:
    """Insert the objects whose slug is not in the database yet and give every object its
    primary key; return the slugs inserted. Rerunning a seed thus adds only what is missing."""
    pk_by_slug = dict(
        model.objects.filter(slug__in=[o.slug for o in objects]).values_list("slug", "pk")
    )
    new = [o for o in objects if o.slug not in pk_by_slug]
    model.objects.bulk_create(new, batch_size=INSERT_BATCH)
    if any(o.pk is None for o in new):  # back ends that return no ids
        pk_by_slug.update(
            model.objects.filter(slug__in=[o.slug for o in new]).values_list("slug", "pk")
        )
    for o in objects:
        o.pk = o.pk or pk_by_slug[o.slug]
    return {o.slug for o in new}
