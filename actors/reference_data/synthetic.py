"""Reproducible synthetic actors for scale work (``manage.py generate_actors``).

Everything random comes from ``random.Random`` streams seeded from the command's seed, and the
reference data is read in a stable order (vocabularies by slug, communes by key), so one seed gives
the same actors on any database holding the same reference data. Actor number ``n`` of seed ``s``
has the slug ``synth-<s>-<n>``: a second run skips what already exists, and a run with a larger
count adds only the missing actors.

The builders below are pure: they take a ``random.Random`` and the loaded reference data and
return unsaved model instances or plain tuples. ``generate_actors`` writes them batch by batch
with ``bulk_create`` (which bypasses ``save()``, so ``search_text`` is filled here).
"""

from __future__ import annotations

import math
import random
import re
from array import array
from collections import Counter, deque
from dataclasses import dataclass, field
from datetime import date
from itertools import accumulate

from django.db import transaction
from django.utils.text import slugify

from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    PublicationStatus,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)
from mailleurs.text import normalize

SLUG_PREFIX = "synth"
MAX_COUNT = 1_000_000
JITTER_DEGREES = 0.02
RECENT_WINDOW = 500
ACTORS_PER_LOCAL_SCHEME = 200
INSERT_BATCH = 1000
EMAIL_DOMAIN = "example.org"
# ARCEP keeps 04 65 71 xx xx for fiction: these numbers are never assigned.
FICTION_PHONE_PREFIX = "04 65 71"
REFERENCE_YEAR = 2025


class ReferenceDataMissing(Exception):
    """The vocabularies or communes the generator draws from are not loaded."""


# --------------------------------------------------------------------------------------------
# Reference data, loaded once, in a stable order
# --------------------------------------------------------------------------------------------


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


# The type families decide how names are built. Matched on the normalised type name, in order.
TYPE_FAMILIES: list[tuple[str, re.Pattern[str]]] = [
    ("centre_social", re.compile(r"\bcentres? sociau?[xl]\b")),
    ("evs", re.compile(r"\b(espaces? de vie sociale|evs)\b")),
    ("tiers_lieu", re.compile(r"\btiers[- ]lieux?\b")),
    ("collectif", re.compile(r"\b(collectifs?|habitants?|comites? de quartier)\b")),
    (
        "public",
        re.compile(
            r"\b(communes?|mairies?|communautes? (de|d'agglomeration|urbaine)|epci|intercommunal\w*"
            r"|departements?|departementa\w*|regions?|regiona\w*|collectivites?|syndicats? mixtes?"
            r"|petr|pays|caf|msa|etat|prefectures?|ddets|services? de l'etat|ccas|cias|gal"
            r"|caisses?|conseils? (departementa|regiona)\w*|parcs? naturels?|metropoles?"
            r"|france services|missions? locales?|conseils? de developpement|bailleurs? sociau?[xl]"
            r"|chambres? consulaires?)\b"
        ),
    ),
    ("reseau", re.compile(r"\b(federations?|reseaux?|unions?|tetes? de reseau)\b")),
    ("recherche", re.compile(r"\b(universites?|recherche|formation|laboratoires?|ecoles?)\b")),
    ("cooperative", re.compile(r"\b(entreprises?|cooperatives?|scic|scop|ess)\b")),
    ("association", re.compile(r"\bassociations?\b")),
]
# Who finances: the institutions' sphere, and the local authorities whatever their sphere.
FUNDER_SPHERE = re.compile(r"\b(institution\w*|financeurs?)\b")
FUNDER_TYPE = re.compile(r"^(communes?|intercommunal\w*|epci|departements?|regions?)\b")
# Labels of bodies organised by département: named after it, not after a commune.
DEPARTEMENT_SCALE = re.compile(r"^(departement|region|caisse|mutualite|service de l'etat|chambre)")


# Type names that read badly in an actor's name ("Maison ou centre de santé"): what to say instead.
TYPE_LABELS: list[tuple[re.Pattern[str], tuple[str, ...]]] = [
    (re.compile(r"\buniversite ou laboratoire"), ("Laboratoire de recherche", "Institut")),
    (re.compile(r"\bmaison ou centre de sante"), ("Maison de santé", "Centre de santé")),
    (
        re.compile(r"\betablissement ou service social"),
        ("Établissement médico-social", "Service d'aide à domicile", "Foyer d'accueil"),
    ),
    (
        re.compile(r"\bentreprise de l'ess ou cooperative"),
        ("Coopérative", "SCIC", "Entreprise solidaire"),
    ),
    (re.compile(r"\btete de reseau ou federation"), ("Fédération", "Réseau", "Union locale")),
    (re.compile(r"\bpetr ou pays"), ("PETR", "Pays")),
    (
        re.compile(r"\binsertion par l'activite"),
        ("Chantier d'insertion", "Association intermédiaire", "Entreprise d'insertion"),
    ),
    (
        re.compile(r"\bchambres? consulaires?"),
        ("Chambre d'agriculture", "Chambre de métiers et de l'artisanat", "Chambre de commerce"),
    ),
    (re.compile(r"\bbailleurs? sociau?[xl]"), ("Office public de l'habitat", "Société d'HLM")),
]


def type_labels(name: str) -> tuple[str, ...]:
    """How an actor of this type may be called: « Centre communal d'action sociale (CCAS) » →
    « Centre communal d'action sociale »; « PETR ou pays » → « PETR » or « Pays »."""
    text = normalize(name)
    for pattern, labels in TYPE_LABELS:
        if pattern.search(text):
            return labels
    plain = re.sub(r"\s*\([^)]*\)", "", name).split(" ou ")[0].strip()
    return (plain or name,)


def type_family(name: str) -> str:
    text = normalize(name)
    for family, pattern in TYPE_FAMILIES:
        if pattern.search(text):
            return family
    return "generic"


def _first_postcode(postcodes: str) -> str:
    found = re.findall(r"\d{5}", postcodes or "")
    return found[0] if found else ""


def load_reference() -> Reference:
    """Vocabularies, schemes and communes with a point; ReferenceDataMissing when one is empty."""
    spheres = [
        Term(pk, name) for pk, name in Sphere.objects.order_by("slug").values_list("pk", "name")
    ]
    funder_spheres = {t.id for t in spheres if FUNDER_SPHERE.search(normalize(t.name))}
    actor_types = []
    for pk, name, sphere_id in ActorType.objects.order_by("slug").values_list(
        "pk", "name", "sphere_id"
    ):
        family = type_family(name)
        is_funder = sphere_id in funder_spheres or bool(FUNDER_TYPE.search(normalize(name)))
        actor_types.append(TypeRef(pk, name, sphere_id, family, is_funder, type_labels(name)))

    def terms(model) -> list[Term]:
        return [
            Term(pk, name) for pk, name in model.objects.order_by("slug").values_list("pk", "name")
        ]

    themes, competences = terms(Theme), terms(Competence)
    professions = [
        Term(pk, name, sphere_id)
        for pk, name, sphere_id in Profession.objects.order_by("slug").values_list(
            "pk", "name", "sphere_id"
        )
    ]
    schemes = [
        SchemeRef(pk, acronym or name)
        for pk, name, acronym in Scheme.objects.order_by("slug").values_list(
            "pk", "name", "acronym"
        )
    ]
    territory_names = dict(
        Territory.objects.filter(
            kind__in=[Territory.Kind.EPCI, Territory.Kind.DEPARTEMENT]
        ).values_list("pk", "name")
    )
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
        communes.append(
            CommuneRef(
                pk,
                name,
                lat,
                lon,
                _first_postcode(postcodes),
                epci_id,
                dep_id,
                territory_names.get(dep_id, ""),
            )
        )
        weights.append(math.sqrt(population if population else 100))

    missing = [
        label
        for label, values in [
            ("sphères", spheres),
            ("types d’acteurs", actor_types),
            ("thèmes", themes),
            ("compétences", competences),
            ("métiers", professions),
            ("dispositifs", schemes),
            ("communes avec un point (latitude/longitude)", communes),
        ]
        if not values
    ]
    if missing:
        raise ReferenceDataMissing(
            "Données de référence manquantes : "
            + ", ".join(missing)
            + ". Chargez-les d’abord avec « python manage.py load_reference_data »."
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


# --------------------------------------------------------------------------------------------
# Words
# --------------------------------------------------------------------------------------------

# fmt: off
PLACE_NAMES = [
    "des Tilleuls", "du Vieux Moulin", "Les Castors", "La Passerelle", "L'Escale", "Le Lien",
    "des Trois Rivières", "du Pont Vieux", "des Chênes", "de la Gare", "du Bourg", "des Lavandes",
    "Les Coquelicots", "L'Olivier", "La Ruche", "Le Fil d'Ariane", "L'Arche", "La Courte Échelle",
    "Le Trait d'Union", "La Clé des Champs", "Les Hirondelles", "La Boussole", "L'Oustal",
    "Le Relais", "La Source", "La Marelle", "du Plateau", "de la Vallée", "des Peupliers",
    "du Val", "Les Saules", "des Genêts", "La Maison du Partage", "Le Colibri", "La Farandole",
]
TIERS_LIEU_NAMES = [
    "La Fabrique", "Le Hangar", "La Grange", "L'Atelier partagé", "La Coopérative", "Le Bocal",
    "La Manufacture", "Le Quai", "La Miellerie", "L'Établi", "La Forge", "Le Moulinage",
    "La Scierie", "Le Local", "La Cantine", "Le Garage", "Le Grenier", "La Laverie",
    "La Menuiserie", "La Bergerie", "Le Fournil", "La Filature", "La Magnanerie", "Le Lavoir",
]
ASSOCIATION_PREFIXES = [
    "Association", "Association", "Association", "Foyer rural", "Les Amis", "Comité des fêtes",
    "Maison des jeunes et de la culture", "Amicale laïque", "Maison pour tous",
]
STREETS = [
    "rue de la République", "place de la Mairie", "chemin des Écoliers", "avenue de la Gare",
    "rue du Stade", "grande rue", "rue des Écoles", "place du Marché", "route de la Vallée",
    "impasse des Lilas", "rue du Temple", "allée des Platanes", "rue Basse", "rue Haute",
]
PITCH_VERBS = [
    "accompagne les habitants sur les questions",
    "anime des actions sur les questions",
    "met en réseau les acteurs locaux sur les questions",
    "soutient les projets collectifs sur les questions",
    "propose des ateliers et des permanences sur les questions",
    "coordonne les initiatives du territoire sur les questions",
]
MISSIONS = [
    "Accueillir, informer et orienter les habitants {de_commune}",
    "Animer des ateliers collectifs sur les questions {de_theme}",
    "Accompagner les porteurs de projets {de_commune} et des alentours",
    "Coordonner les partenaires locaux autour {de_theme_article}",
    "Soutenir les initiatives d'habitants et la vie associative",
    "Organiser des temps d'échange entre professionnels et élus",
    "Favoriser l'accès aux droits et aux services",
    "Participer au diagnostic partagé du territoire",
]
FIRST_NAMES = [
    "Camille", "Claire", "Léa", "Manon", "Julie", "Sophie", "Nathalie", "Isabelle", "Émilie",
    "Sarah", "Chloé", "Inès", "Louise", "Mathilde", "Anne", "Élodie", "Marion", "Aurélie",
    "Thomas", "Nicolas", "Julien", "Pierre", "Antoine", "Maxime", "Hugo", "Lucas", "Mathieu",
    "Olivier", "Sébastien", "François", "Romain", "Karim", "Yannick", "Benoît", "Rémi", "Samir",
]
LAST_NAMES = [
    "Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy",
    "Moreau", "Simon", "Laurent", "Lefebvre", "Michel", "Garcia", "David", "Bertrand", "Roux",
    "Vincent", "Fournier", "Morel", "Girard", "André", "Mercier", "Blanc", "Guérin", "Boyer",
    "Faure", "Chevalier", "Rousseau", "Bonnet", "Brun", "Gauthier", "Perrin", "Fabre", "Arnaud",
]
CONTACT_ROLES = [
    "Direction", "Coordination", "Animation", "Chargé·e de mission", "Présidence",
    "Référent·e familles", "Accueil", "Agent·e de développement local", "Trésorerie",
]
# fmt: on
NAME_STOPWORDS = {"de", "du", "des", "la", "le", "les", "l", "d", "et", "pour", "en", "a", "aux"}
VOWELS = set("AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜŸaeiouyàâäéèêëîïôöùûüÿ")
MUTE_H = ("habit", "heberg", "homme", "hopit", "hygien", "humain", "histoi", "horaire", "hotel")


def de(name: str) -> str:
    """French « de » before a name: « du Teil », « des Vans », « d'Annonay », « de La Motte »."""
    if name.startswith("Le "):
        return "du " + name[3:]
    if name.startswith("Les "):
        return "des " + name[4:]
    if name[:1] in VOWELS or (name[:1] in "hH" and normalize(name).startswith(MUTE_H)):
        return "d'" + name
    return "de " + name


def lower_first(text: str) -> str:
    """« Mobilité » → « mobilité », but « ESS » stays « ESS »."""
    if len(text) > 1 and text[1].isupper():
        return text
    return text[:1].lower() + text[1:]


def make_acronym(name: str) -> str:
    words = re.findall(r"[A-Za-zÀ-ÿ]+", name.replace("(synthétique)", ""))
    letters = [w[0].upper() for w in words if normalize(w) not in NAME_STOPWORDS]
    return "".join(letters)[:10] if len(letters) >= 2 else ""


def phone_number(rng: random.Random) -> str:
    return f"{FICTION_PHONE_PREFIX} {rng.randrange(100):02d} {rng.randrange(100):02d}"


# --------------------------------------------------------------------------------------------
# Pure builders
# --------------------------------------------------------------------------------------------


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


def local_scheme_slug(seed: int, number: int) -> str:
    return f"{SLUG_PREFIX}-{seed}-ls-{number}"


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
        if DEPARTEMENT_SCALE.search(normalize(label)) and commune.departement_name:
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
    position = ref.pick_commune(rng)
    commune = ref.communes[position]
    actor_type = rng.choice(ref.actor_types)
    themes = rng.sample(ref.themes, min(len(ref.themes), rng.randint(2, 4)))
    competences = rng.sample(ref.competences, min(len(ref.competences), rng.randint(1, 3)))

    label = rng.choice(actor_type.labels or (actor_type.name,))
    name = build_name(rng, actor_type, label, commune, themes[0])
    acronym = make_acronym(name) if actor_type.family != "public" and rng.random() < 0.25 else ""

    sphere_ids = [actor_type.sphere_id] if actor_type.sphere_id else []
    if not sphere_ids or rng.random() < 0.35:
        other = rng.choice(ref.spheres).id
        if other not in sphere_ids:
            sphere_ids.append(other)

    theme_words = [lower_first(t.name) for t in themes]
    of_commune = de(commune.name)
    pitch = (
        f"{label} qui {rng.choice(PITCH_VERBS)} "
        f"{' et '.join(de(word) for word in theme_words[:2])} "
        f"à {commune.name} et dans les communes voisines."
    )[:300]
    mission_lines = rng.sample(MISSIONS, rng.randint(2, 4))
    missions = "\n".join(
        "- "
        + line.format(
            de_commune=of_commune,
            de_theme=de(rng.choice(theme_words)),
            de_theme_article=f"de la thématique « {rng.choice(theme_words)} »",
        )
        for line in mission_lines
    )
    description = (
        f"**Fiche fictive** générée pour les essais de charge (jeu {seed}, n° {index}).\n\n"
        f"{name} intervient à {commune.name} et dans les environs."
    )

    if rng.random() < 0.7:
        latitude = round(commune.latitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 6)
        longitude = round(commune.longitude + rng.uniform(-JITTER_DEGREES, JITTER_DEGREES), 6)
        latitude = max(-90.0, min(90.0, latitude))
        location_source = Actor.LocationSource.ADDRESS
        address = f"{rng.randint(1, 60)} {rng.choice(STREETS)}"
    else:
        latitude, longitude = commune.latitude, commune.longitude
        location_source = Actor.LocationSource.COMMUNE
        address = ""

    territory_ids = [commune.id]
    if commune.epci_id and rng.random() < 0.35:
        territory_ids.append(commune.epci_id)
    if commune.departement_id and rng.random() < 0.15:
        territory_ids.append(commune.departement_id)

    slug = actor_slug(seed, index)
    actor = Actor(
        name=name,
        acronym=acronym,
        slug=slug,
        actor_type_id=actor_type.id,
        pitch=pitch,
        description=description,
        missions=missions,
        address=address,
        postcode=commune.postcode,
        commune_id=commune.id,
        latitude=latitude,
        longitude=longitude,
        location_source=location_source,
        email=f"contact.{slug}@{EMAIL_DOMAIN}" if rng.random() < 0.5 else "",
        phone=phone_number(rng) if rng.random() < 0.5 else "",
        siret="",
        status=PublicationStatus.PUBLISHED,
        is_fictional=True,
        version=1,
    )
    # bulk_create skips save(): same text as Actor.build_search_text (name, acronym, pitch,
    # missions, description, normalised).
    actor.search_text = actor.build_search_text()
    contacts = build_contacts(rng, ref)
    # The same names search_index.vocabulary_text gathers for a saved actor.
    sphere_names = {sphere.id: sphere.name for sphere in ref.spheres}
    profession_names = {profession.id: profession.name for profession in ref.professions}
    actor.search_vocabulary = normalize(
        " ".join(
            [actor_type.name, commune.name]
            + [sphere_names[i] for i in sphere_ids]
            + [t.name for t in themes]
            + [c.name for c in competences]
            + [profession_names[c.profession_id] for c in contacts if c.profession_id]
        )
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


PARTICIPATION_ROLES = [
    Participation.Role.ANIMATEUR,
    Participation.Role.PARTENAIRE,
    Participation.Role.PARTICIPANT,
]
PARTICIPATION_ROLE_WEIGHTS = [1, 3, 4]


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
) -> tuple[LocalScheme, int, list[tuple[int, str]]]:
    """An unsaved local scheme, its territory id and its (actor index, role) participations."""
    scheme = rng.choice(ref.schemes)
    start = rng.randint(2016, REFERENCE_YEAR + 1)
    end = start + rng.randint(2, 5)
    if start > REFERENCE_YEAR:
        status = LocalScheme.Status.PROJECT
    elif end < REFERENCE_YEAR:
        status = LocalScheme.Status.ENDED
    else:
        status = LocalScheme.Status.ACTIVE
    local_scheme = LocalScheme(
        scheme_id=scheme.id,
        name=f"{scheme.label} — {territory_name} {start}-{end} (synthétique)"[:250],
        slug=local_scheme_slug(seed, number),
        start_date=date(start, 1, 1),
        end_date=date(end, 12, 31),
        status=status,
        description="Dispositif local fictif, généré pour les essais de charge.",
        is_fictional=True,
    )
    members = rng.sample(pool, min(len(pool), rng.randint(3, 12)))
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
    return local_scheme, territory_id, participations


# --------------------------------------------------------------------------------------------
# Writing
# --------------------------------------------------------------------------------------------


def _write(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


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
    stats: Counter[str] = Counter()
    rng = random.Random(f"mailleurs-synthetic-actors:{seed}")
    hood = Neighbourhood()
    # Per generated index (1-based): primary key, commune position, funder flag. Plain arrays.
    pks = array("q", bytes(8 * (count + 1)))
    commune_positions = array("l", bytes(array("l").itemsize * (count + 1)))
    funders = bytearray(count + 1)

    spheres_through = Actor.spheres.through
    themes_through = Actor.themes.through
    competences_through = Actor.competences.through
    territories_through = Actor.intervention_territories.through

    for start in range(1, count + 1, batch_size):
        stop = min(start + batch_size, count + 1)
        drafts = []
        for index in range(start, stop):
            draft = build_actor(rng, ref, seed=seed, index=index)
            commune = ref.communes[draft.commune_position]
            draft.relations = build_relations(rng, hood, draft, commune)
            hood.add(index, draft.actor_type, commune)
            commune_positions[index] = draft.commune_position
            funders[index] = draft.actor_type.is_funder
            drafts.append(draft)

        with transaction.atomic():
            existing = dict(
                Actor.objects.filter(slug__in=[d.actor.slug for d in drafts]).values_list(
                    "slug", "pk"
                )
            )
            new = [d for d in drafts if d.actor.slug not in existing]
            Actor.objects.bulk_create([d.actor for d in new], batch_size=INSERT_BATCH)
            if any(d.actor.pk is None for d in new):  # back ends that return no ids
                existing.update(
                    Actor.objects.filter(slug__in=[d.actor.slug for d in new]).values_list(
                        "slug", "pk"
                    )
                )
            for d in drafts:
                pks[d.index] = d.actor.pk or existing[d.actor.slug]

            spheres, themes, competences, territories = [], [], [], []
            relations, contacts = [], []
            for d in new:
                pk = pks[d.index]
                spheres += [spheres_through(actor_id=pk, sphere_id=i) for i in d.sphere_ids]
                themes += [themes_through(actor_id=pk, theme_id=i) for i in d.theme_ids]
                competences += [
                    competences_through(actor_id=pk, competence_id=i) for i in d.competence_ids
                ]
                territories += [
                    territories_through(actor_id=pk, territory_id=i) for i in d.territory_ids
                ]
                relations += [
                    Relation(source_id=pk, target_id=pks[target], kind=kind, since=since)
                    for target, kind, since in d.relations
                ]
                for contact in d.contacts:
                    contact.actor_id = pk
                    contacts.append(contact)
            for rows in (spheres, themes, competences, territories):
                if rows:
                    type(rows[0]).objects.bulk_create(rows, batch_size=INSERT_BATCH)
            Relation.objects.bulk_create(relations, batch_size=INSERT_BATCH)
            Contact.objects.bulk_create(contacts, batch_size=INSERT_BATCH)

        stats["actors"] += len(new)
        stats["skipped"] += len(drafts) - len(new)
        stats["links"] += len(spheres) + len(themes) + len(competences) + len(territories)
        stats["relations"] += len(relations)
        stats["contacts"] += len(contacts)
        _write(stdout, f"  {stop - 1} / {count} acteurs traités")

    del hood, drafts
    ls_stats = _generate_local_schemes(
        ref, seed=seed, count=count, pks=pks, commune_positions=commune_positions, funders=funders
    )
    stats.update(ls_stats)
    return {
        key: stats[key]
        for key in [
            "actors",
            "skipped",
            "relations",
            "contacts",
            "links",
            "local_schemes",
            "participations",
        ]
    }


def _generate_local_schemes(
    ref: Reference,
    *,
    seed: int,
    count: int,
    pks: array,
    commune_positions: array,
    funders: bytearray,
) -> Counter[str]:
    """About count/200 local schemes on an EPCI or a département, each with 3–12 actors."""
    stats: Counter[str] = Counter()
    rng = random.Random(f"mailleurs-synthetic-local-schemes:{seed}")
    wanted = max(1, round(count / ACTORS_PER_LOCAL_SCHEME))
    by_area: dict[int, list[int]] = {}
    for index in range(1, count + 1):
        commune = ref.communes[commune_positions[index]]
        for area in (commune.epci_id, commune.departement_id, commune.id):
            if area:
                by_area.setdefault(area, []).append(index)

    drafts = []
    for number in range(1, wanted + 1):
        commune = ref.communes[commune_positions[rng.randint(1, count)]]
        epci, departement = (
            area if area in ref.territory_names else None
            for area in (commune.epci_id, commune.departement_id)
        )
        if epci and (rng.random() < 0.7 or not departement):
            area = epci
        else:
            area = departement or commune.id
        if len(by_area[area]) < 3 and departement:
            area = departement
        name = ref.territory_names.get(area, commune.name)
        drafts.append(
            build_local_scheme(
                rng,
                ref,
                seed=seed,
                number=number,
                territory_id=area,
                territory_name=name,
                pool=by_area[area],
                funders=funders,
            )
        )
    del by_area

    with transaction.atomic():
        existing = set(
            LocalScheme.objects.filter(slug__in=[ls.slug for ls, _, _ in drafts]).values_list(
                "slug", flat=True
            )
        )
        new = [d for d in drafts if d[0].slug not in existing]
        LocalScheme.objects.bulk_create([ls for ls, _, _ in new], batch_size=INSERT_BATCH)
        if any(ls.pk is None for ls, _, _ in new):
            ids = dict(
                LocalScheme.objects.filter(slug__in=[ls.slug for ls, _, _ in new]).values_list(
                    "slug", "pk"
                )
            )
            for ls, _, _ in new:
                ls.pk = ids[ls.slug]
        through = LocalScheme.territories.through
        through.objects.bulk_create(
            [through(localscheme_id=ls.pk, territory_id=t) for ls, t, _ in new],
            batch_size=INSERT_BATCH,
        )
        participations = [
            Participation(local_scheme_id=ls.pk, actor_id=pks[index], role=role)
            for ls, _, members in new
            for index, role in members
        ]
        Participation.objects.bulk_create(participations, batch_size=INSERT_BATCH)
    stats["local_schemes"] = len(new)
    stats["participations"] = len(participations)
    return stats
