"""Sheets are linked everywhere they belong: an actor's fiche, a scheme's page, a territory's
page, the grid's reference and the global search; only published sheets, each query cap kept."""

import pytest
from django.core.cache import cache
from django.urls import reverse

from tests.actors.factories import ActorFactory, LocalSchemeFactory, SchemeFactory
from tests.experiences.factories import ExperienceActorFactory, ExperienceFactory
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def test_an_actors_fiche_lists_the_published_sheets_it_took_part_in_with_its_role(client):
    actor = ActorFactory()
    published = ExperienceFactory(title="Garage solidaire")
    ExperienceActorFactory(experience=published, actor=actor, role="porteur")
    ExperienceActorFactory(experience=ExperienceFactory(title="Brouillon", status="draft"),
                           actor=actor)  # fmt: skip
    ExperienceFactory(title="Sans cet acteur")
    content = assert_page_shows(
        client.get(actor.get_absolute_url()),
        "Expériences partagées", published.get_absolute_url(), "Garage solidaire</a> — porteur",
    )  # fmt: skip
    assert "Brouillon" not in content and "Sans cet acteur" not in content


def test_a_fiche_without_sheets_has_no_empty_section(client):
    assert (
        "Expériences partagées"
        not in client.get(ActorFactory().get_absolute_url()).content.decode()
    )


def test_a_scheme_page_lists_sheets_naming_it_or_one_of_its_local_schemes(client):
    ctg = SchemeFactory()
    ExperienceFactory(title="Directe", schemes=[ctg])
    ExperienceFactory(title="Par la CTG locale", local_schemes=[LocalSchemeFactory(scheme=ctg)])
    ExperienceFactory(title="Brouillon", schemes=[ctg], status="review")
    ExperienceFactory(title="Autre", schemes=[SchemeFactory(slug="pat", name="PAT", acronym="")])
    content = assert_page_shows(
        client.get(ctg.get_absolute_url()), "Directe", "Par la CTG locale",
        f'{reverse("experiences:index")}?dispositif=ctg',
    )  # fmt: skip
    assert "Brouillon" not in content and "Autre" not in content


def test_a_territory_page_lists_sheets_on_it_or_on_its_parts(client, places):
    ExperienceFactory(title="À Die", territory=places["die"])
    ExperienceFactory(title="Sur la Drôme", territory=places["drome"])
    ExperienceFactory(title="À Privas", territory=places["privas"])
    ExperienceFactory(title="Brouillon à Die", territory=places["die"], status="draft")
    drome = assert_page_shows(
        client.get(places["drome"].get_absolute_url()), "À Die", "Sur la Drôme"
    )
    assert "À Privas" not in drome and "Brouillon à Die" not in drome
    die = assert_page_shows(client.get(places["die"].get_absolute_url()), "À Die")
    assert "Sur la Drôme" not in die


def test_a_territory_page_links_to_the_whole_list_when_it_shows_only_the_first(client, places):
    for number in range(11):
        ExperienceFactory(title=f"Fiche {number}", territory=places["die"])
    assert_page_shows(
        client.get(places["diois"].get_absolute_url()),
        f"{reverse('experiences:index')}?territoire=242600252",
    )


def test_the_grids_reference_lists_the_sheets_of_each_function(client, grid_functions):
    first, second = grid_functions
    sheet = ExperienceFactory(title="Repérer ensemble", grid_functions=[first])
    ExperienceFactory(title="En relecture", grid_functions=[second], status="review")
    content = assert_page_shows(
        client.get(reverse("grid:reference")), "Repérer ensemble", sheet.get_absolute_url()
    )
    assert "En relecture" not in content


def test_the_global_search_finds_sheets(client):
    ExperienceFactory(title="Une épicerie solidaire")
    ExperienceFactory(title="Un brouillon d’épicerie", status="draft")
    content = assert_page_shows(
        client.get(reverse("search"), {"q": "epiceries"}),
        "Une épicerie solidaire", "1 expérience",
    )  # fmt: skip
    assert "brouillon" not in content


@pytest.mark.parametrize(
    ("page", "limit"),
    [("fiche", 17), ("scheme", 13), ("territory", 26), ("reference", 8)],
)
def test_the_linked_pages_add_at_most_one_query(
    client, places, grid_functions, django_assert_max_num_queries, page, limit
):
    """The same count with one sheet or ten (the pages' own caps, plus one query)."""
    actor, scheme = ActorFactory(commune=places["die"]), SchemeFactory()
    url = {
        "fiche": actor.get_absolute_url(), "scheme": scheme.get_absolute_url(),
        "territory": places["drome"].get_absolute_url(), "reference": reverse("grid:reference"),
    }[page]  # fmt: skip
    client.get(url)  # the vocabularies read once, as any page after the first finds them
    counts = []
    for batch in (1, 9):
        for _index in range(batch):
            sheet = ExperienceFactory(territory=places["die"], schemes=[scheme],
                                      grid_functions=grid_functions)  # fmt: skip
            ExperienceActorFactory(experience=sheet, actor=actor)
        cache.clear()  # the territory page keeps its counts for a while
        with django_assert_max_num_queries(limit) as captured:
            assert client.get(url).status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
