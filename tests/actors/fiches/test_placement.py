"""The placing map of the fiche form opens on the chosen commune, and a point placed far from
the commune is flagged: the form comes back with everything typed and a box to confirm it."""

import json
import re

import pytest
from django.urls import reverse

from actors.models import Actor
from tests.actors.factories import ActorFactory, CommuneFactory
from tests.actors.fiche_data import edit_data, form_data
from tests.mailleurs.form_markup import read_form

pytestmark = pytest.mark.django_db

VALENCE = {"latitude": "44.933", "longitude": "4.892"}  # 43 km from Die


@pytest.fixture
def die(world):
    world["die"].latitude, world["die"].longitude = 44.753, 5.370
    world["die"].save()
    return world["die"]


def _map_data(content: str, name: str):
    return json.loads(re.search(rf'data-{name}="([^"]*)"', content).group(1).replace("&quot;", '"'))


def test_the_map_opens_on_the_commune_the_form_holds(client, member, world, die):
    client.force_login(member)
    actor = ActorFactory(commune=die, latitude=None, longitude=None)
    content = client.get(reverse("actors:actor_edit", kwargs={"slug": actor.slug})).content
    assert _map_data(content.decode(), "commune-point") == [44.753, 5.370]
    crest = CommuneFactory(
        name="Crest", code="26108", key="26108", latitude=44.728, longitude=5.022
    )
    refused = client.post(
        reverse("actors:actor_create"), form_data(world, name="", commune="26108")
    )
    assert _map_data(refused.content.decode(), "commune-point") == [crest.latitude, crest.longitude]


def test_the_map_asks_for_a_commune_centre_by_code_or_name(client, die):
    response = client.get(reverse("actors:commune_point"), {"commune": "Die (26113)"})
    assert response.json() == {"nom": "Die", "latitude": 44.753, "longitude": 5.370}
    assert client.get(reverse("actors:commune_point"), {"commune": "Nulle-Part"}).status_code == 404


def test_a_point_far_from_the_commune_asks_to_be_confirmed(client, member, world, die):
    client.force_login(member)
    response = client.post(reverse("actors:actor_create"), form_data(world, **VALENCE))
    assert response.status_code == 400
    assert not Actor.objects.exists()
    content = response.content.decode()
    assert "Le point placé sur la carte est à 43 km de Die" in content
    assert "Le point est bien à 43 km de Die" in content  # the box to tick
    assert "id_far_point_confirmed" in read_form(response).summary_targets
    assert 'value="44.933"' in content  # nothing typed is lost

    confirmed = form_data(world, far_point_confirmed="on", **VALENCE)
    assert client.post(reverse("actors:actor_create"), confirmed).status_code == 302
    assert Actor.objects.get().latitude == 44.933


def test_a_point_near_the_commune_or_at_its_centre_saves_at_once(client, member, world, die):
    client.force_login(member)
    near = form_data(world, latitude="44.760", longitude="5.380")
    assert client.post(reverse("actors:actor_create"), near).status_code == 302
    centre = form_data(world, name="Autre structure")
    assert client.post(reverse("actors:actor_create"), centre).status_code == 302


def test_a_far_point_saved_before_is_not_asked_again(client, moderator, world, die):
    actor = ActorFactory(commune=die, latitude=44.933, longitude=4.892, actor_type=world["type"])
    client.force_login(moderator)
    url = reverse("actors:actor_edit", kwargs={"slug": actor.slug})
    data = edit_data(world, actor, pitch="Nouvelle présentation", **VALENCE)
    assert client.post(url, data).status_code == 302
