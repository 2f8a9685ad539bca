"""Free text matches words, not letters inside a word, and ranks by relevance (SQLite and
PostgreSQL alike)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse

from actors.models import Actor
from tests.actors.directory.test_directory import names
from tests.actors.factories import ActorFactory, CommuneFactory

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


@pytest.fixture
def around_die(db):
    elsewhere = CommuneFactory(name="Valence", code="26362", key="26362")
    die = CommuneFactory(name="Die", code="26113", key="26113")
    return {
        "daily": ActorFactory(
            name="Épicerie itinérante",
            commune=elsewhere,
            missions="Une tournée quotidienne dans les villages.",
        ),
        "social": ActorFactory(name="Centre social de Die", commune=elsewhere),
        "located": ActorFactory(name="Maison des services", commune=die),
    }


def test_a_short_word_matches_whole_words_only(client, around_die):
    found = names(client.get(URL, {"q": "Die"}))
    assert sorted(found) == ["Centre social de Die", "Maison des services"]


def test_a_long_word_finds_the_words_it_starts(client, around_die):
    ActorFactory(name="Garage", missions="Aide à la mobilité des jeunes (transports).")
    assert names(client.get(URL, {"q": "mobil"})) == ["Garage"]
    assert names(client.get(URL, {"q": "transp"})) == ["Garage"]
    assert names(client.get(URL, {"q": "quotid"})) == ["Épicerie itinérante"]


def test_a_word_after_an_apostrophe_is_found(client, db):
    ActorFactory(name="Relais", missions="Accueil d’enfants et l'école du soir.")
    assert names(client.get(URL, {"q": "ecole"})) == ["Relais"]
    assert names(client.get(URL, {"q": "enfants"})) == ["Relais"]


def test_relevance_name_then_pitch_then_missions_then_linked_words(client, db):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    ActorFactory(name="Atelier vélo", missions="Prêt de vélos à Die")
    ActorFactory(name="Tiers-lieu", commune=die)
    ActorFactory(name="Accorderie", pitch="Échanges de services à Die")
    ActorFactory(name="Centre social de Die")
    response = client.get(URL, {"q": "die"})
    assert names(response) == ["Centre social de Die", "Accorderie", "Atelier vélo", "Tiers-lieu"]
    assert response.context["sort_order"] == "pertinence"


def test_the_migration_rewrites_old_search_columns_as_words(client, around_die):
    migration = importlib.import_module("actors.migrations.0013_search_words_not_letters")
    Actor.objects.update(search_text="centre social de die", search_vocabulary="die")
    migration.rewrite(apps, schema_editor=None)
    social = Actor.objects.get(pk=around_die["social"].pk)
    assert social.search_text.startswith(" centre social de die | ")
    assert " valence " in social.search_vocabulary and " die " not in social.search_vocabulary
    assert sorted(names(client.get(URL, {"q": "Die"}))) == [
        "Centre social de Die",
        "Maison des services",
    ]
