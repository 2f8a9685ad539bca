"""Browser test of the maillage graph: no mark in the Tab order, a list of actors that highlights
each one, and whole names on the drawing."""

import re

import pytest
from playwright.sync_api import expect

from tests.actors.factories import (
    ActorFactory,
    DepartementFactory,
    RelationFactory,
    SphereFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

SHORT_NAME = "Centre social Le Fil de Drôme"


def test_keyboard_reaches_the_actors_through_the_list_and_highlights_their_node(page):
    DepartementFactory()
    social = SphereFactory(slug="action-sociale", name="Action sociale", color="#d55e00")
    local = SphereFactory(slug="developpement-local", name="Développement local", color="#009e73")
    centre = ActorFactory(name=SHORT_NAME, spheres=[social])
    mairie = ActorFactory(name="Mairie de Die", spheres=[local])
    agence = ActorFactory(name="Agence de développement du Diois", spheres=[local])
    ActorFactory(name="Épicerie solidaire", spheres=[social])
    RelationFactory(source=centre, target=mairie)
    RelationFactory(source=mairie, target=agence)

    page.goto("/maillage/?territoire=26")

    # The whole name is written, and fits in the drawing.
    label = page.locator(".maillage-labels text", has_text=SHORT_NAME)
    expect(label).to_have_text(SHORT_NAME)
    svg_box = page.locator(".maillage-svg").bounding_box()
    label_box = label.bounding_box()
    assert svg_box["x"] <= label_box["x"]
    assert label_box["x"] + label_box["width"] <= svg_box["x"] + svg_box["width"]

    # From the link before the drawing, Tab never stops on a mark: it goes to the list.
    page.get_by_role("link", name="Voir la page du territoire").focus()
    for _ in range(10):
        page.keyboard.press("Tab")
        in_svg = page.evaluate("document.activeElement.closest('svg') !== null")
        assert not in_svg, "Une marque du graphique est dans l’ordre de tabulation"
        if page.evaluate("document.activeElement.classList.contains('node-button')"):
            break
    focused = page.locator(".node-button:focus")
    expect(focused).to_have_count(1)

    # Focusing an actor of the list highlights its node and its links, and names its neighbours.
    mairie_button = page.get_by_role("button", name=re.compile("^Mairie de Die"))
    mairie_button.focus()
    expect(mairie_button).to_have_attribute("aria-pressed", "true")
    node = page.locator(f'.node[data-node="{mairie.pk}"]')
    expect(node).to_have_class(re.compile(r"\bis-selected\b"))
    expect(page.locator(f'.node[data-node="{centre.pk}"]')).to_have_class(
        re.compile(r"\bis-neighbour\b")
    )
    expect(page.locator(".edge.is-active")).to_have_count(2)
    details = page.locator("[data-node-details]")
    expect(details).to_contain_text("Mairie de Die")
    expect(details).to_contain_text(f"Agence de développement du Diois, {SHORT_NAME}")
    expect(details.get_by_role("link", name="Ouvrir la fiche")).to_have_attribute(
        "href", mairie.get_absolute_url()
    )

    # Escape clears the selection.
    page.keyboard.press("Escape")
    expect(node).not_to_have_class(re.compile(r"\bis-selected\b"))
    expect(page.locator(".edge.is-active")).to_have_count(0)


def test_with_many_actors_a_picked_actor_shows_its_name_on_the_drawing(page, monkeypatch):
    from actors.maillage import labels

    monkeypatch.setattr(labels, "EVERY_NAME_UP_TO", 2)
    monkeypatch.setattr(labels, "LABELLED_NODES", 1)
    DepartementFactory()
    hub = ActorFactory(name="Tête de réseau")
    spokes = [ActorFactory(name=f"Membre numéro {n}") for n in range(4)]
    for spoke in spokes:
        RelationFactory(source=spoke, target=hub)

    page.goto("/maillage/?territoire=26")
    expect(page.locator(".maillage-labels text")).to_have_count(1)  # only the hub's name
    expect(page.locator(".selected-name")).to_have_count(0)

    page.get_by_role("button", name=re.compile("^Membre numéro 2")).click()
    expect(page.locator(".selected-name")).to_have_text("Membre numéro 2")
