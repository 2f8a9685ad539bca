"""An experience sheet as the working group writes it: a member tells it with two actors, a
lever, a blocker, a testimony and an image; a moderator publishes it; it then shows on both
actors' fiches, in the filters, in the global search and in the print view."""

import io
import re

import pytest
from PIL import Image
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory, SphereFactory, ThemeFactory

pytestmark = pytest.mark.django_db(transaction=True)

TITLE = "Un atelier vélo partagé entre le centre social et la commune"


def _jpeg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30), (30, 120, 60)).save(buffer, "JPEG")
    return buffer.getvalue()


@pytest.fixture
def place(db):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    sphere = SphereFactory(name="Action sociale", slug="action-sociale")
    return {
        "die": die,
        "theme": ThemeFactory(name="Mobilité", slug="mobilite"),
        "centre": ActorFactory(name="Centre social du Diois", slug="centre-social-du-diois",
                               commune=die, spheres=[sphere]),
        "mairie": ActorFactory(name="Mairie de Die", slug="mairie-de-die", commune=die),
    }  # fmt: skip


def _row(page, legend: str):
    return page.locator("fieldset.row-form").filter(
        has=page.locator("legend", has_text=re.compile(f"^{re.escape(legend)}$"))
    )


def test_a_member_tells_an_experience_a_moderator_publishes_it_and_it_is_linked_everywhere(
    page, sign_in, place, member, moderator
):
    sign_in("membre")
    page.goto("/experiences/")
    page.get_by_role("link", name="Raconter une expérience").click()
    story = page.locator("fieldset").filter(has=page.locator("legend", has_text="L’expérience"))
    story.get_by_label("Titre").fill(TITLE)
    story.get_by_label("Résumé").fill("Des habitants réparent leurs vélos avec deux structures.")
    story.get_by_label("Territoire").fill("26113")
    page.get_by_label("Mode de coopération").select_option(label="Action commune")
    page.get_by_label("Ce qui a aidé (leviers)").fill("Un local prêté par la commune")
    page.get_by_label("Ce qui a bloqué (freins)").fill("Des bénévoles trop peu nombreux")
    page.get_by_label("Mobilité").check()
    for number, (slug, role) in enumerate(
        [("centre-social-du-diois", "Porteur"), ("mairie-de-die", "Partenaire")], start=1
    ):
        row = _row(page, f"Acteur impliqué n° {number}")
        row.get_by_label("Acteur de l’annuaire").fill(slug)
        row.get_by_label("Rôle").select_option(label=role)
    testimony = _row(page, "Témoignage n° 1")
    testimony.get_by_label("Témoignage").fill("On vient pour un vélo, on repart avec des voisins.")
    testimony.get_by_label("Qui parle").fill("habitant bénévole")
    image = _row(page, "Image n° 1")
    image.get_by_label("Image").set_input_files(
        {"name": "atelier.jpg", "mimeType": "image/jpeg", "buffer": _jpeg()}
    )
    image.get_by_label("Texte alternatif").fill("Trois personnes réparent un vélo dans un local")
    page.get_by_role("button", name="Envoyer en relecture").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(page.get_by_text("Fiche non publiée")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    sign_in("moderateur")
    page.goto("/experiences/")
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("button", name="Publier la fiche").click()
    expect(page.get_by_text("Fiche non publiée")).to_have_count(0)
    expect(page.get_by_role("img", name="Trois personnes réparent un vélo")).to_be_visible()
    expect(page.get_by_text("Un local prêté par la commune")).to_be_visible()
    page.get_by_role("button", name="Se déconnecter").click()

    for actor in (place["centre"], place["mairie"]):  # a visitor now
        page.goto(actor.get_absolute_url())
        expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto("/experiences/")
    page.get_by_label("Mobilité").check()
    page.get_by_role("button", name=re.compile("Filtrer|Chercher|Appliquer")).first.click()
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto("/recherche/?q=atelier+velo")
    expect(page.get_by_role("link", name=TITLE)).to_be_visible()
    page.goto("/experiences/")
    page.get_by_role("link", name=TITLE).first.click()
    page.get_by_role("link", name="Version à imprimer (une page A4)").click()
    page.emulate_media(media="print")
    expect(page.get_by_role("heading", name=TITLE)).to_be_visible()
    expect(page.get_by_text("On vient pour un vélo, on repart avec des voisins.")).to_be_visible()
