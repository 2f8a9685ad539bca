import csv
import io
import re

import pytest
from playwright.sync_api import expect

from actors.models import Actor
from tests.actors.factories import (
    ActorTypeFactory,
    CommuneFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db(transaction=True)

HEADERS = ["Nom", "Type", "Sphères", "En une phrase", "Thèmes", "Code INSEE", "SIRET"]
NAMES = [
    "Maison des familles du Diois",
    "Épicerie solidaire du Diois",
    "Garage associatif du Diois",
]


def write_csv(path, rows):
    """A CSV as a spreadsheet saves it: ";" separated, UTF-8 with a BOM."""
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=";").writerows([HEADERS, *rows])
    path.write_bytes(buffer.getvalue().encode("utf-8-sig"))
    return path


def upload(page, path):
    page.goto("/import/")
    expect(page.get_by_label("Le fichier contient")).to_have_value("acteurs")
    page.get_by_label("Fichier CSV, XLSX ou ODS").set_input_files(path)
    page.get_by_role("button", name="Prévisualiser").click()
    expect(page).to_have_url(re.compile(r"/import/\d+/$"))


def test_staff_fix_a_file_with_two_bad_rows_then_import_it(page, sign_in, staff_user, tmp_path):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    ActorTypeFactory(name="Centre social", slug="centre-social", sphere=social)
    ThemeFactory(name="Alimentation", slug="alimentation")
    CommuneFactory(key="26113", code="26113", name="Die")

    # Line 2 is right; line 3 has a misspelt type, line 4 an INSEE code that does not exist.
    good = [NAMES[0], "Centre social", "Action sociale", "Accueil des familles", "", "26113", ""]
    bad_type = [NAMES[1], "Centre socal", "Action sociale", "Vrac", "alimentation", "26113", ""]
    bad_commune = [NAMES[2], "centre social", "action sociale", "Réparations", "", "99999", ""]

    sign_in("equipe")
    upload(page, write_csv(tmp_path / "acteurs.csv", [good, bad_type, bad_commune]))

    expect(page.locator('[data-count="new"]')).to_have_text("1")
    expect(page.locator('[data-count="invalid"]')).to_have_text("2")
    errors = page.locator("table.import-errors tbody tr")
    expect(errors).to_have_count(2)
    type_error = errors.filter(has_text="Centre socal")
    expect(type_error.locator("td").nth(0)).to_have_text("3")
    expect(type_error.locator("td").nth(1)).to_have_text("Type")
    expect(type_error).to_contain_text("Vouliez-vous dire « Centre social » ?")
    commune_error = errors.filter(has_text="99999")
    expect(commune_error.locator("td").nth(0)).to_have_text("4")
    expect(commune_error.locator("td").nth(1)).to_have_text("Code INSEE")
    expect(commune_error).to_contain_text("Aucune commune n’a le code INSEE « 99999 ».")
    # A preview writes nothing.
    assert Actor.objects.count() == 0

    bad_type[1] = "Centre social"
    bad_commune[5] = "26113"
    upload(page, write_csv(tmp_path / "acteurs-corrige.csv", [good, bad_type, bad_commune]))

    expect(page.locator('[data-count="new"]')).to_have_text("3")
    expect(page.locator('[data-count="invalid"]')).to_have_text("0")
    expect(page.locator("table.import-errors")).to_have_count(0)
    expect(page.locator("table.import-rows tbody tr")).to_have_count(3)
    expect(page.get_by_role("radio", name=re.compile("^Tout ou rien"))).to_be_checked()
    page.get_by_role("button", name="Importer").click()

    expect(page.get_by_text(re.compile("^Import terminé : 3 nouvelles"))).to_be_visible()
    expect(page.get_by_text("Importé", exact=True)).to_be_visible()
    assert Actor.objects.count() == 3

    page.goto("/acteurs/?q=Diois")
    for name in NAMES:
        expect(page.get_by_role("link", name=name, exact=True)).to_be_visible()
