"""/experiences/: the list, its filters, its text search and its facet counts."""

from datetime import date

import pytest
from django.urls import reverse

from experiences.models import CooperationMode, Experience
from tests.actors.factories import (
    ActorFactory,
    LocalSchemeFactory,
    SchemeFactory,
    SphereFactory,
    ThemeFactory,
)
from tests.experiences.factories import ExperienceActorFactory, ExperienceFactory
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def listed(client, **query) -> list[str]:
    """The titles of the cards the list shows for this query string."""
    response = client.get(reverse("experiences:index"), query)
    assert response.status_code == 200, response.content.decode()[:2000]
    return [sheet.title for sheet in response.context["page"].object_list]


def test_the_list_shows_published_sheets_as_cards(client, places):
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    sheet = ExperienceFactory(
        title="Un garage solidaire", territory=places["die"], themes=[mobility],
        started_on=date(2021, 3, 1), ended_on=date(2023, 6, 30), is_illustrative=True,
    )  # fmt: skip
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    ExperienceActorFactory(experience=sheet, actor=ActorFactory(spheres=[social]))
    ExperienceFactory(title="Un brouillon", status="draft")
    content = assert_page_shows(
        client.get(reverse("experiences:index")),
        "Un garage solidaire", "Die (26)", "2021 – 2023", "Mobilité", "Action sociale",
        "exemple illustratif", sheet.get_absolute_url(),
    )  # fmt: skip
    assert "Un brouillon" not in content


def test_the_theme_filter_narrows_the_list(client):
    mobility, food = ThemeFactory(slug="mobilite"), ThemeFactory(slug="alimentation")
    ExperienceFactory(title="Garage", themes=[mobility])
    ExperienceFactory(title="Épicerie", themes=[food])
    ExperienceFactory(title="Sans thème")
    assert listed(client, theme="mobilite") == ["Garage"]
    assert sorted(listed(client, theme=["mobilite", "alimentation"])) == ["Garage", "Épicerie"]


@pytest.mark.parametrize(
    ("key", "expected"),
    [
        ("26113", ["Sur Die"]),
        ("242600252", ["Sur Die", "Sur le Diois"]),
        ("26", ["Sur Die", "Sur la Drôme", "Sur le Diois"]),
        ("R84", ["Sur Die", "Sur la Drôme", "Sur le Diois", "Sur Privas"]),
        ("Die (26113)", ["Sur Die"]),
        ("07", ["Sur Privas"]),
        ("diois", ["Sur Die", "Sur le Diois"]),
        ("Die (26)", ["Sur Die"]),
    ],
)
def test_a_sheet_on_a_commune_counts_for_its_epci_departement_and_region(
    client, places, key, expected
):
    ExperienceFactory(title="Sur Die", territory=places["die"])
    ExperienceFactory(title="Sur le Diois", territory=places["diois"])
    ExperienceFactory(title="Sur la Drôme", territory=places["drome"])
    ExperienceFactory(title="Sur Privas", territory=places["privas"])
    assert sorted(listed(client, territoire=key)) == sorted(expected)


def test_the_scheme_filter_finds_sheets_naming_it_or_one_of_its_local_schemes(client):
    ctg = SchemeFactory()
    leader = SchemeFactory(slug="leader", name="LEADER", acronym="")
    ExperienceFactory(title="Directe", schemes=[ctg])
    ExperienceFactory(title="Locale", local_schemes=[LocalSchemeFactory(scheme=ctg)])
    ExperienceFactory(title="Autre", schemes=[leader])
    assert sorted(listed(client, dispositif="ctg")) == ["Directe", "Locale"]


def test_the_sphere_filter_keeps_sheets_whose_actors_mix_every_sphere_ticked(client):
    social = SphereFactory(slug="action-sociale")
    local = SphereFactory(slug="developpement-local")
    both, only_social = ExperienceFactory(title="Les deux"), ExperienceFactory(title="Social")
    ExperienceActorFactory(experience=both, actor=ActorFactory(spheres=[social]))
    ExperienceActorFactory(experience=both, actor=ActorFactory(spheres=[local]))
    ExperienceActorFactory(experience=only_social, actor=ActorFactory(spheres=[social]))
    assert sorted(listed(client, sphere="action-sociale")) == ["Les deux", "Social"]
    assert listed(client, sphere=["action-sociale", "developpement-local"]) == ["Les deux"]


def test_the_cooperation_mode_filter(client):
    ExperienceFactory(title="Réseau", cooperation_mode=CooperationMode.NETWORK)
    ExperienceFactory(title="Projet", cooperation_mode=CooperationMode.PROJECT)
    assert listed(client, cooperation="reseau") == ["Réseau"]


def test_the_grid_function_filter(client, grid_functions):
    first, second = grid_functions
    ExperienceFactory(title="Repérer", grid_functions=[first])
    ExperienceFactory(title="Rencontrer", grid_functions=[second])
    assert listed(client, fonction=str(first.pk)) == ["Repérer"]


def test_facet_counts_keep_the_other_values_of_a_ticked_facet(client):
    mobility, food = ThemeFactory(slug="mobilite", name="Mobilité"), ThemeFactory(slug="alim")
    ExperienceFactory(themes=[mobility], cooperation_mode=CooperationMode.NETWORK)
    ExperienceFactory(themes=[mobility, food], cooperation_mode=CooperationMode.PROJECT)
    ExperienceFactory(themes=[food], cooperation_mode=CooperationMode.PROJECT)
    response = client.get(reverse("experiences:index"), {"theme": "mobilite"})
    facets = {name: values for name, _label, values in response.context["facets"]}
    themes = {item.value: (item.count, item.selected) for item in facets["theme"]}
    assert themes == {"mobilite": (2, True), "alim": (2, False)}
    modes = {item.value: item.count for item in facets["cooperation"]}
    assert modes == {"projet-partage": 1, "reseau": 1}


def test_text_search_ignores_accents_case_and_plurals(client):
    ExperienceFactory(title="Une école ouverte aux familles")
    ExperienceFactory(title="Un jardin partagé")
    assert listed(client, q="ECOLES") == ["Une école ouverte aux familles"]
    assert listed(client, q="jardins partages") == ["Un jardin partagé"]
    assert listed(client, q="famille école") == ["Une école ouverte aux familles"]
    assert listed(client, q="piscine") == []


def test_text_search_finds_themes_actors_and_territory_and_ranks_the_title_first(client, places):
    ExperienceFactory(title="Autre chose", summary="Rien.", steps="On a parlé de mobilité.")
    ExperienceFactory(title="Mobilité partagée", summary="Des voitures.")
    ExperienceFactory(title="Covoiturage", summary="Pour la mobilité des jeunes.")
    assert listed(client, q="mobilite") == ["Mobilité partagée", "Covoiturage", "Autre chose"]
    themed = ExperienceFactory(title="Thème", themes=[ThemeFactory(name="Alimentation")])
    ExperienceActorFactory(experience=themed, actor=ActorFactory(name="Épicerie Solidaire"))
    ExperienceFactory(title="Lieu", territory=places["privas"])
    assert listed(client, q="alimentation") == ["Thème"]
    assert listed(client, q="epicerie") == ["Thème"]
    assert listed(client, q="privas") == ["Lieu"]


def test_sheets_come_newest_first_unless_relevance_is_asked_with_a_text(client):
    ExperienceFactory(title="Ancienne mobilité", started_on=date(2015, 1, 1))
    ExperienceFactory(title="Récente", summary="mobilité", started_on=date(2024, 1, 1))
    ExperienceFactory(title="Sans date mobilité")
    assert listed(client) == ["Récente", "Ancienne mobilité", "Sans date mobilité"]
    assert listed(client, q="mobilite") == ["Ancienne mobilité", "Sans date mobilité", "Récente"]
    assert listed(client, q="mobilite", tri="date")[0] == "Récente"
    assert listed(client, tri="pertinence")[0] == "Récente"


def test_sheets_of_the_same_date_follow_french_alphabetical_order(client):
    for title in ["Vélos partagés", "Échanges de savoirs", "atelier vélo", "Fête du pain"]:
        ExperienceFactory(title=title, started_on=date(2024, 5, 1))
    expected = ["atelier vélo", "Échanges de savoirs", "Fête du pain", "Vélos partagés"]
    assert listed(client) == expected
    assert Experience.objects.filter(title=expected[1]).get().sort_title == "echanges de savoirs"
    assert [sheet.title for sheet in Experience.objects.all()] == expected


def test_the_search_text_follows_the_sheet_and_what_it_names(client):
    sheet = ExperienceFactory(title="Fête de quartier")
    theme = ThemeFactory(name="Culture")
    sheet.themes.add(theme)
    assert listed(client, q="culture") == ["Fête de quartier"]
    theme.name = "Arts vivants"
    theme.save()
    assert listed(client, q="arts") == ["Fête de quartier"]
    involvement = ExperienceActorFactory(experience=sheet, actor=ActorFactory(name="La Fabrique"))
    assert listed(client, q="fabrique") == ["Fête de quartier"]
    involvement.delete()
    assert listed(client, q="fabrique") == []
    Experience.objects.filter(pk=sheet.pk).update(search_text="")
    sheet.refresh_from_db()
    sheet.save()
    assert listed(client, q="quartier") == ["Fête de quartier"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"theme": "inconnu"}, "Sélectionnez un choix valide"),
        ({"territoire": "nulle-part"}, "Territoire inconnu"),
        ({"fonction": "abc"}, "Fonctions de la grille mailleur"),
        ({"fonction": "99999999999999999999"}, "Fonctions de la grille mailleur"),
        ({"cooperation": "guerre"}, "Modes de coopération"),
        ({"tri": "hasard"}, "Trier par"),
        ({"q": "x" * 201}, "La recherche est trop longue"),
    ],
)
def test_an_invalid_filter_gives_the_page_back_with_a_french_message(client, query, message):
    ExperienceFactory(title="Garage")
    response = client.get(reverse("experiences:index"), query)
    content = assert_page_shows(
        response, message, "Recherche impossible : corrigez les filtres signalés.", status=400
    )
    assert "Garage" not in content


def test_the_list_is_paginated_and_its_links_keep_the_filters(client):
    theme = ThemeFactory(slug="mobilite")
    for number in range(25):
        ExperienceFactory(title=f"Fiche {number:02d}", themes=[theme])
    first = client.get(reverse("experiences:index"), {"theme": "mobilite"})
    assert len(first.context["page"].object_list) == 20
    assert "theme=mobilite&amp;page=2" in first.content.decode()
    assert len(listed(client, theme="mobilite", page="2")) == 5


def _list_queries(client, django_assert_max_num_queries, limit):
    with django_assert_max_num_queries(limit) as captured:
        response = client.get(
            reverse("experiences:index"), {"theme": ["mobilite"], "sphere": "action-sociale"}
        )
    assert response.status_code == 200
    return len(captured)


def test_the_list_reads_a_small_constant_number_of_queries(
    client, django_assert_max_num_queries, grid_functions
):
    theme, social = ThemeFactory(slug="mobilite"), SphereFactory(slug="action-sociale")
    scheme, other_themes = SchemeFactory(), [ThemeFactory() for _index in range(4)]
    actors = [ActorFactory(spheres=[social, SphereFactory()]) for _index in range(6)]

    def add_sheets(count):
        for number in range(count):
            sheet = ExperienceFactory(themes=[theme, other_themes[number % 4]], schemes=[scheme],
                                      grid_functions=grid_functions)  # fmt: skip
            for actor in (actors[number % 6], actors[(number + 1) % 6]):
                ExperienceActorFactory(experience=sheet, actor=actor)

    add_sheets(3)
    few = _list_queries(client, django_assert_max_num_queries, 12)
    add_sheets(27)
    assert _list_queries(client, django_assert_max_num_queries, 12) == few


def test_the_header_links_to_the_sheets(client):
    content = client.get(reverse("home")).content.decode()
    assert f'href="{reverse("experiences:index")}"' in content
    assert "Expériences" in content
