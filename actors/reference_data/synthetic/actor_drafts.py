"""One synthetic actor, unsaved, and the rows that hang on it (pure: no database access)."""

from __future__ import annotations

import random
from dataclasses import dataclass, field

from django.utils.text import slugify

from actors.directory.folding import spaced_words
from actors.models import Actor, Contact, PublicationStatus
from actors.reference_data.synthetic.actor_types import is_departement_scale
from actors.reference_data.synthetic.reference import CommuneRef, Reference, Term, TypeRef
from actors.reference_data.synthetic.words import (
    ASSOCIATION_PREFIXES,
    CONTACT_ROLES,
    FIRST_NAMES,
    LAST_NAMES,
    MISSIONS,
    PITCH_VERBS,
    PLACE_NAMES,
    STREETS,
    TIERS_LIEU_NAMES,
    de,
    lower_first,
    make_acronym,
    phone_number,
)

SLUG_PREFIX = "synth"
JITTER_DEGREES = 0.02
EMAIL_DOMAIN = "example.org"


@dataclass(slots=True)
class ActorDraft:
    """An unsaved actor and the rows that hang on it, by generation index."""

    index: int
    commune_position: int
    actor_type: TypeRef
    actor: Actor
    sphere_ids: list[int]
    theme_ids: list[int]
    competence_ids: list[int]
    territory_ids: list[int]
    contacts: list[Contact]
    relations: list[tuple[int, str, int | None]] = field(default_factory=list)


def actor_slug(seed: int, index: int) -> str:
    return f"{SLUG_PREFIX}-{seed}-{index}"


def build_name(
    rng: random.Random, actor_type: TypeRef, label: str, commune: CommuneRef, theme: Term
) -> str:
    """A plausible French name for an actor of this type in this commune."""
    family = actor_type.family
    of_commune = de(commune.name)
    if family == "centre_social":
        name = f"Centre social {rng.choice(PLACE_NAMES)}" if rng.random() < 0.6 else None
        name = name or f"Centre social {of_commune}"
    elif family == "evs":
        name = f"Espace de vie sociale {rng.choice([*PLACE_NAMES, of_commune])}"
    elif family == "tiers_lieu":
        name = f"Tiers-lieu {rng.choice(TIERS_LIEU_NAMES)}"
        if rng.random() < 0.6:
            name += f" {of_commune}"
    elif family == "collectif":
        name = rng.choice(
            [
                f"Collectif d'habitants {of_commune}",
                f"Collectif {rng.choice(PLACE_NAMES)}",
                f"Comité de quartier {rng.choice(PLACE_NAMES)}",
            ]
        )
    elif family == "association":
        prefix = rng.choice(ASSOCIATION_PREFIXES)
        if prefix == "Association":
            middle = theme.name if rng.random() < 0.7 else rng.choice(PLACE_NAMES)
            name = f"Association {middle} {of_commune}"
        else:
            name = f"{prefix} {of_commune}"
    elif family == "public":
        # Real institutions exist under these names: mark the copies as synthetic.
        if is_departement_scale(label) and commune.departement_name:
            if label.startswith("Région"):
                label = "Antenne de la Région"
            name = f"{label} – {commune.departement_name} (synthétique)"
        else:
            name = f"{label} {of_commune} (synthétique)"
    elif family == "reseau":
        name = f"{label} {theme.name} {of_commune}"
    else:
        name = f"{label} {rng.choice([*PLACE_NAMES[:12], of_commune, of_commune])}"
    return name[:200]


def build_actor(rng: random.Random, ref: Reference, *, seed: int, index: int) -> ActorDraft:
    """One unsaved actor with its spheres, themes, competences, territories and contacts."""
    # The draws from `rng` follow one fixed order: that order is the data of every seed.
    position = ref.pick_commune(rng)
    commune = ref.communes[position]
    actor_type = rng.choice(ref.actor_types)
    themes = rng.sample(ref.themes, min(len(ref.themes), rng.randint(2, 4)))
    competences = rng.sample(ref.competences, min(len(ref.competences), rng.randint(1, 3)))
    label = rng.choice(actor_type.labels or (actor_type.name,))
    name = build_name(rng, actor_type, label, commune, themes[0])
    acronym = make_acronym(name) if actor_type.family != "public" and rng.random() < 0.25 else ""
    sphere_ids = _sphere_ids(rng, ref, actor_type)
    theme_words = [lower_first(t.name) for t in themes]
    pitch = _pitch(rng, label, commune, theme_words)
    missions = _missions(rng, commune, theme_words)
    location = _location(rng, commune)
    territory_ids = _territory_ids(rng, commune)
    slug = actor_slug(seed, index)
    reach = _reach(rng, slug)
    actor = Actor(
        name=name,
        acronym=acronym,
        slug=slug,
        actor_type_id=actor_type.id,
        pitch=pitch,
        description=_description(seed, index, name, commune),
        missions=missions,
        postcode=commune.postcode,
        commune_id=commune.id,
        siret="",
        status=PublicationStatus.PUBLISHED,
        is_fictional=True,
        version=1,
        **location,
        **reach,
    )
    # bulk_create skips save(): the same folded columns as a save.
    actor.fill_search_columns()
    contacts = build_contacts(rng, ref)
    actor.search_vocabulary = _search_vocabulary(
        ref, actor_type, commune, sphere_ids, themes, competences, contacts
    )
    return ActorDraft(
        index=index,
        commune_position=position,
        actor_type=actor_type,
        actor=actor,
        sphere_ids=sphere_ids,
        theme_ids=[t.id for t in themes],
        competence_ids=[c.id for c in competences],
        territory_ids=territory_ids,
        contacts=contacts,
    )


def _sphere_ids(rng: random.Random, ref: Reference, actor_type: TypeRef) -> list[int]:
    """The type's sphere, sometimes with another one (always one when the type has none)."""
    sphere_ids = [actor_type.sphere_id] if actor_type.sphere_id else []
    if not sphere_ids or rng.random() < 0.35:
        other = rng.choice(ref.spheres).id
        if other not in sphere_ids:
            sphere_ids.append(other)
    return sphere_ids


def _pitch(rng: random.Random, label: str, commune: CommuneRef, theme_words: list[str]) -> str:
    return (
        f"{label} qui {rng.choice(PITCH_VERBS)} "
        f"{' et '.join(de(word) for word in theme_words[:2])} "
        f"à {commune.name} et dans les communes voisines."
    )[:300]


def _missions(rng: random.Random, commune: CommuneRef, theme_words: list[str]) -> str:
    """Two to four Markdown list items; every line draws two themes, used or not."""
    of_commune = de(commune.name)
    mission_lines = rng.sample(MISSIONS, rng.randint(2, 4))
    return "\n".join(
        "- "
        + line.format(
            de_commune=of_commune,
            de_theme=de(rng.choice(theme_words)),
            de_theme_article=f"de la thématique « {rng.choice(theme_words)} »",
        )
        for line in mission_lines
    )


def _description(seed: int, index: int, name: str, commune: CommuneRef) -> str:
    return (
        f"**Fiche fictive** générée pour les essais de charge (jeu {seed}, n° {index}).\n\n"
        f"{name} intervient à {commune.name} et dans les environs."
    )


def _location(rng: random.Random, commune: CommuneRef) -> dict:
    """Most actors have a street address near the town hall; the others, the commune's point."""
    if rng.random() < 0.7:
        latitude = round(commune.latitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 6)
        longitude = round(commune.longitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 6)
        return {
            "latitude": max(-90.0, min(90.0, latitude)),
            "longitude": longitude,
            "location_source": Actor.LocationSource.ADDRESS,
            "address": f"{rng.randint(1, 60)} {rng.choice(STREETS)}",
        }
    return {
        "latitude": commune.latitude,
        "longitude": commune.longitude,
        "location_source": Actor.LocationSource.COMMUNE,
        "address": "",
    }


def _territory_ids(rng: random.Random, commune: CommuneRef) -> list[int]:
    """The commune, sometimes its EPCI, more rarely its département."""
    territory_ids = [commune.id]
    if commune.epci_id and rng.random() < 0.35:
        territory_ids.append(commune.epci_id)
    if commune.departement_id and rng.random() < 0.15:
        territory_ids.append(commune.departement_id)
    return territory_ids


def _reach(rng: random.Random, slug: str) -> dict[str, str]:
    """The actor's own e-mail address and phone number, each given half of the time."""
    email = f"contact.{slug}@{EMAIL_DOMAIN}" if rng.random() < 0.5 else ""
    phone = phone_number(rng) if rng.random() < 0.5 else ""
    return {"email": email, "phone": phone}


def _search_vocabulary(
    ref: Reference,
    actor_type: TypeRef,
    commune: CommuneRef,
    sphere_ids: list[int],
    themes: list[Term],
    competences: list[Term],
    contacts: list[Contact],
) -> str:
    """The same names search_index.vocabulary_text gathers for a saved actor."""
    sphere_names = {sphere.id: sphere.name for sphere in ref.spheres}
    profession_names = {profession.id: profession.name for profession in ref.professions}
    return spaced_words(
        actor_type.name,
        commune.name,
        *[sphere_names[i] for i in sphere_ids],
        *[t.name for t in themes],
        *[c.name for c in competences],
        *[profession_names[c.profession_id] for c in contacts if c.profession_id],
    )


def build_contacts(rng: random.Random, ref: Reference) -> list[Contact]:
    """0 to 2 fictional people; the actor is set when it has a primary key."""
    contacts = []
    for position in range(rng.choice([0, 1, 1, 2])):
        first, last = rng.choice(FIRST_NAMES), rng.choice(LAST_NAMES)
        profession = rng.choice(ref.professions) if rng.random() < 0.7 else None
        contacts.append(
            Contact(
                name=f"{first} {last}",
                profession_id=profession.id if profession else None,
                role=rng.choice(CONTACT_ROLES),
                email=f"{slugify(first)}.{slugify(last)}@{EMAIL_DOMAIN}",
                phone=phone_number(rng) if rng.random() < 0.6 else "",
                visibility=rng.choice([Contact.Visibility.PUBLIC, Contact.Visibility.MEMBERS]),
                position=position,
            )
        )
    return contacts
