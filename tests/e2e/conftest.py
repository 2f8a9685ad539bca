"""Browser tests: Playwright for Python driving Debian's Chromium (no downloaded browser)."""

import os
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from tests.e2e.accessibility import AXE_SCRIPT

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking"]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def chromium():
    if not CHROMIUM.exists():
        _missing(f"Chromium est introuvable ({CHROMIUM}) : apt-get install chromium")
    # Playwright's sync API runs an event loop in this thread; Django's ORM calls made by the
    # test itself (to build data) are still synchronous and safe.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            yield browser
            browser.close()
    finally:
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


def _missing(message: str) -> None:
    """With CI=true nothing may be skipped: a missing tool fails the run."""
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="session")
def axe_available():
    """axe-core, installed from package-lock.json by `make install` (npm ci)."""
    if not AXE_SCRIPT.exists():
        _missing(f"axe-core est introuvable ({AXE_SCRIPT}) : lancez make install (npm ci)")


@pytest.fixture
def page(chromium, live_server):
    context = chromium.new_context(base_url=live_server.url, locale="fr-FR")
    # Map tiles cannot load here, and tests must not need them.
    context.route("**/tile.openstreetmap.org/**", lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    yield page
    context.close()
    assert not errors, f"Erreurs JavaScript dans la page : {errors}"


@pytest.fixture
def sign_in(page):
    """Sign in through the login form, as ``sign_in("membre")``; the test accounts share one
    password (tests/conftest.py)."""

    def sign_in_as(username: str) -> None:
        page.goto("/comptes/connexion/")
        page.get_by_label("Identifiant ou courriel").fill(username)
        page.get_by_label("Mot de passe").fill("motdepasse-test")
        page.get_by_role("button", name="Se connecter").click()
        expect(page.get_by_text(username, exact=True)).to_be_visible()

    return sign_in_as
