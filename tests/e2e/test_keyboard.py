"""Keyboard and phone, in Chromium: from the home page to a fiche with the keyboard only, the
focus visible at each step (a ring of at least 3:1 against what is behind it); the account
menu of a staff member fits a phone behind its « Menu » button."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from tests.actors.factories import ActorFactory, CommuneFactory

pytestmark = pytest.mark.django_db(transaction=True)

PHONE = {"width": 390, "height": 844}

# What a sighted keyboard user sees of the focused element: where it is, its ring, and the
# colour behind it (the first ancestor with an opaque background).
_FOCUSED = """() => {
  const element = document.activeElement;
  const style = getComputedStyle(element);
  const box = element.getBoundingClientRect();
  let behind = element.parentElement, background = "rgb(255, 255, 255)";
  while (behind) {
    const colour = getComputedStyle(behind).backgroundColor;
    if (colour !== "rgba(0, 0, 0, 0)" && colour !== "transparent") { background = colour; break; }
    behind = behind.parentElement;
  }
  return {
    tag: element.tagName.toLowerCase(), type: element.type || "", id: element.id,
    text: (element.innerText || element.value || "").trim().slice(0, 60),
    href: element.getAttribute("href") || "",
    outlineStyle: style.outlineStyle, outlineWidth: parseFloat(style.outlineWidth) || 0,
    outlineColor: style.outlineColor, boxShadow: style.boxShadow, background: background,
    onScreen: box.width > 0 && box.height > 0 && box.bottom > 0 && box.right > 0
      && box.top < window.innerHeight && box.left < window.innerWidth,
  };
}"""


def _luminance(colour: str) -> float:
    red, green, blue = (float(part) / 255 for part in re.findall(r"[\d.]+", colour)[:3])

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(first: str, second: str) -> float:
    lighter, darker = sorted((_luminance(first), _luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


def focused_with_visible_ring(page, step: str) -> dict:
    """The focused element, after checking it is on screen with a focus ring of at least 2 px
    whose colour stands out at 3:1 from the background around it."""
    focus = page.evaluate(_FOCUSED)
    where = f"{step} : {focus['tag']} « {focus['text']} »"
    assert focus["onScreen"], f"{where} — l’élément focalisé est hors de l’écran"
    assert focus["outlineStyle"] != "none" and focus["outlineWidth"] >= 2, (
        f"{where} — pas d’anneau de focus ({focus['outlineStyle']} {focus['outlineWidth']} px)"
    )
    ratio = contrast(focus["outlineColor"], focus["background"])
    assert ratio >= 3, (
        f"{where} — anneau {focus['outlineColor']} sur {focus['background']} : {ratio:.1f}:1"
    )
    return focus


def tab_until(page, wanted, step: str, limit: int = 250) -> dict:
    """Press Tab until `wanted(focus)`, checking the focus ring at every stop."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        focus = focused_with_visible_ring(page, step)
        if wanted(focus):
            return focus
    pytest.fail(f"{step} : introuvable après {limit} appuis sur Tab")


def skip_to_content(page, step: str) -> None:
    """On a page just loaded, the first Tab reaches « Aller au contenu », shown on focus;
    Enter moves the focus to the content."""
    page.wait_for_load_state("load")
    focus = tab_until(page, lambda focus: True, step, limit=1)
    assert focus["text"] == "Aller au contenu", f"{step} : le premier arrêt est « {focus['text']} »"
    page.keyboard.press("Enter")
    expect(page.locator("main#contenu")).to_be_focused()


def test_keyboard_only_from_the_home_page_to_a_fiche_with_the_focus_always_visible(page):
    fiche = ActorFactory(
        name="Centre social du Diois",
        commune=CommuneFactory(name="Die", code="26113", key="26113"),
    )
    page.goto(reverse("home"))

    skip_to_content(page, "accueil")
    tab_until(page, lambda focus: focus["type"] == "search", "accueil, vers la recherche")
    page.keyboard.type("diois")
    page.keyboard.press("Enter")
    # The home page may list the new fiche too: wait for the results page itself, or the next
    # Tab would land on a page that is being replaced.
    expect(page).to_have_url(re.compile(r"q=diois"))
    page.wait_for_load_state("load")
    expect(page.get_by_role("link", name=fiche.name)).to_be_visible()

    skip_to_content(page, "résultats")
    tab_until(page, lambda focus: focus["href"] == fiche.get_absolute_url(), "résultats")
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(re.escape(fiche.get_absolute_url()) + "$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text(fiche.name)


ACCOUNT_LINKS = ["Mes structures", "Mes tâches", "Importer", "Administration"]


def test_a_staff_members_account_menu_fits_a_phone_and_works_with_the_keyboard(
    page, sign_in, staff_user
):
    page.set_viewport_size(PHONE)
    sign_in("equipe")
    menu = page.get_by_role("button", name="Menu")
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(page.get_by_role("link", name="Administration")).to_be_hidden()
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    menu.focus()
    focused_with_visible_ring(page, "bouton Menu")
    page.keyboard.press("Enter")
    expect(menu).to_have_attribute("aria-expanded", "true")
    account = page.get_by_role("navigation", name="Mon compte")
    for name in ACCOUNT_LINKS:
        link = account.get_by_role("link", name=name)
        expect(link).to_be_visible()
        expect(link).to_be_in_viewport(ratio=1)
    logout = account.get_by_role("button", name="Se déconnecter")
    expect(logout).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]

    # Tab goes into the opened menu; Escape folds it and gives the focus back to the button.
    page.keyboard.press("Tab")
    expect(account.get_by_role("link", name="Mes structures")).to_be_focused()
    page.keyboard.press("Escape")
    expect(menu).to_be_focused()
    expect(menu).to_have_attribute("aria-expanded", "false")
    expect(logout).to_be_hidden()


STAFF_PAGES = [
    "home",
    "actors:actor_list",
    "actors:map",
    "actors:maillage",
    "actors:scheme_list",
    "glossary:index",
    "experiences:index",
    "grid:reference",
    "actors:moderation",
    "actors:import_start",
]


def test_no_page_is_wider_than_a_phone_for_a_staff_member(page, sign_in, staff_user):
    page.set_viewport_size(PHONE)
    sign_in("equipe")
    too_wide = {}
    for name in STAFF_PAGES:
        page.goto(reverse(name))
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > PHONE["width"]:
            too_wide[name] = width
    assert not too_wide, f"pages plus larges que le téléphone (390 px) : {too_wide}"


def test_without_javascript_the_account_links_wrap_on_a_phone(chromium, live_server, staff_user):
    context = chromium.new_context(
        base_url=live_server.url, locale="fr-FR", java_script_enabled=False, viewport=PHONE
    )
    page = context.new_page()
    page.goto(reverse("accounts:login"))
    page.get_by_label("Identifiant ou courriel").fill("equipe")
    page.get_by_label("Mot de passe").fill("motdepasse-test")
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ACCOUNT_LINKS:
        expect(page.get_by_role("link", name=name)).to_be_in_viewport(ratio=1)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    context.close()


def test_on_a_wide_screen_the_account_links_show_without_a_menu_button(page, sign_in, staff_user):
    sign_in("equipe")
    expect(page.get_by_role("button", name="Menu")).to_be_hidden()
    for name in ACCOUNT_LINKS:
        expect(page.get_by_role("link", name=name)).to_be_visible()
