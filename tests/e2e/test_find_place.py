"""A project holder finds who works on mobility around Die from the home page, typing the
commune's name and choosing the suggestion with the keyboard, then sees the radius on the map
— on a desktop and on a phone."""

import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

VIEWPORTS = {"bureau": {"width": 1280, "height": 900}, "telephone": {"width": 390, "height": 844}}


@pytest.fixture
def drome():
    die = CommuneFactory(
        name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370, population=4500
    )
    CommuneFactory(name="Dieulefit", code="26114", key="26114", latitude=44.52, longitude=5.06)
    crest = CommuneFactory(
        name="Crest", code="26108", key="26108", latitude=44.728, longitude=5.022
    )
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    ActorFactory(name="Covoiturage du Diois", commune=die, themes=[mobility])
    ActorFactory(name="Garage solidaire de Crest", commune=crest, themes=[mobility])  # 27.6 km
    ActorFactory(name="Centre social de Die", commune=die)
    return die


@pytest.mark.parametrize("viewport", VIEWPORTS.values(), ids=VIEWPORTS.keys())
def test_home_what_and_where_to_the_actors_around_die_and_the_radius_on_the_map(
    page, drome, viewport
):
    page.set_viewport_size(viewport)
    page.goto("/")
    page.get_by_label("Quoi ?").fill("mobilité")
    where = page.get_by_role("combobox", name="Où ?")
    where.press_sequentially("Die", delay=30)
    suggestions = page.get_by_role("listbox")
    expect(suggestions.get_by_role("option").first).to_contain_text("Die (26)")
    expect(where).to_have_attribute("aria-expanded", "true")
    where.press("ArrowDown")
    active = suggestions.get_by_role("option", selected=True)
    expect(active).to_contain_text("Die (26)")
    expect(where).to_have_attribute("aria-activedescendant", active.get_attribute("id"))
    where.press("Enter")  # takes the suggestion
    expect(where).to_have_value("Die (26)")
    expect(where).to_have_attribute("aria-expanded", "false")
    where.press("Enter")  # sends the form

    expect(page).to_have_url(re.compile(r"/acteurs/\?q=mobilit.*&autour=Die"))
    expect(page.get_by_label("Autour de la commune", exact=True)).to_have_value("Die (26)")
    results = page.locator(".result-list")
    expect(results).to_contain_text("Covoiturage du Diois")
    expect(results).not_to_contain_text("Garage solidaire de Crest")
    expect(results).not_to_contain_text("Centre social de Die")

    page.get_by_role("link", name="Voir sur la carte").click()
    expect(page).to_have_url(re.compile(r"/carte/\?.*autour=Die"))
    marker = page.locator("#carte .map-reference-marker")
    expect(marker).to_contain_text("Die (26)")
    expect(marker).to_have_attribute("title", re.compile("Commune de référence : Die"))
    expect(page.locator("#carte path.map-reference-radius")).to_have_count(1)
    expect(page.locator("#carte-liste")).to_contain_text("Covoiturage du Diois")
    expect(page.get_by_text("le cercle montre le rayon de 20 km")).to_be_visible()


def test_escape_closes_the_suggestions_and_a_wrong_place_keeps_the_page(page, drome):
    page.goto("/acteurs/?q=mobilit%C3%A9")
    around = page.get_by_role("combobox", name="Autour de la commune")
    around.press_sequentially("Die", delay=30)
    expect(page.get_by_role("option", name=re.compile("Dieulefit"))).to_be_visible()
    around.press("Escape")
    expect(around).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("listbox")).to_be_hidden()

    # Taking a suggestion reloads the results, and the box keeps the focus.
    around.press("ArrowDown")  # reopens the list on its first option
    expect(around).to_have_attribute("aria-expanded", "true")
    expect(page.get_by_role("option", selected=True)).to_contain_text("Die (26)")
    around.press("Enter")
    expect(page.locator("#resultats-titre")).to_contain_text("1 acteur")
    expect(page).to_have_url(re.compile(r"autour=Die"))
    around = page.get_by_role("combobox", name="Autour de la commune")
    expect(around).to_have_value("Die (26)")
    expect(around).to_be_focused()

    # A wrong value then Tab: htmx swaps the list, the page stays whole and styled.
    around.fill("Atlantide")
    around.press("Tab")
    message = page.locator("#id_autour-erreur")
    expect(message).to_contain_text("Commune inconnue : « Atlantide »")
    around = page.get_by_role("combobox", name="Autour de la commune")
    expect(around).to_have_value("Atlantide")
    expect(around).to_have_attribute("aria-describedby", "id_autour-erreur")
    expect(page.get_by_label("Qui fait quoi ?")).to_have_value("mobilité")
    expect(page.locator("header.site-header")).to_be_visible()
    expect(page.get_by_role("heading", level=1, name="Annuaire des acteurs")).to_be_visible()
