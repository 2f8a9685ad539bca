"""The import templates offer drop-down lists on the vocabulary columns, read from a hidden
« Listes » sheet; the template still imports as it is."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actors.spreadsheets.drop_downs import LISTS_TITLE
from tests.actors.spreadsheets.helpers import import_report
from tests.actors.spreadsheets.test_import_pages import template_of

pytestmark = pytest.mark.django_db


def drop_downs(book) -> dict[str, object]:
    """Each validated column's header, with its validation."""
    sheet = book.worksheets[0]
    headers = {cell.column_letter: cell.value for cell in sheet[1]}
    found = {}
    for validation in sheet.data_validations.dataValidation:
        for cell_range in validation.sqref.ranges:
            found[headers[cell_range.coord.split(":")[0].rstrip("0123456789")]] = validation
    return found


def listed_values(book, formula: str) -> list[str]:
    """The values a list formula (« 'Listes'!$B$2:$B$4 ») points at."""
    title, area = formula.split("!")
    sheet = book[title.strip("'")]
    return [cell.value for (cell,) in sheet[area.replace("$", "")]]


def test_actors_template_offers_the_vocabularies_in_drop_downs(client, vocab, staff_user):
    client.force_login(staff_user)
    book = load_workbook(io.BytesIO(template_of(client, "acteurs")))
    assert book[LISTS_TITLE].sheet_state == "hidden"
    validations = drop_downs(book)
    # No competence yet: no empty list either.
    assert set(validations) == {"Type", "Sphères", "Thèmes", "Statut", "Fiche fictive"}
    themes = validations["Thèmes"]
    assert themes.type == "list"
    assert listed_values(book, themes.formula1) == ["Alimentation", "Mobilité"]
    assert listed_values(book, validations["Type"].formula1) == ["Centre social"]
    assert listed_values(book, validations["Statut"].formula1)[0] == "Brouillon"
    # Several themes in a cell are allowed, and the help says how to write them.
    assert not themes.showErrorMessage
    assert "séparées par « ; »" in themes.prompt
    # A single value out of the list is flagged, not refused: the import has the last word.
    assert validations["Type"].showErrorMessage and validations["Type"].errorStyle == "warning"
    assert "Nom" not in validations
    assert str(themes.sqref).endswith("5000")


def test_links_templates_offer_the_kinds_and_roles(client, vocab, staff_user):
    client.force_login(staff_user)
    relations = load_workbook(io.BytesIO(template_of(client, "relations")))
    kinds = listed_values(relations, drop_downs(relations)["Nature"].formula1)
    assert "Partenariat" in kinds
    participations = load_workbook(io.BytesIO(template_of(client, "participations")))
    roles = listed_values(participations, drop_downs(participations)["Rôle"].formula1)
    assert "Financeur" in roles


def test_template_with_its_lists_still_imports_as_it_is(client, vocab, staff_user):
    client.force_login(staff_user)
    response = client.get(reverse("actors:import_template", kwargs={"kind": "acteurs"}))
    template = b"".join(response.streaming_content)
    report = import_report(template, user=staff_user, dry_run=True)
    assert report.file_error == "" and report.errors == []
    assert report.counts["new"] == 1
