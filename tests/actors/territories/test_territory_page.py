"""A territory page as a visitor reads it: how many actors each list shows, which come first, and
the local schemes on the territory and on its parts."""

import pytest
from django.urls import reverse

from actors.models import Territory
from actors.territories import selectors
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    LocalSchemeFactory,
    RegionFactory,
    SchemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def drome():
    return DepartementFactory()


@pytest.fixture
def die(drome):
    epci = EpciFactory(departement=drome)
    return CommuneFactory(name="Die", code="26113", key="26113", epci=epci, departement=drome)


@pytest.fixture
def paris():
    ile_de_france = RegionFactory(key="R11", code="11", name="Île-de-France", slug="idf")
    departement = DepartementFactory(
        key="75", code="75", name="Paris", slug="paris", region=ile_de_france
    )
    return CommuneFactory(name="Paris", code="75056", key="75056", departement=departement)


@pytest.fixture
def lyon(drome):
    rhone = DepartementFactory(key="69", code="69", name="Rhône", slug="rhone", region=drome.region)
    return CommuneFactory(name="Lyon", code="69123", key="69123", departement=rhone)


def test_each_list_says_how_many_it_shows_and_links_to_the_whole_list(
    client, drome, die, paris, monkeypatch
):
    monkeypatch.setattr(selectors, "TERRITORY_CARDS", 2)
    for n in range(3):
        ActorFactory(name=f"Association {n}", commune=die)
    outside = ActorFactory(name="Réseau national", commune=paris)
    outside.intervention_territories.add(drome)

    content = client.get(drome.get_absolute_url()).content.decode()

    assert "3 acteurs installés ici" in content
    assert "2 sur 3, les plus locaux d’abord." in content
    directory = reverse("actors:actor_list") + "?territoire=26"
    # Installed and intervening actors together: the directory's list for this territory.
    assert f'<a href="{directory}">Voir les 4 acteurs du territoire dans l’annuaire</a>' in content
    assert "1 sur 1 : tous affichés." in content
    listing = client.get(directory)
    assert listing.context["page"].paginator.count == 4


def test_local_actors_come_before_national_ones(client, drome, die, paris, lyon):
    region = drome.region
    national = ActorFactory(name="Agence nationale", commune=paris)
    national.intervention_territories.add(region)
    regional = ActorFactory(name="Réseau régional", commune=lyon)
    regional.intervention_territories.add(region)
    departemental = ActorFactory(name="Bureau départemental", commune=paris)
    departemental.intervention_territories.add(drome)
    intercommunal = ActorFactory(name="Zèbre itinérant du Diois", commune=paris)
    intercommunal.intervention_territories.add(die.epci)
    regional_at_die = ActorFactory(name="Antenne régionale", commune=die)
    regional_at_die.intervention_territories.add(region)
    ActorFactory(name="Zoo de Die", commune=die)  # no declared area: where it is installed

    response = client.get(drome.get_absolute_url())

    assert [a.name for a in response.context["located"]] == ["Zoo de Die", "Antenne régionale"]
    assert [a.name for a in response.context["covering"]] == [
        "Zèbre itinérant du Diois",
        "Bureau départemental",
        "Réseau régional",  # same area as the national agency, but based in the région
        "Agence nationale",
    ]
    content = response.content.decode()
    assert content.index("Zèbre itinérant du Diois") < content.index("Agence nationale")


def test_schemes_on_a_part_of_the_departement_are_listed_with_the_part(client, drome, die):
    gal = Territory.objects.create(
        kind=Territory.Kind.GAL, key="gal-diois", name="GAL du Diois", slug="gal-du-diois"
    )
    gal.communes.add(die)
    leader = SchemeFactory(slug="leader", name="LEADER", acronym="LEADER")
    LocalSchemeFactory(name="LEADER Diois 2023-2027", scheme=leader, territories=[gal])
    LocalSchemeFactory(name="PAT de Die", territories=[die])
    LocalSchemeFactory(name="CTG départementale", territories=[drome])

    content = client.get(drome.get_absolute_url()).content.decode()
    schemes = content[content.index('id="dispositifs-locaux"') :]

    assert "LEADER Diois 2023-2027" in schemes
    assert f'<a href="{gal.get_absolute_url()}">GAL du Diois</a> (GAL LEADER)' in schemes
    assert f'<a href="{die.get_absolute_url()}">Die</a> (Commune)' in schemes
    ctg = schemes[schemes.index("CTG départementale") :].split("</li>")[0]
    assert "Sur une partie du territoire" not in ctg  # it covers the whole département
    # The commune page lists the same LEADER scheme, covering the whole commune.
    commune_page = client.get(die.get_absolute_url()).content.decode()
    assert "LEADER Diois 2023-2027" in commune_page
    assert "Sur une partie du territoire" not in commune_page


def test_territory_table_scrolls_in_its_own_labelled_box(client, drome, die):
    ActorFactory(commune=die, themes=[ThemeFactory(slug="mobilite", name="Mobilité")])
    content = client.get(drome.get_absolute_url()).content.decode()
    box = content[content.index('class="table-scroll territory-matrix"') - 5 :]
    box = box[: box.index("<thead>")]
    assert 'tabindex="0"' in box
    assert 'role="region"' in box
    assert "<caption" in box and "Acteurs par thème et par sphère" in box


def test_the_page_follows_changes_to_its_fiches_and_local_schemes(client, drome, die, paris):
    actor = ActorFactory(name="Centre social de Die", commune=die)
    scheme = LocalSchemeFactory(name="PAT de Die", territories=[die])
    gal = Territory.objects.create(
        kind=Territory.Kind.GAL, key="gal-diois", name="GAL du Diois", slug="gal-du-diois"
    )
    LocalSchemeFactory(name="LEADER Diois 2023-2027", territories=[gal])

    def page():
        return client.get(drome.get_absolute_url()).content.decode()

    first = page()
    assert "Centre social de Die" in first and "PAT de Die" in first
    assert "LEADER Diois" not in first

    actor.name = "Centre social du Diois"
    actor.save()
    assert "Centre social du Diois" in page()

    scheme.territories.set([paris])
    assert "PAT de Die" not in page()

    gal.communes.add(die)  # the GAL now covers part of the département
    assert "LEADER Diois 2023-2027" in page()
