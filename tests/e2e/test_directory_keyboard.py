"""The directory with the keyboard and on a phone: a box ticked with the space bar keeps the
focus, the count is read out, chips remove a filter, few Tabs to the first result."""

import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CommuneFactory,
    CompetenceFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)
MAX_TABS_TO_FIRST_RESULT = 40


@pytest.fixture
def directory(db):
    """24 fiches spread over 12 themes, 8 competences, 4 types, 3 spheres and 6 communes: many
    facet values, as on the real site."""
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    themes = [mobility] + [ThemeFactory() for _ in range(11)]
    competences = [CompetenceFactory() for _ in range(8)]
    types = [ActorTypeFactory() for _ in range(4)]
    spheres = [SphereFactory() for _ in range(3)]
    communes = [CommuneFactory() for _ in range(6)]
    for index in range(24):
        actor = ActorFactory(
            name=f"Structure {index:02d}",
            actor_type=types[index % 4],
            commune=communes[index % 6],
            spheres=[spheres[index % 3]],
            themes=[themes[index % 12], themes[(index + 5) % 12]],
        )
        actor.competences.add(competences[index % 8])


def test_ticking_a_filter_with_the_space_bar_keeps_focus_and_reads_the_count(page, directory):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/acteurs/")
    live = page.locator("#annonce-resultats")
    expect(live).to_have_text("24 acteurs")
    expect(live).to_have_attribute("aria-live", "polite")

    page.locator("#groupe-theme > summary").click()
    page.locator("#filtre-theme-mobilite").focus()
    page.keyboard.press("Space")

    expect(page).to_have_url(re.compile(r"theme=mobilite"))
    remove = page.get_by_role("link", name="Retirer le filtre Thème : Mobilité")
    expect(remove).to_be_visible()
    expect(live).to_have_text("4 acteurs")
    page.wait_for_function("document.activeElement.id === 'filtre-theme-mobilite'")
    assert page.evaluate("document.activeElement.checked") is True

    remove.focus()
    page.keyboard.press("Enter")
    expect(page).not_to_have_url(re.compile(r"theme="))
    expect(page.get_by_role("heading", name="24 acteurs")).to_be_visible()
    expect(live).to_have_text("24 acteurs")
    # The chip is gone with its filter: the focus goes to the results, not to the page's top.
    page.wait_for_function("document.activeElement.id === 'resultats'")
    expect(page.get_by_role("link", name="Tout effacer")).to_have_count(0)


def test_the_first_result_is_a_few_tabs_from_the_search_box(page, directory):
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto("/acteurs/")
    first_result = page.locator(".result-list .card-title a").first
    first_href = first_result.get_attribute("href")
    page.get_by_label("Qui fait quoi ?").focus()
    presses = 0
    while page.evaluate("document.activeElement.getAttribute('href')") != first_href:
        assert presses < MAX_TABS_TO_FIRST_RESULT, "Premier résultat trop loin au clavier"
        page.keyboard.press("Tab")
        presses += 1


def test_on_a_phone_the_first_result_is_on_the_first_screens(page, directory):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto("/acteurs/")
    toggle = page.get_by_text("Filtres", exact=True)
    expect(toggle).to_be_visible()
    top = page.locator(".result-list .card-title a").first.bounding_box()["y"]
    assert top < 1.5 * 844

    toggle.click()
    page.locator("#groupe-theme > summary").click()
    page.locator("#filtre-theme-mobilite").check()
    expect(page.get_by_text("Filtres (1 actif)")).to_be_visible()
    expect(page.locator("#filtre-theme-mobilite")).to_be_visible()
