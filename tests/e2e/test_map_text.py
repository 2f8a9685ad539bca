"""Names shown on the maps are text: a fiche named like an HTML tag shows that tag, literally,
in the small map's tooltip and in the big map's popup and list (no element is created)."""

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)

HOSTILE_NAME = "<img src=x onerror=alert(1)>"


@pytest.fixture
def hostile_actor():
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    return ActorFactory(name=HOSTILE_NAME, slug="nom-hostile", commune=die)


@pytest.fixture
def dialogs(page):
    """Every alert() the page opens (none should)."""
    opened: list[str] = []

    def dismiss(dialog):
        opened.append(dialog.message)
        dialog.dismiss()

    page.on("dialog", dismiss)
    return opened


def test_the_fiche_tooltip_shows_the_name_as_text(page, hostile_actor, dialogs):
    page.goto(hostile_actor.get_absolute_url())
    page.locator("#mini-map .leaflet-interactive").hover()
    tooltip = page.locator("#mini-map .leaflet-tooltip")
    expect(tooltip).to_have_text(HOSTILE_NAME)
    expect(tooltip.locator("img")).to_have_count(0)
    assert dialogs == []


def test_the_big_map_popup_and_list_show_the_name_as_text(page, hostile_actor, dialogs):
    page.goto("/carte/")
    expect(page.locator("#carte-liste li")).to_have_count(1)
    expect(page.locator("#carte-liste li a")).to_have_text(HOSTILE_NAME)
    page.locator("#carte .map-pin").click()
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name=HOSTILE_NAME)).to_have_attribute(
        "href", hostile_actor.get_absolute_url()
    )
    expect(page.locator(".leaflet-popup img, #carte-liste img")).to_have_count(0)
    assert dialogs == []


def test_a_moderator_sees_which_points_are_not_yet_published(page, sign_in, moderator):
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    ActorFactory(name="Brouillon du Diois", slug="brouillon", commune=die, status="draft")
    sign_in(moderator.username)
    page.goto("/carte/")
    expect(page.locator("#carte-liste li a")).to_have_text("Brouillon du Diois")
    expect(page.locator("#carte-liste li .muted")).to_contain_text("Brouillon")
    page.locator("#carte .map-pin").click()
    expect(page.locator(".leaflet-popup .map-popup-meta")).to_contain_text("Brouillon")
