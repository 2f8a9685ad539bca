"""The reference data the generator draws from, loaded once and in a stable order."""

from __future__ import annotations

import math
import random
import re
from dataclasses import dataclass
from itertools import accumulate

from actors.models import ActorType, Competence, Profession, Scheme, Sphere, Territory, Theme
from actors.reference_data.synthetic.actor_types import (
    is_funder_sphere,
    is_funder_type,
    type_family,
    type_labels,
)

# The year the fiction is set in: relations start and local schemes run up to it.
REFERENCE_YEAR = 2025


class ReferenceDataMissing(Exception):
    """The vocabularies or communes the generator draws from are not loaded."""


@dataclass(frozen=True, slots=True)
class Term:
    id: int
    name: str
    sphere_id: int | None = None


@dataclass(frozen=True, slots=True)
class TypeRef:
    id: int
    name: str
    sphere_id: int | None
    family: str
    is_funder: bool
    labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class SchemeRef:
    id: int
    label: str


@dataclass(frozen=True, slots=True)
class CommuneRef:
    id: int
    name: str
    latitude: float
    longitude: float
    postcode: str
    epci_id: int | None
    departement_id: int | None
    departement_name: str = ""


@dataclass(slots=True)
class Reference:
    spheres: list[Term]
    actor_types: list[TypeRef]
    themes: list[Term]
    competences: list[Term]
    professions: list[Term]
    schemes: list[SchemeRef]
    communes: list[CommuneRef]
    commune_cum_weights: list[float]
    territory_names: dict[int, str]

    def pick_commune(self, rng: random.Random) -> int:
        """Position of a commune in ``communes``, weighted by the square root of its population."""
        position = rng.choices(range(len(self.communes)), cum_weights=self.commune_cum_weights)
        return position[0]


def load_reference() -> Reference:
    """Vocabularies, schemes and communes with a point; ReferenceDataMissing when one is empty."""
    spheres = _terms(Sphere)
    actor_types = _actor_types(spheres)
    themes, competences = _terms(Theme), _terms(Competence)
    professions = _professions()
    schemes = _schemes()
    territory_names = _territory_names()
    communes, weights = _communes(territory_names)
    _check_loaded(
        [
            ("sphères", spheres),
            ("types d’acteurs", actor_types),
            ("thèmes", themes),
            ("compétences", competences),
            ("métiers", professions),
            ("dispositifs", schemes),
            ("communes avec un point (latitude/longitude)", communes),
        ]
    )
    return Reference(
        spheres=spheres,
        actor_types=actor_types,
        themes=themes,
        competences=competences,
        professions=professions,
        schemes=schemes,
        communes=communes,
        commune_cum_weights=list(accumulate(weights)),
        territory_names=territory_names,
    )


def _terms(model) -> list[Term]:
    return [Term(pk, name) for pk, name in model.objects.order_by("slug").values_list("pk", "name")]


def _actor_types(spheres: list[Term]) -> list[TypeRef]:
    funder_spheres = {t.id for t in spheres if is_funder_sphere(t.name)}
    return [
        TypeRef(
            pk,
            name,
            sphere_id,
            type_family(name),
            is_funder_type(name, sphere_id, funder_spheres),
            type_labels(name),
        )
        for pk, name, sphere_id in ActorType.objects.order_by("slug").values_list(
            "pk", "name", "sphere_id"
        )
    ]


def _professions() -> list[Term]:
    return [
        Term(pk, name, sphere_id)
        for pk, name, sphere_id in Profession.objects.order_by("slug").values_list(
            "pk", "name", "sphere_id"
        )
    ]


def _schemes() -> list[SchemeRef]:
    return [
        SchemeRef(pk, acronym or name)
        for pk, name, acronym in Scheme.objects.order_by("slug").values_list(
            "pk", "name", "acronym"
        )
    ]


def _territory_names() -> dict[int, str]:
    """Names of the EPCI and départements, by primary key."""
    return dict(
        Territory.objects.filter(
            kind__in=[Territory.Kind.EPCI, Territory.Kind.DEPARTEMENT]
        ).values_list("pk", "name")
    )


def _communes(territory_names: dict[int, str]) -> tuple[list[CommuneRef], list[float]]:
    """Communes with a point, by key, and their weights (square root of the population)."""
    communes, weights = [], []
    rows = (
        Territory.objects.filter(
            kind=Territory.Kind.COMMUNE, latitude__isnull=False, longitude__isnull=False
        )
        .order_by("key")
        .values_list(
            "pk",
            "name",
            "latitude",
            "longitude",
            "postcodes",
            "epci_id",
            "departement_id",
            "population",
        )
    )
    for pk, name, lat, lon, postcodes, epci_id, dep_id, population in rows.iterator(
        chunk_size=5000
    ):
        departement_name = territory_names.get(dep_id, "")
        postcode = _first_postcode(postcodes)
        communes.append(CommuneRef(pk, name, lat, lon, postcode, epci_id, dep_id, departement_name))
        weights.append(math.sqrt(population if population else 100))
    return communes, weights


def _first_postcode(postcodes: str) -> str:
    found = re.findall(r"\d{5}", postcodes or "")
    return found[0] if found else ""


def _check_loaded(lists: list[tuple[str, list]]) -> None:
    missing = [label for label, values in lists if not values]
    if missing:
        raise ReferenceDataMissing(
            "Données de référence manquantes : "
            + ", ".join(missing)
            + ". Chargez-les d’abord avec « python manage.py load_reference_data »."
        )
