"""What a type of actor says about a synthetic actor: its name's family, its labels, funding."""

from __future__ import annotations

import re

from mailleurs.text import normalize

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


def is_funder_sphere(name: str) -> bool:
    return bool(FUNDER_SPHERE.search(normalize(name)))


def is_funder_type(name: str, sphere_id: int | None, funder_spheres: set[int]) -> bool:
    return sphere_id in funder_spheres or bool(FUNDER_TYPE.search(normalize(name)))


def is_departement_scale(label: str) -> bool:
    return bool(DEPARTEMENT_SCALE.search(normalize(label)))
