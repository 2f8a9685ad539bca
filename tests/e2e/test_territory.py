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
