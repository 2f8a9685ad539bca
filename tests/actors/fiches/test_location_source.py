"""Where a fiche stands after it is saved: the map only moves it when its point really moves."""

import pytest
from django.urls import reverse

from actors.models import Actor
from tests.actors.factories import ActorFactory, CommuneFactory
from tests.actors.fiche_data import browser_edit_data

pytestmark = pytest.mark.django_db

APPROXIMATE = "Position approchée"


@pytest.fixture
def fiche(world):
    actor = ActorFactory(commune=world["die"], actor_type=world["type"], spheres=[world["sphere"]])
    assert actor.location_source == Actor.LocationSource.COMMUNE
    return actor


def _save(client, world, actor, **changes):
    response = client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        browser_edit_data(world, actor, **changes),
    )
    assert response.status_code == 302
    return Actor.objects.get(pk=actor.pk)


def test_saving_without_touching_the_map_keeps_the_approximate_position(
    client, moderator, world, fiche
):
    client.force_login(moderator)
    assert APPROXIMATE in client.get(fiche.get_absolute_url()).content.decode()

    saved = _save(client, world, fiche, pitch="Accueil des familles du Diois.")

    assert saved.pitch == "Accueil des familles du Diois."
    assert saved.location_source == Actor.LocationSource.COMMUNE
    assert (saved.latitude, saved.longitude) == (world["die"].latitude, world["die"].longitude)
    assert APPROXIMATE in client.get(saved.get_absolute_url()).content.decode()


def test_moving_the_point_places_the_fiche_on_the_map(client, moderator, world, fiche):
    client.force_login(moderator)
    saved = _save(client, world, fiche, latitude="44.7612", longitude="5.3811")

    assert saved.location_source == Actor.LocationSource.MAP
    assert (saved.latitude, saved.longitude) == (44.7612, 5.3811)
    assert APPROXIMATE not in client.get(saved.get_absolute_url()).content.decode()


def test_a_fiche_at_its_commune_follows_a_new_commune(client, moderator, world, fiche):
    crest = CommuneFactory(name="Crest", code="26108", key="26108", latitude=44.73, longitude=5.02)
    client.force_login(moderator)
    saved = _save(client, world, fiche, commune="Crest (26108)")

    assert saved.commune == crest
    assert (saved.latitude, saved.longitude) == (44.73, 5.02)
    assert saved.location_source == Actor.LocationSource.COMMUNE
