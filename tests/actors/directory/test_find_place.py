"""Finding a place by name: the suggestions, the directory's « Territoire » and « Autour de la
commune » boxes, the home page's « Où ? » and the map's reference commune — on SQLite and
PostgreSQL."""

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from django.urls import reverse

from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    RegionFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")
TERRITORIES = reverse("actors:territories_autocomplete")
COMMUNES = reverse("actors:communes_autocomplete")


def names(response) -> list[str]:
    return [actor.name for actor in response.context["page"].object_list]


def labels(client, url, text) -> list[str]:
    return [row["libelle"] for row in client.get(url, {"q": text}).json()["resultats"]]


@pytest.fixture
def places(client, sample):
    """The sample (Die, Crest, Lyon), the CC du Diois around Die, Saint-Jean-en-Royans, and two
    Saint-Martin in two départements."""
    diois = EpciFactory()
    sample["die"].epci = diois
    sample["die"].save()
    isere = DepartementFactory(key="38", code="38", name="Isère", slug="isere")
    royans = CommuneFactory(
        name="Saint-Jean-en-Royans", code="26307", key="26307", latitude=45.019, longitude=5.291
    )
    ActorFactory(name="Tiers-lieu du Royans", commune=royans)
    return sample | {
        "diois": diois,
        "royans": royans,
        "martin_26": CommuneFactory(
            name="Saint-Martin", code="26320", key="26320", latitude=44.5, longitude=5.0
        ),
        "martin_38": CommuneFactory(
            name="Saint-Martin",
            code="38420",
            key="38420",
            departement=isere,
            latitude=45.2,
            longitude=5.7,
        ),
    }


def test_suggestions_match_inside_the_name_and_ignore_accents_case_and_hyphens(client, places):
    assert "CC du Diois (242600252)" in labels(client, TERRITORIES, "Diois")
    assert labels(client, COMMUNES, "saint jean en royans") == ["Saint-Jean-en-Royans (26)"]
    assert labels(client, COMMUNES, "royans") == ["Saint-Jean-en-Royans (26)"]
    assert labels(client, TERRITORIES, "DROME") == ["Drôme (26)"]


def test_suggestions_put_the_whole_name_first_and_tell_namesakes_apart(client, places):
    CommuneFactory(name="Diemoz", code="38144", key="38144", population=90000)
    assert labels(client, COMMUNES, "die")[0] == "Die (26)"
    assert set(labels(client, COMMUNES, "saint martin")) == {
        "Saint-Martin (26)",
        "Saint-Martin (38)",
    }
    assert "CC du Diois (242600252)" not in labels(client, COMMUNES, "diois")


@pytest.mark.parametrize(
    "typed", ["Die", "die", "DIE", " Die ", "Die (26)", "Die (26113)", "26113"]
)
def test_around_a_commune_typed_by_name_or_code(client, places, typed):
    response = client.get(URL, {"autour": typed, "rayon": "40"})
    assert response.status_code == 200
    assert names(response) == [
        "École des parents du Diois",
        "Garage solidaire",  # Crest, 27.6 km
        "Tiers-lieu du Royans",  # 30 km
    ]


def test_around_a_commune_typed_without_hyphens_nor_accents(client, places):
    response = client.get(URL, {"autour": "saint jean en royans", "rayon": "5"})
    assert response.status_code == 200
    assert "Tiers-lieu du Royans" in names(response)


@pytest.mark.parametrize("typed", ["Diois", "cc du diois", "CC du Diois (242600252)", "242600252"])
def test_territory_typed_by_part_of_its_name_or_by_code(client, places, typed):
    response = client.get(URL, {"territoire": typed})
    assert response.status_code == 200
    assert names(response) == ["École des parents du Diois"]


def test_a_region_by_its_key_in_any_case(client, places):
    region = RegionFactory()
    assert client.get(URL, {"territoire": region.key.lower()}).status_code == 200


def test_namesakes_get_a_message_listing_them_then_the_departement_decides(client, places):
    ActorFactory(name="Foyer de Saint-Martin", commune=places["martin_38"])
    response = client.get(URL, {"autour": "Saint-Martin"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "Plusieurs lieux correspondent à « Saint-Martin »" in content
    assert "Saint-Martin (26), Saint-Martin (38)" in content
    chosen = client.get(URL, {"autour": "Saint-Martin (38)", "rayon": "1"})
    assert names(chosen) == ["Foyer de Saint-Martin"]


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({"autour": "Atlantide"}, "Commune inconnue : « Atlantide » ne correspond à aucune"),
        ({"autour": "Drôme"}, "Commune inconnue : « Drôme »"),
        ({"territoire": "Atlantide"}, "Territoire inconnu : « Atlantide »"),
        ({"territoire": "Die (38)"}, "Territoire inconnu : « Die (38) »"),
    ],
)
def test_an_unknown_place_is_named_in_the_message(client, places, params, message):
    response = client.get(URL, params)
    assert response.status_code == 400
    assert message in response.content.decode()


def _error_link(content: str, name: str) -> tuple[str, str]:
    """The box's aria-describedby and the id of the message shown under it."""
    box = re.search(rf'<input[^>]*name="{name}"[^>]*>', content).group(0)
    described_by = re.search(r'aria-describedby="([^"]+)"', box).group(1)
    message_id = re.search(r'<p class="field-error"[^>]*id="([^"]+)"', content).group(1)
    return described_by, message_id


def test_an_invalid_filter_keeps_the_whole_styled_page_with_the_message_by_the_box(client, places):
    response = client.get(URL, {"q": "garage", "autour": "Atlantide"})
    content = response.content.decode()
    assert response.status_code == 400
    assert "<html" in content and "mailleurs.css" in content
    assert 'value="Atlantide"' in content and 'value="garage"' in content
    described_by, message_id = _error_link(content, "autour")
    assert described_by == message_id == "id_autour-erreur"
    assert 'aria-invalid="true"' in content


def test_an_invalid_filter_in_an_htmx_swap_gets_a_200_fragment_with_the_message(client, places):
    # htmx swaps no 4xx answer by default: the 200 lets the fragment replace the list in place.
    response = client.get(
        URL, {"q": "garage", "territoire": "Atlantide"}, headers={"HX-Request": "true"}
    )
    content = response.content.decode()
    assert response.status_code == 200
    assert content.startswith('<div id="annuaire"') and "<html" not in content
    assert "Territoire inconnu" in content and 'value="Atlantide"' in content
    described_by, message_id = _error_link(content, "territoire")
    assert described_by == message_id


def test_home_asks_what_and_where_side_by_side(client, places):
    content = client.get(reverse("home")).content.decode()
    form = re.search(r'<form class="home-search"[^>]*action="([^"]+)"', content)
    assert form.group(1) == URL
    assert 'name="q"' in content and 'name="ou"' in content
    assert f'data-autocomplete="{TERRITORIES}"' in content


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("Die", {"q": ["mobilité"], "autour": ["Die (26)"]}),
        ("Diois", {"q": ["mobilité"], "territoire": ["CC du Diois (242600252)"]}),
        ("Atlantide", {"q": ["mobilité"], "territoire": ["Atlantide"]}),
    ],
)
def test_home_where_leads_to_the_directory_around_a_commune_or_in_a_territory(
    client, places, typed, expected
):
    response = client.get(URL, {"q": "mobilité", "ou": typed})
    assert response.status_code == 302
    target = urlsplit(response["Location"])
    assert target.path == URL
    assert parse_qs(target.query) == expected


def test_home_what_without_where_goes_on_to_the_site_wide_search(client, places):
    response = client.get(URL, {"q": "mobilité", "ou": " "})
    assert response.status_code == 302
    assert response["Location"] == reverse("search") + "?q=mobilit%C3%A9"
    assert client.get(URL, {"q": "", "ou": ""})["Location"] == reverse("home")


def test_home_search_finds_actors_around_die(client, places):
    # The garage in Crest works on mobility, 27.6 km from Die: beyond the default 20 km.
    assert names(client.get(URL, {"q": "mobilité", "ou": "Die"}, follow=True)) == []
    response = client.get(URL, {"q": "mobilité", "ou": "Die", "rayon": "40"}, follow=True)
    assert names(response) == ["Garage solidaire"]
    assert 'value="Die (26)"' in response.content.decode()


def test_the_map_page_and_data_carry_the_reference_commune_and_radius(client, places):
    page = client.get(reverse("actors:map"), {"autour": "Die", "rayon": "30"})
    content = page.content.decode()
    data = re.search(
        r'<script id="carte-reference" type="application/json">(.+?)</script>', content
    )
    expected = {"nom": "Die (26)", "lat": 44.753, "lon": 5.370, "rayon_km": 30.0}
    assert json.loads(data.group(1)) == expected
    assert "Autour de Die (26)" in content and "rayon de 30 km" in content
    api = client.get(reverse("actors:actors_geojson"), {"autour": "26113", "rayon": "30"})
    assert api.json()["reference"] == expected


def test_the_map_without_autour_has_no_reference(client, places):
    assert "carte-reference" not in client.get(reverse("actors:map")).content.decode()
    assert "reference" not in client.get(reverse("actors:actors_geojson")).json()
