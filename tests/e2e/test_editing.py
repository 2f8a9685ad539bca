import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, ActorTypeFactory, CommuneFactory, SphereFactory

pytestmark = pytest.mark.django_db(transaction=True)


def sign_out(page):
    page.get_by_role("button", name="Se déconnecter").click()


def test_member_edit_is_reviewed_accepted_then_restored(page, sign_in, member, moderator):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    actor = ActorFactory(
        name="Centre social du Diois",
        slug="centre-social-du-diois",
        pitch="Un lieu ouvert à tous les habitants.",
        commune=die,
        actor_type=ActorTypeFactory(name="Centre social"),
        spheres=[SphereFactory(name="Action sociale")],
    )

    sign_in("membre")
    page.goto(actor.get_absolute_url())
    page.get_by_role("link", name="Modifier la fiche").click()
    page.get_by_label("En une phrase").fill("Accueil, épicerie solidaire et café des habitants.")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("attend la relecture")).to_be_visible()
    expect(page.get_by_text("Un lieu ouvert à tous les habitants.").first).to_be_visible()
    sign_out(page)

    sign_in("moderateur")
    page.get_by_role("link", name="Modération").click()
    page.get_by_role("link", name="Centre social du Diois").click()
    diff = page.get_by_role("table")
    expect(diff.get_by_text("Un lieu ouvert à tous les habitants.")).to_be_visible()
    expect(diff.get_by_text("Accueil, épicerie solidaire et café des habitants.")).to_be_visible()
    page.get_by_role("button", name="Accepter et publier").click()
    expect(page.get_by_text("Proposition acceptée")).to_be_visible()

    page.goto(actor.get_absolute_url())
    expect(
        page.get_by_text("Accueil, épicerie solidaire et café des habitants.").first
    ).to_be_visible()
    page.get_by_role("link", name="Historique des modifications").click()
    versions = page.locator(".history-version")
    expect(versions).to_have_count(2)
    expect(versions.first).to_contain_text("Modification")
    expect(versions.first).to_contain_text("Un lieu ouvert à tous les habitants.")
    page.get_by_role("button", name="Restaurer cette version").click()
    expect(page.get_by_text("La version choisie est restaurée")).to_be_visible()
    expect(page.locator(".history-version")).to_have_count(3)

    page.goto(actor.get_absolute_url())
    expect(page).to_have_url(re.compile(r"/acteurs/centre-social-du-diois/$"))
    expect(page.get_by_text("Un lieu ouvert à tous les habitants.").first).to_be_visible()


def test_moderator_places_a_fiche_on_the_map(page, sign_in, moderator):
    die = CommuneFactory(name="Die", code="26113", key="26113", latitude=44.75, longitude=5.37)
    actor = ActorFactory(
        name="Tiers-lieu de la gare",
        commune=die,
        actor_type=ActorTypeFactory(name="Tiers-lieu"),
        spheres=[SphereFactory(name="Développement local")],
    )
    sign_in("moderateur")
    page.goto(f"/acteurs/{actor.slug}/modifier/")
    page.locator("#place-point-map").click(position={"x": 60, "y": 60})
    expect(page.get_by_label("Latitude")).not_to_have_value("")
    page.get_by_role("button", name="Enregistrer").click()
    expect(page.get_by_text("Modifications enregistrées")).to_be_visible()
    actor.refresh_from_db()
    assert actor.location_source == "map"
    assert (actor.latitude, actor.longitude) != (44.75, 5.37)
