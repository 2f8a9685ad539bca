"""Open data: the directory as JSON (filtered like /acteurs/, cursor pagination) and the
structures in the data·inclusion structure schema."""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from actors.spreadsheets.exports import _records

DATA_INCLUSION_SOURCE = "mailleurs"


def _iso_date(value) -> str | None:
    return timezone.localtime(value).date().isoformat() if value else None


def actor_document(record: dict, *, base_url: str) -> dict:
    return {
        "id": record["slug"],
        "nom": record["name"],
        "sigle": record["acronym"] or None,
        "type": record["actor_type__name"],
        "spheres": record["spheres"],
        "thematiques": record["themes"],
        "competences": record["competences"],
        "presentation": record["pitch"],
        "missions": record["missions"] or None,
        "adresse": record["address"] or None,
        "code_postal": record["postcode"] or None,
        "code_insee": record["commune__key"],
        "commune": record["commune__name"],
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "territoires": record["territories"],
        "site_web": record["website"] or None,
        "courriel": record["email"] or None,
        "telephone": record["phone"] or None,
        "siret": record["siret"] or None,
        "date_maj": _iso_date(record["updated_at"]),
        "url": base_url + reverse("actors:actor_detail", kwargs={"slug": record["slug"]}),
    }


def page_of_actors(actors, *, after_pk: int, size: int, base_url: str) -> tuple[list, int | None]:
    """`size` actors with a primary key above `after_pk`, and the key to continue from."""
    batch = actors.order_by("pk").filter(pk__gt=after_pk)[: size + 1]
    records = list(_records(batch))
    following = records[size - 1]["pk"] if len(records) > size else None
    return [actor_document(r, base_url=base_url) for r in records[:size]], following


def data_inclusion_structure(record: dict, *, base_url: str) -> dict:
    """One structure in the data·inclusion schema (field names and types of its `structure`)."""
    description = record["pitch"]
    if record["missions"]:
        description = f"{description}\n\n{record['missions']}"
    return {
        "source": DATA_INCLUSION_SOURCE,
        "id": record["slug"],
        "nom": record["name"],
        "commune": record["commune__name"],
        "code_postal": record["postcode"] or None,
        "code_insee": record["commune__key"],
        "adresse": record["address"] or None,
        "complement_adresse": None,
        "latitude": record["latitude"],
        "longitude": record["longitude"],
        "telephone": record["phone"] or None,
        "courriel": record["email"] or None,
        "site_web": record["website"] or None,
        "siret": record["siret"] or None,
        "rna": None,
        "description": description,
        "lien_source": base_url + reverse("actors:actor_detail", kwargs={"slug": record["slug"]}),
        "horaires_accueil": None,
        "accessibilite_lieu": None,
        "reseaux_porteurs": [],
        "date_maj": _iso_date(record["updated_at"]),
        "thematiques": record["themes"],
    }


def data_inclusion_structures(actors, *, base_url: str):
    for record in _records(actors.order_by("pk")):
        yield data_inclusion_structure(record, base_url=base_url)


def licence() -> dict:
    return {
        "licence": "Licence Ouverte / Open Licence 2.0 (Etalab)",
        "url_licence": "https://www.etalab.gouv.fr/licence-ouverte-open-licence",
        "producteur": settings.SITE_NAME,
    }
