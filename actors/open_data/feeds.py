"""Open data: the directory as JSON (filtered like /acteurs/, cursor pagination) and the
structures in the data·inclusion structure schema."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actors.spreadsheets.records import actor_records

DATA_INCLUSION_SOURCE = "mailleurs"


def _iso_date(value) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None


def _fiche_fields(record: dict, *, base_url: str) -> dict:
    """What both documents say of a fiche, under the names they share."""
    return {
        "id": record["slug"],
        "nom": record["name"],
        "adresse": record["address"] or None,
        "code_postal": record["postcode"] or None,
        "code_insee": record["commune__key"],
        "commune": record["commune__name"],
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "site_web": record["website"] or None,
        "courriel": record["email"] or None,
        "telephone": record["phone"] or None,
        "siret": record["siret"] or None,
        "date_maj": _iso_date(record["updated_at"]),
        "thematiques": record["themes"],
        "url": base_url + reverse("actors:actor_detail", kwargs={"slug": record["slug"]}),
    }


# The keys of each document, in the order it writes them.
ACTOR_KEYS = (
    "id", "nom", "sigle", "type", "spheres", "thematiques", "competences", "presentation",
    "missions", "adresse", "code_postal", "code_insee", "commune", "latitude", "longitude",
    "territoires", "site_web", "courriel", "telephone", "siret", "date_maj", "url",
)  # fmt: skip
DATA_INCLUSION_KEYS = (
    "source", "id", "nom", "commune", "code_postal", "code_insee", "adresse",
    "complement_adresse", "latitude", "longitude", "telephone", "courriel", "site_web", "siret",
    "rna", "description", "lien_source", "horaires_accueil", "accessibilite_lieu",
    "reseaux_porteurs", "date_maj", "thematiques",
)  # fmt: skip


def actor_document(record: dict, *, base_url: str) -> dict:
    fields = _fiche_fields(record, base_url=base_url) | {
        "sigle": record["acronym"] or None,
        "type": record["actor_type__name"],
        "spheres": record["spheres"],
        "competences": record["competences"],
        "presentation": record["pitch"],
        "missions": record["missions"] or None,
        "territoires": record["territories"],
    }
    return {key: fields[key] for key in ACTOR_KEYS}


def page_of_actors(actors, *, after_pk: int, size: int, base_url: str) -> tuple[list, int | None]:
    """`size` actors with a primary key above `after_pk`, and the key to continue from."""
    batch = actors.order_by("pk").filter(pk__gt=after_pk)[: size + 1]
    records = list(actor_records(batch))
    following = records[size - 1]["pk"] if len(records) > size else None
    return [actor_document(r, base_url=base_url) for r in records[:size]], following


def data_inclusion_structure(record: dict, *, base_url: str) -> dict:
    """One structure in the data·inclusion schema (field names and types of its `structure`)."""
    description = record["pitch"]
    if record["missions"]:
        description = f"{description}\n\n{record['missions']}"
    fields = _fiche_fields(record, base_url=base_url)
    fields |= {
        "source": DATA_INCLUSION_SOURCE,
        "complement_adresse": None,
        "rna": None,
        "description": description,
        "lien_source": fields["url"],
        "horaires_accueil": None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
    }
    return {key: fields[key] for key in DATA_INCLUSION_KEYS}


def data_inclusion_structures(actors, *, base_url: str):
    for record in actor_records(actors.order_by("pk")):
        yield data_inclusion_structure(record, base_url=base_url)


def licence() -> dict:
    return {
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "url_licence": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "producteur": settings.SITE_NAME,
    }
