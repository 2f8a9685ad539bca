"""The « Done when » of the mailleur grid, in Chromium: a manager opens a round and invites a
partner by link; the partner answers on a phone without an account; the manager answers; the
results show the radar with both views, the largest gaps and the export; a second round shows
the evolution."""

import pytest
from playwright.sync_api import expect

from actors.models import StructureMembership
from mailleurs.grid.reference_data import load_grid_version
from mailleurs.roles import MEMBER
from tests.actors.factories import ActorFactory, ActorTypeFactory
from tests.conftest import _user_in
from tests.grid.helpers import grid_v1_data

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}


@pytest.fixture
def structure(django_user_model):
    load_grid_version(grid_v1_data())
    actor = ActorFactory(
        name="Centre social des Deux Rives",
        actor_type=ActorTypeFactory(name="Centre social", slug="centre-social"),
    )
    manager = _user_in(django_user_model, "gestionnaire", MEMBER)
    StructureMembership.objects.create(
        actor=actor, user=manager, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    return actor


def open_round(page, title: str, start: str, end: str) -> None:
    page.goto("/grille/evaluations/")
    page.get_by_role("link", name="ouvrir une évaluation").click()
    page.get_by_label("Titre").fill(title)
    page.get_by_label("Début").fill(start)
    page.get_by_label("Fin").fill(end)
    page.get_by_role("button", name="Ouvrir l’évaluation").click()
    expect(page.get_by_role("heading", name=title)).to_be_visible()


def answer_function(page, level: str, *, count: int) -> None:
    """Answer every criterion of the screen (each saved as it is given), then go on."""
    cards = page.locator(".criterion-card")
    expect(cards).to_have_count(count)
    for index in range(count):
        card = cards.nth(index)
        card.get_by_text(level, exact=True).click()
        expect(card.locator(".save-state")).to_contain_text("Réponse enregistrée à")


def test_a_round_from_invitation_to_evolution(page, chromium, live_server, sign_in, structure):
    sign_in("gestionnaire")
    open_round(page, "Évaluation 2026", "2026-01-05", "2026-03-31")
    page.get_by_label("Rôle").first.select_option(label="Partenaire institutionnel")
    page.get_by_label("Qui").fill("Partenaire CAF")
    page.get_by_role("button", name="Créer le lien").click()
    link = page.locator("#nouveau-lien").input_value()
    round_url = page.url.split("#")[0]

    # The partner, signed out, on a phone.
    phone = chromium.new_context(base_url=live_server.url, locale="fr-FR", viewport=PHONE,
                                 is_mobile=True, has_touch=True)  # fmt: skip
    partner = phone.new_page()
    partner.goto(link)
    expect(partner.get_by_text("Vous répondez en tant que Partenaire CAF")).to_be_visible()
    partner.get_by_role("link", name="Commencer").click()
    expect(partner.get_by_role("heading", name="1.1 Pratiques inclusives")).to_be_visible()
    answer_function(partner, "1 · Pas encore engagé", count=5)
    expect(partner.locator("#progression")).to_contain_text("5/12")
    width = partner.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"la page déborde sur téléphone ({width} px)"
    partner.get_by_role("button", name="Enregistrer et continuer").click()
    expect(partner.get_by_role("heading", name="1.2 Pertinence du réseau")).to_be_visible()
    partner.get_by_text("Je ne sais pas").first.click()
    partner.get_by_role("link", name="Toutes les fonctions et mon avancement").click()
    expect(partner.get_by_role("link", name="Reprendre")).to_be_visible()
    phone.close()

    # The manager answers with their account.
    page.goto(round_url)
    page.get_by_role("button", name="Répondre moi-même").click()
    page.get_by_role("link", name="Commencer").click()
    answer_function(page, "4 · Installé et partagé", count=5)

    # The results: both views on the radar, the largest gaps, the export.
    page.goto(round_url)
    page.get_by_role("link", name="Voir les résultats").click()
    radar = page.locator("figure.radar")
    expect(radar.locator(".radar-structure path")).to_have_count(1)
    expect(radar.locator(".radar-partners path")).to_have_count(1)
    expect(radar.locator("figcaption")).to_contain_text("Regard des partenaires")
    gaps = page.locator(".gap-list li")
    expect(gaps).to_have_count(3)
    expect(gaps.first).to_contain_text("la structure se donne 4 sur 4 et ses partenaires 1 sur 4")
    with page.expect_download() as download:
        page.get_by_role("link", name="Exporter les réponses et les scores (XLSX)").click()
    with open(download.value.path(), "rb") as handle:
        assert handle.read(2) == b"PK"
    assert download.value.suggested_filename.endswith(".xlsx")

    # A second round shows the evolution.
    open_round(page, "Évaluation 2027", "2027-01-04", "2027-03-31")
    page.get_by_role("button", name="Répondre moi-même").click()
    page.get_by_role("link", name="Commencer").click()
    answer_function(page, "3 · En place, à consolider", count=5)
    page.goto(page.url.split("repondre")[0] + "resultats/")
    evolution = page.locator("section:has(#titre-evolution) table")
    expect(evolution).to_contain_text("Évaluation 2026")
    expect(evolution).to_contain_text("Évaluation 2027")
    expect(evolution.get_by_role("row", name="1.1 Pratiques inclusives")).to_contain_text("−1,0")
