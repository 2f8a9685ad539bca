"""Staff import a list kept by hand: a title above the headers, headers in capitals and in
their own words, a column the site does not know, communes without hyphens, a phone that lost
its zero. They fix one column in the mapping step, accept a suggestion for all its rows, and
import; each step runs as a background job whose page follows it to the end."""

import io
import re

import pytest
from openpyxl import Workbook
from playwright.sync_api import expect

from actors.models import Actor
from tests.actors.factories import (
    ActorTypeFactory,
    CommuneFactory,
    SphereFactory,
    ThemeFactory,
)
from tests.e2e.worker import worker_running
from tests.mailleurs.background.jobs import run_jobs_in_this_process

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _every_file_in_the_background(settings, tmp_path):
    settings.IMPORT_BACKGROUND_KILOBYTES = 0
    run_jobs_in_this_process(settings, tmp_path, every=1)


def hand_kept_xlsx(path):
    book = Workbook()
    sheet = book.active
    sheet.append(["Annuaire des acteurs – Drôme, mise à jour 2025"])
    sheet.merge_cells("A1:G1")
    sheet.append([])
    sheet.append(["Structure porteuse", "TYPE", "Thématique", "Ville", "Tél.", "Remarques",
                  "Résumé"])  # fmt: skip
    sheet.append(["Maison des familles", "Centre social", "Parentalité", "Buis les Baronnies",
                  475280000, "rappeler", "Accueil des familles"])  # fmt: skip
    sheet.append(["Café des parents", "centre social", "parentalité", "ST JEAN EN ROYANS",
                  "04 75 48 00 00", "", ""])  # fmt: skip
    buffer = io.BytesIO()
    book.save(buffer)
    path.write_bytes(buffer.getvalue())
    return path


def follow_the_job(page, title: str, rows: int) -> None:
    """On a job's page, the worker started: its bar reaches the end without a reload, then its
    result opens."""
    expect(page).to_have_url(re.compile(r"/taches/\d+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    with worker_running():
        bar = page.get_by_label("Avancement")
        expect(bar).to_have_attribute("value", str(rows), timeout=20_000)
        expect(bar).to_have_attribute("max", str(rows))
        expect(page.locator(".job-count")).to_have_text(f"{rows} / {rows} lignes (100 %)")
        expect(page.locator(".job-status")).to_contain_text("terminé")
    page.get_by_role("link", name="Voir le résultat").click()


def test_staff_import_a_hand_kept_list(page, sign_in, staff_user, tmp_path):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    ActorTypeFactory(name="Centre social", slug="centre-social", sphere=social)
    ThemeFactory(name="Parentalité, familles", slug="parentalite-familles")
    CommuneFactory(key="26063", name="Buis-les-Baronnies", postcodes="26170")
    CommuneFactory(key="26307", name="Saint-Jean-en-Royans", postcodes="26190")

    sign_in("equipe")
    page.goto("/import/")
    page.get_by_label("Fichier CSV, XLSX ou ODS").set_input_files(
        hand_kept_xlsx(tmp_path / "annuaire.xlsx")
    )
    page.get_by_role("button", name="Prévisualiser").click()
    follow_the_job(page, "Aperçu de l’import de « annuaire.xlsx »", rows=2)

    # The mapping step: « Structure porteuse » is not recognised; the others are.
    expect(page).to_have_url(re.compile(r"/import/\d+/colonnes/$"))
    expect(page.get_by_label("TYPE")).to_have_value("actor_type")
    expect(page.get_by_label("Ville")).to_have_value("commune_name")
    expect(page.get_by_label("Remarques")).to_have_value("")
    page.get_by_label("Structure porteuse").select_option("name")
    page.get_by_label("Enregistrer cette correspondance sous le nom").fill("Réseau Drôme")
    page.get_by_role("button", name="Prévisualiser avec ces colonnes").click()
    follow_the_job(page, "Nouvel aperçu de l’import de « annuaire.xlsx »", rows=2)

    expect(page).to_have_url(re.compile(r"/import/\d+/$"))
    expect(page.get_by_text("Colonnes ignorées (inconnues) : Remarques")).to_be_visible()
    # The only errors left are the themes, with a suggestion for both rows.
    expect(page.locator('[data-count="invalid"]')).to_have_text("2")
    errors = page.locator("table.import-errors tbody tr")
    expect(errors).to_have_count(2)
    expect(errors.filter(has_text="Thèmes")).to_have_count(2)
    page.get_by_role(
        "button", name="Remplacer « Parentalité » par « Parentalité, familles » (2 lignes)"
    ).click()
    expect(page.get_by_text(re.compile("remplacé par « Parentalité, familles »"))).to_be_visible()
    follow_the_job(page, "Nouvel aperçu de l’import de « annuaire.xlsx »", rows=2)
    expect(page).to_have_url(re.compile(r"/import/\d+/#suggestions$"))
    expect(page.locator('[data-count="new"]')).to_have_text("2")
    expect(page.locator('[data-count="invalid"]')).to_have_text("0")

    page.get_by_role("button", name="Importer").click()
    follow_the_job(page, "Import de « annuaire.xlsx »", rows=2)
    expect(page.get_by_text("Importé", exact=True)).to_be_visible()
    expect(page.locator('[data-count="new"]')).to_have_text("2")
    expect(page.get_by_role("link", name="Maison des familles")).to_be_visible()

    maison = Actor.objects.get(name="Maison des familles")
    assert maison.phone == "04 75 28 00 00" and maison.commune.key == "26063"
    assert [s.slug for s in maison.spheres.all()] == ["action-sociale"]
    cafe = Actor.objects.get(name="Café des parents")
    assert cafe.to_complete and cafe.commune.key == "26307"

    # Every step is kept in « Mes tâches », for whoever left and came back.
    page.goto("/taches/")
    expect(
        page.get_by_role("row", name=re.compile("^Import de « annuaire.xlsx »"))
    ).to_contain_text("terminé")

    # The fiche without a summary says so to its editors.
    page.goto(cafe.get_absolute_url())
    expect(page.get_by_text(re.compile("^À compléter"))).to_be_visible()
