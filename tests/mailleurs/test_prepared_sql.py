"""A fiche's own statements are prepared on PostgreSQL (planned once per connection), and the
page reads the same with prepared statements turned off, as behind a pooler in transaction mode."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection

from actors.fiches.neighbours import _neighbours
from actors.models import Contact
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    EpciFactory,
    RelationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def _fiche():
    actor = ActorFactory(name="Centre social du Diois")
    actor.intervention_territories.add(EpciFactory(name="Communauté du Diois"))
    RelationFactory(source=actor, target=ActorFactory(name="Épicerie de Die"))
    ContactFactory(actor=actor, name="Agent d’accueil", visibility=Contact.Visibility.PUBLIC)
    return actor


def _prepared_statements() -> list[str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement FROM pg_prepared_statements")
        return [row[0] for row in cursor.fetchall()]


def _shows_the_fiche(response) -> None:
    page = response.content.decode()
    for text in ("Communauté du Diois", "Épicerie de Die", "Agent d’accueil"):
        assert text in page


@pytest.mark.skipif(connection.vendor != "postgresql", reason="prepared on PostgreSQL only")
def test_a_fiches_statements_are_prepared_once_they_have_run_a_few_times(client):
    actor = _fiche()
    for _ in range(3):
        response = client.get(actor.get_absolute_url())
        _shows_the_fiche(response)

    prepared = " ".join(_prepared_statements())
    for table in ("actors_actor_intervention_territories", "actors_relation", "actors_contact"):
        assert table in prepared, f"{table} : aucune requête préparée"


def test_the_fiche_reads_the_same_without_prepared_statements(client, monkeypatch):
    actor = _fiche()
    options = connection.settings_dict["OPTIONS"]
    monkeypatch.setitem(options, "prepare_threshold", None)
    unprepared = [client.get(actor.get_absolute_url()) for _ in range(3)]
    if connection.vendor == "postgresql":
        assert _prepared_statements() == []

    monkeypatch.setitem(options, "prepare_threshold", 2)
    prepared = [client.get(actor.get_absolute_url()) for _ in range(3)]

    _shows_the_fiche(unprepared[-1])
    assert prepared[-1].content == unprepared[-1].content


def test_neighbours_are_the_same_prepared_or_not(monkeypatch):
    food, mobility = ThemeFactory(name="Alimentation"), ThemeFactory(name="Mobilité")
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    actor = ActorFactory(name="Épicerie du Diois", commune=die, themes=[food, mobility])
    ActorFactory(name="Voisin 6 km", commune=die, latitude=44.807, longitude=5.370,
                 themes=[food, mobility])  # fmt: skip
    ActorFactory(name="Épicerie 1 km", commune=die, latitude=44.762, longitude=5.370,
                 themes=[food])  # fmt: skip
    ActorFactory(name="Garage", commune=die, themes=[ThemeFactory(name="Santé")])
    actor.refresh_from_db()  # its facet keys, as the fiche page reads them

    def names():
        return [
            (neighbour.name, round(neighbour.distance_km))
            for neighbour in _neighbours(actor=actor, user=AnonymousUser(), radius_km=15, limit=6)
        ]

    prepared = [names() for _ in range(3)]
    monkeypatch.setitem(connection.settings_dict["OPTIONS"], "prepare_threshold", None)

    assert prepared == [[("Voisin 6 km", 6), ("Épicerie 1 km", 1)]] * 3
    assert names() == prepared[0]
    if connection.vendor == "postgresql":
        assert any("facet_keys ?|" in statement for statement in _prepared_statements())
