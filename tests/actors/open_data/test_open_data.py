import datetime
import json
import re

import pytest
from django.urls import reverse

from tests.actors.factories import ActorFactory, CommuneFactory, ThemeFactory

pytestmark = pytest.mark.django_db

# The data·inclusion `structure` fields this export fills, with the type each must have.
DATA_INCLUSION_FIELDS = {
    "source": str, "id": str, "nom": str, "commune": str, "code_postal": (str, type(None)),
    "code_insee": str, "adresse": (str, type(None)), "latitude": (float, type(None)),
    "longitude": (float, type(None)), "siret": (str, type(None)),
    "telephone": (str, type(None)), "courriel": (str, type(None)),
    "site_web": (str, type(None)), "description": str, "date_maj": str,
    "reseaux_porteurs": list, "lien_source": str, "thematiques": list,
}  # fmt: skip


@pytest.fixture
def actors(db):
    die = CommuneFactory(name="Die", code="26113", key="26113", postcodes="26150")
    food = ThemeFactory(name="Alimentation")
    created = [
        ActorFactory(name=f"Structure {index:02d}", commune=die, postcode="26150")
        for index in range(5)
    ]
    created[0].themes.set([food])
    created[0].siret = "73282932000074"
    created[0].email = "contact@example.org"
    created[0].save()
    ActorFactory(name="Brouillon", status="draft")
    return created


def test_json_api_follows_the_filters_and_pages_with_a_cursor(client, actors):
    url = reverse("actors:actors_json")
    first = client.get(url, {"taille": "2"}).json()
    assert first["licence"].startswith("Licence Ouverte")
    assert [a["nom"] for a in first["resultats"]] == ["Structure 00", "Structure 01"]
    second = client.get(first["suivant"]).json()
    assert [a["nom"] for a in second["resultats"]] == ["Structure 02", "Structure 03"]
    everything = client.get(url, {"taille": "500"}).json()
    assert len(everything["resultats"]) == 5  # the draft is not published
    assert everything["suivant"] is None
    filtered = client.get(url, {"q": "structure 00"}).json()["resultats"]
    assert [a["id"] for a in filtered] == [actors[0].slug]


def test_open_data_holds_published_fiches_only_even_for_a_moderator(client, actors, moderator):
    ActorFactory(name="En relecture", status="review")
    published = [f"Structure {index:02d}" for index in range(5)]
    client.force_login(moderator)
    page = client.get(reverse("actors:actors_json"), {"taille": "500"}).json()
    assert [actor["nom"] for actor in page["resultats"]] == published
    response = client.get(reverse("actors:data_inclusion_structures"))
    structures = json.loads(b"".join(response.streaming_content))
    assert [structure["nom"] for structure in structures] == published


@pytest.mark.parametrize("params", [{"taille": "0"}, {"taille": "9999"}, {"curseur": "abc"},
                                    {"sphere": "inconnue"}])  # fmt: skip
def test_json_api_bad_parameters_get_a_french_400(client, actors, params):
    response = client.get(reverse("actors:actors_json"), params)
    assert response.status_code == 400
    assert response.json()["erreurs"]


@pytest.mark.parametrize(
    ("name", "value"),
    [("taille", "²"), ("taille", "①"), ("taille", "٣"), ("curseur", "²"), ("curseur", "9" * 40)],
)
def test_json_api_digits_int_refuses_get_a_french_400(client, actors, name, value):
    # str.isdigit() accepts superscripts, circled and Arabic-Indic digits; int() does not
    # (or reads them): only ASCII digits are a number here.
    response = client.get(reverse("actors:actors_json"), {name: value})
    assert response.status_code == 400
    assert list(response.json()["erreurs"]) == [name]
    assert response.json()["erreurs"][name][0].startswith(("Un nombre entier", "Le curseur"))


def test_data_inclusion_export_matches_the_schema_fields(client, actors):
    response = client.get(reverse("actors:data_inclusion_structures"))
    structures = json.loads(b"".join(response.streaming_content))
    assert len(structures) == 5
    for structure in structures:
        for name, kind in DATA_INCLUSION_FIELDS.items():
            assert isinstance(structure[name], kind), (name, structure[name])
        assert structure["source"] == "mailleurs"
        assert re.fullmatch(r"\d{5}", structure["code_insee"])
        assert datetime.date.fromisoformat(structure["date_maj"])
        assert structure["siret"] is None or re.fullmatch(r"\d{14}", structure["siret"])
    first = next(s for s in structures if s["id"] == actors[0].slug)
    assert first["siret"] == "73282932000074"
    assert first["courriel"] == "contact@example.org"
    assert first["thematiques"] == ["Alimentation"]
    assert first["lien_source"].endswith(actors[0].get_absolute_url())
