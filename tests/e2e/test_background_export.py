"""A large export in the browser: it becomes a background job whose page follows the worker
without reloading, then offers the file."""

import csv
import io
import re
import time

import pytest
from playwright.sync_api import expect

from mailleurs.background.progress import Progress
from tests.actors.factories import ActorFactory, SphereFactory
from tests.e2e.accessibility import assert_no_serious_violation
from tests.e2e.worker import worker_running
from tests.mailleurs.background.jobs import run_jobs_in_this_process

pytestmark = pytest.mark.django_db(transaction=True)

FICHES = 30


@pytest.fixture(autouse=True)
def _large_means_more_than_ten(settings, tmp_path):
    settings.EXPORT_BACKGROUND_ROWS = 10
    # The worker runs in a thread of the test's process.
    run_jobs_in_this_process(settings, tmp_path, every=1)


@pytest.fixture
def slow_rows(monkeypatch):
    """About 5 seconds for the 30 rows: the page polls every 2 seconds and sees them move."""
    advance = Progress.advance

    def slowly(progress, rows=1):
        time.sleep(0.15)
        advance(progress, rows)

    monkeypatch.setattr(Progress, "advance", slowly)


# Every value the bar takes, as htmx replaces it.
WATCH_THE_BAR = """() => {
  window.barValues = [];
  const state = document.getElementById("etat-tache");
  new MutationObserver(() => {
    const bar = state.querySelector("progress");
    if (bar) window.barValues.push(bar.value);
  }).observe(state, { childList: true, subtree: true });
}"""


def test_staff_follow_a_large_export_to_the_end_then_download_it(
    page, sign_in, staff_user, axe_available, slow_rows
):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    for number in range(1, FICHES + 1):
        ActorFactory(name=f"Centre social n° {number:02}", spheres=[social])

    sign_in("equipe")
    page.goto("/acteurs/")
    page.locator(".export-links").get_by_role("link", name="CSV").click()

    expect(page).to_have_url(re.compile(r"/taches/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Export de l’annuaire en CSV (30 fiches)"
    )
    expect(page.locator(".job-status")).to_contain_text("en attente")
    expect(page.get_by_role("button", name="Annuler la tâche")).to_be_visible()
    assert_no_serious_violation(page, "page d’une tâche en attente")
    # If the page were reloaded rather than updated by htmx, the watch would go with it.
    page.evaluate(WATCH_THE_BAR)

    with worker_running():
        bar = page.get_by_label("Avancement")
        expect(bar).to_have_attribute("value", str(FICHES), timeout=15_000)
        expect(bar).to_have_attribute("max", str(FICHES))
        expect(page.locator(".job-count")).to_have_text("30 / 30 lignes (100 %)")
        expect(page.locator(".job-status")).to_contain_text("terminé")
        expect(page.get_by_role("button", name="Annuler la tâche")).to_have_count(0)
        seen = page.evaluate("window.barValues")
        assert any(0 < value < FICHES for value in seen), seen  # it moved on the way
        assert seen[-1] == FICHES
    assert_no_serious_violation(page, "page d’une tâche terminée")

    with page.expect_download() as download:
        page.get_by_role("link", name=re.compile(r"^Télécharger mailleurs-acteurs-")).click()
    assert download.value.suggested_filename.endswith(".csv")
    with open(download.value.path(), encoding="utf-8-sig") as handle:
        rows = list(csv.reader(io.StringIO(handle.read()), delimiter=";"))
    assert len(rows) == FICHES + 1
    assert sorted(row[0] for row in rows[1:])[0] == "Centre social n° 01"

    page.get_by_role("link", name="Mes tâches").first.click()
    expect(page.get_by_role("row", name=re.compile("Export de l’annuaire en CSV"))).to_contain_text(
        "terminé"
    )
