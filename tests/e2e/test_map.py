import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory, SphereFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_directory_search_with_two_filters_shows_its_actors_on_the_map(page):
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    crest = CommuneFactory(
        name="Crest", code="26108", key="26108", latitude=44.728, longitude=5.022
    )
    nyons = CommuneFactory(
        name="Nyons", code="26220", key="26220", latitude=44.361, longitude=5.140
    )
    social = SphereFactory(name="Action sociale", slug="action-sociale", color="#d55e00")
    local = SphereFactory(name="Développement local", slug="developpement-local", color="#009e73")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    expected = [
        ActorFactory(name="Épicerie solidaire du Diois", commune=die, spheres=[social]),
        ActorFactory(
            name="Épicerie sociale de Crest",
            commune=crest,
            spheres=[social],
            latitude=44.73,
            longitude=5.03,
        ),
        ActorFactory(name="Épicerie itinérante des Baronnies", commune=nyons, spheres=[social]),
    ]
    # Same word, other sphere; same sphere, other word: neither is in the search.
    ActorFactory(name="Épicerie paysanne", commune=die, spheres=[local], themes=[food])
    ActorFactory(name="Centre social du Diois", commune=die, spheres=[social])

    page.goto("/acteurs/?q=epicerie&sphere=action-sociale")
    expect(page.locator("#resultats-titre")).to_contain_text("3 acteurs")
    page.get_by_role("link", name="Voir sur la carte").click()

    expect(page).to_have_url(re.compile(r"/carte/\?q=epicerie&sphere=action-sociale"))
    items = page.locator("#carte-liste li")
    expect(items).to_have_count(3)
    expect(page.locator("#carte-etat")).to_have_text("3 acteurs dans la vue")
    for actor in expected:
        expect(items.get_by_role("link", name=actor.name)).to_have_attribute(
            "href", actor.get_absolute_url()
        )
    # Markers are drawn without tiles (single pins or a markercluster bubble holding them).
    pins = page.locator("#carte .map-pin")
    bubbles = page.locator("#carte .map-cluster")
    expect(pins.or_(bubbles).first).to_be_visible()
    # The view is kept in the URL, next to the filters.
    expect(page).to_have_url(re.compile(r"vue=-?\d+\.\d+,-?\d+\.\d+,\d+"))

    # Reopening that URL restores the view and the same markers.
    url = page.url
    page.goto(url)
    expect(page.locator("#carte-liste li")).to_have_count(3)
    view = re.search(r"vue=([^&]+)", url).group(1)
    assert re.search(r"vue=([^&]+)", page.url).group(1) == view

    # And back to the directory with the same search.
    page.get_by_role("link", name="Voir la liste").click()
    expect(page).to_have_url(re.compile(r"/acteurs/\?q=epicerie&sphere=action-sociale$"))


def test_clicking_a_marker_opens_a_popup_with_the_fiche_link(page):
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    actor = ActorFactory(name="Tiers-lieu de la vallée", commune=die)

    page.goto("/carte/")
    marker = page.locator("#carte .map-pin")
    expect(marker).to_have_count(1)
    marker.click()
    popup = page.locator(".leaflet-popup")
    expect(popup.get_by_role("link", name="Tiers-lieu de la vallée")).to_have_attribute(
        "href", actor.get_absolute_url()
    )
    expect(popup).to_contain_text("Die")
