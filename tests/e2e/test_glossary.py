"""The glossary as people meet it: a reader finds « CTG » explained in a fiche without leaving
it, follows it to the term, reads another sphere's view and prints the fiche technique; a member
proposes a view, a moderator publishes it, and the history shows it."""

import re

import pytest
from playwright.sync_api import expect

from actors.reference_data.loader import load_vocabularies, read_json
from glossary.services import load_glossary
from tests.actors.factories import ActorFactory
from tests.glossary.conftest import FIXTURES, glossary_data

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def fiche_saying_ctg(db):
    load_vocabularies(read_json(FIXTURES / "vocabularies.json"))
    load_glossary(glossary_data())
    return ActorFactory(
        name="Centre social du Diois",
        slug="centre-social-du-diois",
        description="Nous animons la CTG du territoire avec la CAF et les communes.",
    )


def test_a_reader_understands_ctg_without_leaving_the_fiche(page, fiche_saying_ctg):
    page.goto(fiche_saying_ctg.get_absolute_url())
    link = page.locator(".prose a.glossary-link", has_text="CTG")
    tip = page.locator(".prose .glossary-tip").first
    expect(tip).to_be_hidden()

    link.hover()  # the mouse
    expect(tip).to_be_visible()
    expect(tip).to_contain_text("Convention territoriale globale")
    page.mouse.move(0, 0)
    expect(tip).to_be_hidden()

    link.focus()  # the keyboard
    expect(tip).to_be_visible()
    described_by = link.get_attribute("aria-describedby")
    assert described_by and page.locator(f"#{described_by}").count() == 1  # screen readers

    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/glossaire/ctg/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Convention territoriale globale")

    page.get_by_role("navigation", name="Regards des sphères").get_by_role(
        "link", name="Développement local"
    ).click()
    expect(page).to_have_url(re.compile(r"#regard-developpement-local$"))
    local_view = page.locator("#regard-developpement-local")
    expect(local_view).to_be_in_viewport()
    expect(local_view).to_contain_text("intercommunalité")

    page.goto("/glossaire/")
    page.get_by_role("link", name="La fiche technique à imprimer").click()
    page.emulate_media(media="print")
    expect(page.get_by_role("button", name="Imprimer ou enregistrer en PDF")).to_be_hidden()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(
        page.get_by_role("heading", name=re.compile("Convention territoriale globale"))
    ).to_be_visible()
    pdf = page.pdf(format="A4")
    assert pdf.startswith(b"%PDF") and pdf.count(b"/Type /Page") > 1


def test_a_member_proposes_a_view_a_moderator_publishes_it_and_the_history_shows_it(
    page, sign_in, fiche_saying_ctg, member, moderator
):
    sign_in("membre")
    page.goto("/glossaire/ctg/")
    page.get_by_role("link", name="Ajouter le regard de ma sphère").click()
    page.get_by_label("Votre sphère").select_option(label="Recherche et formation")
    page.get_by_label("Ce que le mot évoque pour cette sphère").fill(
        "Un terrain d’étude des coopérations entre institutions et associations."
    )
    page.get_by_role("button", name="Envoyer ma proposition").click()
    expect(page.get_by_text("attend la relecture")).to_be_visible()
    expect(page.get_by_text("Un terrain d’étude des coopérations")).to_have_count(0)
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in("moderateur")
    page.goto("/moderation/")
    page.get_by_role("link", name="1 proposition pour le glossaire").click()
    page.get_by_role(
        "link", name=re.compile("Regard sur « Convention territoriale globale »")
    ).click()
    expect(
        page.get_by_role("table").get_by_text("Un terrain d’étude des coopérations")
    ).to_be_visible()
    page.get_by_role("button", name="Accepter et publier").click()
    expect(page.get_by_text("Proposition acceptée")).to_be_visible()

    page.goto("/glossaire/ctg/")
    expect(page.locator("#regard-recherche-formation")).to_contain_text(
        "Un terrain d’étude des coopérations"
    )
    page.get_by_role("link", name="Historique").click()
    latest = page.locator(".history-version").first
    expect(latest).to_contain_text("Proposition de membre acceptée par moderateur")
    expect(latest).to_contain_text("Un terrain d’étude des coopérations")
