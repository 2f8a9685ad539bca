import json
import re

import pytest
from django.urls import reverse

from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    LocalSchemeFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def diois(db):
    drome = DepartementFactory()
    epci = EpciFactory(departement=drome)
    die = CommuneFactory(
        name="Die", code="26113", key="26113", epci=epci, departement=drome, latitude=44.753,
        longitude=5.370,
    )  # fmt: skip
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    local = SphereFactory(name="Développement local", slug="developpement-local")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    return {
        "drome": drome, "epci": epci, "die": die, "social": social, "local": local,
        "food": food, "mobility": mobility,
    }  # fmt: skip


def test_territory_matrix_counts_link_to_the_same_list_in_the_directory(client, diois):
    ActorFactory(commune=diois["die"], spheres=[diois["social"]], themes=[diois["food"]])
    ActorFactory(
        commune=diois["die"], spheres=[diois["social"], diois["local"]], themes=[diois["food"]]
    )
    ActorFactory(commune=diois["die"], spheres=[diois["local"]], themes=[diois["mobility"]])

    response = client.get(diois["epci"].get_absolute_url())
    matrix = response.context["who_does_what"]()
    rows = {theme.slug: {s.slug: n for s, n in cells} for theme, cells in matrix["rows"]}
    assert rows["alimentation"] == {"action-sociale": 2, "developpement-local": 1}
    assert rows["mobilite"] == {"action-sociale": 0, "developpement-local": 1}

    link = re.search(
        r'href="([^"]+theme=alimentation&amp;sphere=action-sociale)"', response.content.decode()
    ).group(1)
    listing = client.get(link.replace("&amp;", "&"))
    assert listing.context["page"].paginator.count == 2


def test_territory_page_lists_its_local_schemes_and_links_to_the_maillage(client, diois):
    LocalSchemeFactory(name="PAT du Diois", territories=[diois["epci"]])
    content = client.get(diois["die"].get_absolute_url()).content.decode()
    assert "PAT du Diois" in content
    assert reverse("actors:maillage") + "?territoire=26113" in content


def test_territory_page_query_count_is_bounded(client, diois, django_assert_max_num_queries):
    for _ in range(30):
        actor = ActorFactory(commune=diois["die"], themes=[diois["food"], diois["mobility"]])
        actor.intervention_territories.add(diois["epci"])
    with django_assert_max_num_queries(25):
        assert client.get(diois["drome"].get_absolute_url()).status_code == 200


def test_fiche_suggests_nearby_actors_on_the_same_themes(client, diois):
    far = CommuneFactory(name="Lyon", code="69123", key="69123", latitude=45.76, longitude=4.83)
    actor = ActorFactory(name="Épicerie du Diois", commune=diois["die"], themes=[diois["food"]])
    ActorFactory(name="Jardin partagé de Die", commune=diois["die"], themes=[diois["food"]])
    ActorFactory(name="Garage de Die", commune=diois["die"], themes=[diois["mobility"]])
    ActorFactory(name="Épicerie lyonnaise", commune=far, themes=[diois["food"]])
    nearby = [a.name for a in client.get(actor.get_absolute_url()).context["nearby"]]
    assert nearby == ["Jardin partagé de Die"]


def test_nearby_fiches_sharing_more_themes_come_first_then_the_closest(client, diois):
    food, mobility = diois["food"], diois["mobility"]
    die = diois["die"]
    actor = ActorFactory(name="Épicerie du Diois", commune=die, themes=[food, mobility])
    ActorFactory(name="Épicerie 2 km", commune=die, latitude=44.771, longitude=5.370,
                 themes=[food])  # fmt: skip
    ActorFactory(name="Voisin 6 km", commune=die, latitude=44.807, longitude=5.370,
                 themes=[food, mobility])  # fmt: skip
    closest = ActorFactory(name="Épicerie 1 km", commune=die, latitude=44.762, longitude=5.370,
                           themes=[food])  # fmt: skip
    ActorFactory(name="Brouillon voisin", commune=die, status="draft", themes=[food, mobility])

    def nearby():
        return [a.name for a in client.get(actor.get_absolute_url()).context["nearby"]]

    assert nearby() == ["Voisin 6 km", "Épicerie 1 km", "Épicerie 2 km"]
    closest.themes.remove(food)
    assert nearby() == ["Voisin 6 km", "Épicerie 2 km"]


def test_equally_near_fiches_follow_french_alphabetical_order(client, diois):
    actor = ActorFactory(name="Épicerie du Diois", commune=diois["die"], themes=[diois["food"]])
    for name in ["Zèbre solidaire", "Écurie partagée", "Ferme du Diois"]:
        ActorFactory(name=name, commune=diois["die"], latitude=44.771, longitude=5.370,
                     themes=[diois["food"]])  # fmt: skip
    nearby = [a.name for a in client.get(actor.get_absolute_url()).context["nearby"]]
    assert nearby == ["Écurie partagée", "Ferme du Diois", "Zèbre solidaire"]


def test_a_neighbour_is_listed_with_its_type_commune_and_distance(client, diois):
    actor = ActorFactory(name="Épicerie du Diois", commune=diois["die"], themes=[diois["food"]])
    ActorFactory(
        name="Jardin partagé", acronym="JP", actor_type=ActorTypeFactory(name="Association"),
        commune=diois["die"], latitude=44.771, longitude=5.370, themes=[diois["food"]],
    )  # fmt: skip
    content = client.get(actor.get_absolute_url()).content.decode()
    assert 'Jardin partagé (JP)</a> <span class="muted">— Association, Die, 2 km</span>' in content


def test_a_member_finds_their_own_draft_among_the_neighbours_not_anyone_elses(
    client, member, diois
):
    food, die = diois["food"], diois["die"]
    actor = ActorFactory(name="Épicerie du Diois", commune=die, themes=[food])
    ActorFactory(name="Mon brouillon", commune=die, status="draft", created_by=member,
                 themes=[food])  # fmt: skip
    ActorFactory(name="Brouillon d’un autre", commune=die, status="draft", themes=[food])

    def nearby():
        return [a.name for a in client.get(actor.get_absolute_url()).context["nearby"]]

    assert nearby() == []
    client.force_login(member)
    assert nearby() == ["Mon brouillon"]


def test_fiche_describes_the_organisation_in_schema_org(client, diois):
    actor = ActorFactory(
        name="Centre social </script><script>alert(1)</script>",
        acronym="CS",
        commune=diois["die"],
        website="https://cs.example.org",
        themes=[diois["food"]],
    )
    content = client.get(actor.get_absolute_url()).content.decode()
    block = re.search(r'<script type="application/ld\+json">(.*?)</script>', content, re.S)
    data = json.loads(block.group(1))
    assert data["@type"] == "Organization"
    assert data["name"] == actor.name
    assert data["address"]["addressLocality"] == "Die"
    assert data["geo"]["latitude"] == pytest.approx(44.753)
    assert data["knowsAbout"] == ["Alimentation"]
    assert "<script>alert(1)" not in content
