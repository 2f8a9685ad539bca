"""The narrow search table (actors.models.search.ActorSearchRow) that a visitor's word search
reads on PostgreSQL: a trigger keeps it equal to the fiches' table through every write, so the
search finds exactly what the fiches say."""

import json

import pytest
from django.db import connection
from django.urls import reverse

from actors.cache import bump_generation
from actors.directory.facet_keys import key_of_code, read_codes
from actors.models import Actor, ActorSearchRow, Contact
from tests.actors.factories import (
    ActorFactory,
    CompetenceFactory,
    ContactFactory,
    ParticipationFactory,
    ProfessionFactory,
    ThemeFactory,
)

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
            SELECT a.facet_keys, r.facet_codes FROM actors_actor a
            FULL JOIN actors_actorsearchrow r ON r.actor_id = a.id
            WHERE a.id IS NULL OR r.actor_id IS NULL OR a.status <> r.status
               OR a.sort_name <> r.sort_name OR a.search_vector IS DISTINCT FROM r.search_vector
            """
        )
        differing = cursor.fetchall()
        cursor.execute(
            "SELECT a.facet_keys::text, r.facet_codes FROM actors_actor a "
            "JOIN actors_actorsearchrow r ON r.actor_id = a.id"
        )
        copied = cursor.fetchall()
    differing += [(keys, codes) for keys, codes in copied if decoded(codes) != json.loads(keys)]
    return len(differing)


def decoded(codes: str) -> list[str]:
    """The keys a row's `facet_codes` stand for, in their order."""
    return [key_of_code(int(number)) for number in read_codes(codes)]


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


def test_every_kind_of_facet_value_is_coded_and_read_back(client):
    """Type, sphere, theme, competence, scheme and both kinds of contact's job: each is coded
    in the search row and found by a visitor ticking it."""
    garage = ActorFactory(name="Garage solidaire du Diois")
    garage.competences.add(CompetenceFactory(slug="reparation", name="Réparation"))
    garage.themes.add(ThemeFactory(slug="mobilite", name="Mobilité"))
    ContactFactory(actor=garage, profession=ProfessionFactory(slug="mecano", name="Mécanicien"))
    ContactFactory(
        actor=garage,
        profession=ProfessionFactory(slug="animateur", name="Animateur"),
        visibility=Contact.Visibility.MEMBERS,
    )
    ParticipationFactory(actor=garage)
    garage.refresh_from_db()
    facets = {key.split(":")[0] for key in garage.facet_keys}
    assert facets == {
        "type", "sphere", "theme", "competence", "profession", "profession.public", "dispositif"
    }  # fmt: skip
    assert rows_out_of_step() == 0

    type_slug, sphere_slug = garage.actor_type.slug, garage.spheres.get().slug
    for facet, slug in [
        ("type", type_slug), ("sphere", sphere_slug), ("competence", "reparation"),
        ("theme", "mobilite"), ("profession", "mecano"), ("dispositif", "ctg"),
    ]:  # fmt: skip
        assert found(client, "garage", **{facet: slug}) == ["Garage solidaire du Diois"], facet
    # A visitor counts public contacts' jobs only: the members-only one finds nothing.
    assert found(client, "garage", profession="animateur") == []


def test_codes_keep_large_ids_and_the_keys_order():
    keys = ["type:1", "theme:2097151", "profession.public:64", "dispositif:4095", "sphere:0"]
    with connection.cursor() as cursor:
        cursor.execute("SELECT actors_facet_codes(%s::jsonb)", [json.dumps(keys)])
        codes = cursor.fetchone()[0]
    assert len(codes) == 4 * len(keys)
    assert decoded(codes) == keys


def test_a_value_with_a_large_id_is_counted_and_found(client):
    """Codes of values above 131,071 are told apart by sorting, not counting: same answers."""
    large = ThemeFactory(pk=300_000, slug="mobilite", name="Mobilité")
    small = ThemeFactory(slug="energie", name="Énergie")
    ActorFactory(name="Garage solidaire du Diois").themes.add(large)
    ActorFactory(name="Garage associatif de Crest").themes.add(small, large)
    assert found(client, "garage", theme="mobilite") == [
        "Garage associatif de Crest", "Garage solidaire du Diois"
    ]  # fmt: skip
    assert found(client, "garage", theme="energie") == ["Garage associatif de Crest"]
    groups = client.get(URL, {"q": "garage"}).context["facets"]
    themes = next(values for name, _label, values, _ticked in groups if name == "theme")
    assert {value.slug: count for value, count, _ticked in themes} == {"mobilite": 2, "energie": 1}
