import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_visitor_searches_from_home_and_opens_a_fiche(page):
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.75, longitude=5.37)
    ActorFactory(
        name="Épicerie solidaire du Diois",
        slug="epicerie-solidaire-du-diois",
        pitch="Des produits locaux à prix juste pour les familles du Diois.",
        commune=die,
    )
    ActorFactory(name="Tiers-lieu de la vallée", commune=die)

    page.goto("/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Qui fait quoi")
    page.get_by_label("Quoi ?").fill("epicerie")
    page.get_by_role("button", name="Chercher").click()

    expect(page).to_have_url(re.compile(r"/recherche/\?q=epicerie"))
    expect(page.get_by_role("link", name="1 acteur", exact=True)).to_be_visible()
    expect(page.get_by_text("Tiers-lieu de la vallée")).to_have_count(0)
    page.get_by_role("link", name="Épicerie solidaire du Diois").click()

    expect(page).to_have_url(re.compile(r"/acteurs/epicerie-solidaire-du-diois/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Épicerie solidaire du Diois")
    expect(page.get_by_text("Des produits locaux à prix juste")).to_be_visible()
    # The small map draws its marker even though no tile can load here.
    expect(page.locator("#mini-map .leaflet-interactive")).to_have_count(1)
