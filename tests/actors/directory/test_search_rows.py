"""The narrow search table (actors.models.search.ActorSearchRow) that a visitor's word search
reads on PostgreSQL: a trigger keeps it equal to the fiches' table through every write, so the
search finds exactly what the fiches say."""

import pytest
from django.db import connection
from django.urls import reverse

from actors.cache import bump_generation
from actors.models import Actor, ActorSearchRow
from tests.actors.factories import ActorFactory, ThemeFactory

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="the search table is filled on PostgreSQL only"
    ),
]
URL = reverse("actors:actor_list")


def rows_out_of_step() -> int:
    """Fiches whose copy is missing, stale or left behind."""
    with connection.cursor() as cursor:
        cursor.execute(
            """
            SELECT count(*) FROM actors_actor a
            FULL JOIN actors_actorsearchrow r ON r.actor_id = a.id
            WHERE a.id IS NULL OR r.actor_id IS NULL OR a.status <> r.status
               OR a.name <> r.name OR a.facet_keys::text <> r.facet_text
               OR a.search_vector IS DISTINCT FROM r.search_vector
            """
        )
        return cursor.fetchone()[0]


def found(client, text: str, **filters) -> list[str]:
    response = client.get(URL, {"q": text, **filters})
    assert response.status_code == 200
    return [actor.name for actor in response.context["page"].object_list]


def test_every_write_to_a_fiche_reaches_its_search_row():
    mobility = ThemeFactory(slug="mobilite", name="Mobilité")
    actors = [ActorFactory(name=f"Garage solidaire {n}") for n in range(3)]
    ActorFactory(name="Garage en attente", status="review")
    assert ActorSearchRow.objects.count() == 4
    assert rows_out_of_step() == 0

    actors[0].name = "Atelier vélo solidaire"
    actors[0].save()
    actors[1].themes.add(mobility)
    Actor.objects.filter(pk=actors[2].pk).update(status="archived")
    assert rows_out_of_step() == 0

    actors[0].delete()
    assert rows_out_of_step() == 0
    assert ActorSearchRow.objects.count() == 3


def test_a_visitors_search_follows_renames_themes_and_unpublishing(client):
    mobility = ThemeFactory(slug="mobilite", name="Mobilité")
    garage = ActorFactory(name="Garage solidaire du Diois")
    other = ActorFactory(name="Garage associatif de Crest")
    ActorFactory(name="Garage en brouillon", status="draft")
    assert found(client, "garage") == ["Garage associatif de Crest", "Garage solidaire du Diois"]

    garage.name = "Atelier mobilité du Diois"
    garage.save()
    assert found(client, "garage") == ["Garage associatif de Crest"]
    assert found(client, "atelier") == ["Atelier mobilité du Diois"]

    other.themes.add(mobility)
    assert found(client, "garage", theme="mobilite") == ["Garage associatif de Crest"]

    Actor.objects.filter(pk=other.pk).update(status="archived")
    bump_generation()  # an update() sends no signal: the cached matches are retired by hand
    assert found(client, "garage") == []
