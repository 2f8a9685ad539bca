import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    DepartementFactory,
    EpciFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)


def test_territory_page_matrix_leads_to_the_matching_actors(page):
    drome = DepartementFactory()
    diois = EpciFactory(departement=drome, name="CC du Diois")
    die = CommuneFactory(name="Die", code="26113", key="26113", epci=diois, departement=drome)
    social = SphereFactory(name="Action sociale", slug="action-sociale", color="#d55e00")
    food = ThemeFactory(name="Alimentation", slug="alimentation")
    ActorFactory(name="Épicerie solidaire du Diois", commune=die, spheres=[social], themes=[food])
    ActorFactory(name="Banque alimentaire de Die", commune=die, spheres=[social], themes=[food])
    covering = ActorFactory(name="Réseau départemental", spheres=[social])
    covering.intervention_territories.add(drome)

    page.goto(f"/territoires/{diois.key}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("CC du Diois")
    expect(page.get_by_role("heading", name="2 acteurs installés ici")).to_be_visible()
    expect(page.get_by_text("Réseau départemental")).to_be_visible()

    matrix = page.get_by_role("table").filter(has_text="Alimentation")
    matrix.get_by_role("link", name=re.compile("2 acteurs, Alimentation, Action sociale")).click()

    expect(page).to_have_url(re.compile(r"/acteurs/\?territoire=242600252&theme=alimentation"))
    expect(page.get_by_role("heading", name=re.compile("^2 acteurs"))).to_be_visible()
    expect(page.get_by_role("link", name="Épicerie solidaire du Diois")).to_be_visible()


def test_territory_table_fits_a_phone_and_keeps_each_theme_beside_its_numbers(page):
    drome = DepartementFactory()
    die = CommuneFactory(name="Die", code="26113", key="26113", departement=drome)
    spheres = [
        SphereFactory(name=name, slug=f"sphere-{n}", color="#0072b2")
        for n, name in enumerate(
            ["Action sociale", "Développement local", "Institutions et financeurs", "Élus"]
        )
    ]
    themes = [
        ThemeFactory(name=name, slug=f"theme-{n}")
        for n, name in enumerate(["Économie sociale et solidaire (ESS)", "Parentalité, familles"])
    ]
    for sphere in spheres:
        ActorFactory(commune=die, spheres=[sphere], themes=themes)

    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"/territoires/{drome.key}/")

    assert page.evaluate("document.documentElement.scrollWidth") <= 390
    box = page.get_by_role("region", name="Acteurs par thème et par sphère")
    expect(box).to_have_attribute("tabindex", "0")
    expect(page.get_by_text("Le tableau défile horizontalement")).to_be_visible()
    # The theme and its first number are both on screen.
    row = box.get_by_role("row").filter(has_text="Parentalité, familles")
    number = row.get_by_role("link", name=re.compile("1 acteurs, Parentalité, familles"))
    number_box = number.first.bounding_box()
    assert number_box["x"] + number_box["width"] <= 390
    # Scrolling the table by keyboard leaves the theme in view.
    box.focus()
    page.keyboard.press("End")
    for _ in range(6):
        page.keyboard.press("ArrowRight")
    theme = row.get_by_role("rowheader")
    theme_box = theme.bounding_box()
    assert theme_box["x"] >= 0 and theme_box["x"] + theme_box["width"] <= 390
