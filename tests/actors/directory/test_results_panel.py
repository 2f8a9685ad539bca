"""The directory's results panel: why each card matched, the active filters as chips."""

import pytest
from django.http import QueryDict
from django.urls import reverse

from tests.actors.directory.test_directory import names
from tests.actors.factories import ActorFactory, CommuneFactory, SphereFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


def reasons(response) -> dict[str, list[str]]:
    return {a.name: a.match_reasons for a in response.context["page"].object_list}


def test_each_card_says_which_theme_and_words_matched(client, sample):
    ActorFactory(name="Covoiturage rural", missions="Le transport des aînés", themes=[])
    response = client.get(URL, {"q": "mobilité"})
    assert reasons(response) == {"Garage solidaire": ["Mobilité (thème)"]}
    response = client.get(URL, {"q": "transport", "theme": "mobilite"})
    assert names(response) == []
    response = client.get(URL, {"q": "transport"})
    assert reasons(response) == {"Covoiturage rural": ["« transport » dans les missions"]}
    assert "Correspond à : « transport » dans les missions" in response.content.decode()


def test_a_ticked_value_is_a_reason_and_the_name_is_named(client, sample):
    response = client.get(URL, {"q": "garage", "theme": "mobilite"})
    assert reasons(response) == {"Garage solidaire": ["Mobilité (thème)", "« garage » dans le nom"]}


def test_each_typed_word_is_placed_in_the_text_that_holds_it(client, sample):
    ActorFactory(
        name="Covoiturage rural",
        pitch="Des trajets partagés",
        missions="Le transport des aînés",
        description="Une navette vers le marché",
        themes=[],
    )
    response = client.get(URL, {"q": "navette transport trajets"})
    assert reasons(response) == {
        "Covoiturage rural": [
            "« navette » dans la description",
            "« transport » dans les missions",
            "« trajets » dans la présentation",
        ]
    }


def test_cards_elsewhere_say_nothing_of_reasons(client, sample):
    response = client.get(reverse("home"))
    assert "Correspond à" not in response.content.decode()


def chips(response) -> dict[str, str]:
    return {f"{c.label} : {c.value}": c.remove_query for c in response.context["chips"]}


def test_each_chip_removes_its_own_value_and_keeps_the_others(client, sample):
    ThemeFactory(name="Insertion", slug="insertion")
    sample["garage"].themes.add(ThemeFactory(name="Jeunesse", slug="jeunesse"))
    params = {"q": "garage", "theme": ["mobilite", "jeunesse"], "page": "1"}
    response = client.get(URL, params)
    found = chips(response)
    assert set(found) == {"Recherche : garage", "Thème : Mobilité", "Thème : Jeunesse"}
    without_mobility = QueryDict(found["Thème : Mobilité"])
    assert without_mobility.getlist("theme") == ["jeunesse"]
    assert without_mobility["q"] == "garage" and "page" not in without_mobility
    assert names(client.get(URL + "?" + found["Thème : Mobilité"])) == ["Garage solidaire"]
    assert QueryDict(found["Recherche : garage"]).getlist("theme") == ["mobilite", "jeunesse"]


def test_chips_have_an_accessible_name_and_a_clear_all_link(client, sample):
    content = client.get(URL, {"theme": "mobilite"}).content.decode()
    assert 'aria-label="Retirer le filtre Thème : Mobilité"' in content
    assert f'href="{URL}">Tout effacer</a>' in content
    assert 'href="#resultats">Aller aux résultats</a>' in content


def test_no_chip_without_a_filter(client, sample):
    response = client.get(URL)
    assert response.context["chips"] == []
    assert "Tout effacer" not in response.content.decode()


def test_a_group_with_a_ticked_value_is_open_the_others_folded(client, sample):
    content = client.get(URL, {"theme": "mobilite"}).content.decode()
    assert '<details class="facet-group" id="groupe-theme" open>' in content
    assert '<details class="facet-group" id="groupe-sphere">' in content
    assert 'id="filtre-theme-mobilite"' in content


def test_the_count_is_in_a_live_region_outside_the_swapped_panel(client, sample):
    content = client.get(URL, {"q": "garage"}).content.decode()
    region = content.index('id="annonce-resultats"')
    assert 'role="status"' in content[region - 80 : region + 120]
    assert region < content.index('id="annuaire"')
    assert "1 acteur pour « garage »" in content[region : content.index('id="annuaire"')]


def test_a_card_shows_the_fiche_in_short_and_escapes_what_people_typed(client):
    sphere = SphereFactory(name="Action sociale", color="#1d6b5f")
    actor = ActorFactory(
        name="Café <b>associatif</b>",
        acronym="CAF'É",
        pitch="Un lieu « pour tous » & ouvert",
        commune=CommuneFactory(name="Die"),
        spheres=[sphere],
    )
    card = client.get(URL, {"q": "cafe"}).content.decode().split('<article class="card')[1]
    card = card.split("</article>")[0]
    assert (
        f'<a href="{actor.get_absolute_url()}">Café &lt;b&gt;associatif&lt;/b&gt; (CAF&#x27;É)'
        in card
    )
    assert f'<p class="card-meta">{actor.actor_type.name} · Die (26)</p>' in card
    assert '<li class="chip" style="--chip-color: #1d6b5f">Action sociale</li>' in card
    assert "<p>Un lieu « pour tous » &amp; ouvert</p>" in card
    assert '<p class="match-reasons">Correspond à : « cafe » dans le nom</p>' in card
