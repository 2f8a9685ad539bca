"""The fiche form in the browser: the placing map follows the chosen commune and flags a point
placed far from it; a refused form opens on its error summary, whose links lead to the fields."""

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorTypeFactory, CommuneFactory, SphereFactory

pytestmark = pytest.mark.django_db(transaction=True)

PLACING_MAP = "document.getElementById('place-point-map').leafletMap"
MAP_CENTER = f"() => {{ const c = {PLACING_MAP}.getCenter(); return [c.lat, c.lng]; }}"


def _map_center(page) -> list[float]:
    return page.evaluate(MAP_CENTER)


def test_the_placing_map_follows_the_commune_and_flags_a_far_point(page, sign_in, member):
    CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    ActorTypeFactory(name="Centre social")
    SphereFactory(name="Action sociale")
    sign_in("membre")
    page.goto("/acteurs/nouveau/")
    page.get_by_label("Commune").fill("Die (26113)")
    page.get_by_label("Commune").press("Tab")
    page.wait_for_function(f"() => Math.abs({PLACING_MAP}.getCenter().lat - 44.753) < 0.001")
    latitude, longitude = _map_center(page)
    assert abs(longitude - 5.370) < 0.001

    warning = page.locator("#place-point-warning")
    expect(warning).to_be_hidden()
    page.locator("#place-point-map").click(position={"x": 150, "y": 100})  # near the centre
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    expect(warning).to_be_hidden()
    # Far away: zoomed out, a click near the map's edge lands tens of kilometres off.
    page.evaluate(f"() => {PLACING_MAP}.setZoom(8)")
    page.locator("#place-point-map").click(position={"x": 5, "y": 5})
    expect(warning).to_be_visible()
    expect(warning).to_contain_text("km de Die")


def test_a_refused_form_focuses_its_summary_whose_links_lead_to_the_fields(page, sign_in, member):
    CommuneFactory(name="Die", code="26113", key="26113", latitude=44.753, longitude=5.370)
    ActorTypeFactory(name="Centre social")
    SphereFactory(name="Action sociale")
    sign_in("membre")
    page.goto("/acteurs/nouveau/")
    page.get_by_role("button", name="Enregistrer", exact=True).click()
    summary = page.locator("#erreurs")
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Le formulaire contient")
    summary.get_by_role("link", name="Nom").click()
    expect(page.locator("#id_name")).to_be_focused()
    page.locator("#erreurs").get_by_role("link", name="Sphères").click()
    expect(page.locator("#id_spheres_0")).to_be_focused()
