"""XLSX and ODS exports open ready to use: header frozen, bold, with filter buttons, columns
fitted to their content, dates as dates, and an « À propos » sheet saying where the file comes
from (the filters in words), with a file name that says what it holds."""

import datetime
import io
import zipfile

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook

from actors.spreadsheets.about import ABOUT_TITLE
from actors.spreadsheets.reading import read_table
from tests.actors.factories import ActorFactory, CommuneFactory, ThemeFactory

pytestmark = pytest.mark.django_db

DIE_FILTERS = {"theme": "mobilite", "autour": "26113", "rayon": "20"}


@pytest.fixture
def mobility(db):
    die = CommuneFactory(key="26113", code="26113", name="Die", slug="die")
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    ActorFactory(name="Garage solidaire du Diois", commune=die, themes=[theme],
                 latitude=44.75, longitude=5.37)  # fmt: skip
    ActorFactory(name="Autopartage", commune=die, themes=[theme], latitude=44.76, longitude=5.36)
    ActorFactory(name="Épicerie sans le thème", commune=die)
    return die


def download(client, extension, **params):
    response = client.get(reverse("actors:actors_export", kwargs={"extension": extension}), params)
    assert response.status_code == 200
    body = b"".join(response.streaming_content) if response.streaming else response.content
    return response, body


def about_of(sheet) -> dict:
    return dict(sheet.iter_rows(values_only=True))


def test_xlsx_opens_on_a_frozen_filtered_table_with_fitted_columns(client, mobility):
    _response, body = download(client, "xlsx", **DIE_FILTERS)
    workbook = load_workbook(io.BytesIO(body))
    assert workbook.sheetnames == [ABOUT_TITLE, "Acteurs"]
    sheet = workbook.active
    assert sheet.title == "Acteurs"
    assert sheet.freeze_panes == "A2"
    last_column = sheet.cell(row=1, column=sheet.max_column).column_letter
    assert sheet.auto_filter.ref == f"A1:{last_column}3"  # the header and two fiches
    assert all(cell.font.bold for cell in sheet[1])
    assert not sheet["A2"].font.bold
    width = {cell.value: sheet.column_dimensions[cell.column_letter].width for cell in sheet[1]}
    # « Garage solidaire du Diois » is 25 characters: the column fits it; a short one stays
    # wide enough for its filter button, and none is wider than a screen.
    assert width["Nom"] >= len("Garage solidaire du Diois")
    assert width["Sigle"] == 10
    assert all(10 <= value <= 60 for value in width.values())


def test_xlsx_dates_are_dates_shown_in_french_and_numbers_numbers(client, mobility):
    _response, body = download(client, "xlsx", **DIE_FILTERS)
    sheet = load_workbook(io.BytesIO(body))["Acteurs"]
    headers = [cell.value for cell in sheet[1]]
    updated = sheet.cell(row=2, column=headers.index("Mise à jour") + 1)
    assert updated.is_date
    assert updated.number_format == "DD/MM/YYYY"
    assert updated.value.date() == timezone.localdate()
    latitude = sheet.cell(row=2, column=headers.index("Latitude") + 1)
    assert latitude.data_type == "n"


def test_about_sheet_says_the_site_the_date_the_filters_and_the_row_count(client, mobility):
    response, body = download(client, "xlsx", **DIE_FILTERS)
    about = about_of(load_workbook(io.BytesIO(body))[ABOUT_TITLE])
    assert about["Contenu"] == "Annuaire des acteurs"
    assert about["Filtres"] == (
        "Thème : Mobilité ; Autour de la commune : Die (26) ; Rayon (km) : 20"
    )
    assert about["Nombre de lignes"] == 2
    assert isinstance(about["Exporté le"], datetime.datetime)
    assert about["Exporté le"].date() == timezone.localdate()
    assert "/acteurs/?theme=mobilite&autour=26113&rayon=20" in about["Site"]
    assert "Licence Ouverte" in about["Licence"]
    today = f"{timezone.localdate():%Y-%m-%d}"
    assert response["Content-Disposition"] == (
        f'attachment; filename="mailleurs-acteurs-mobilite-die-{today}.xlsx"'
    )


def test_without_filters_the_file_says_so(client, mobility):
    response, body = download(client, "xlsx")
    about = about_of(load_workbook(io.BytesIO(body))[ABOUT_TITLE])
    assert about["Filtres"].startswith("aucun")
    assert about["Nombre de lignes"] == 3
    assert (
        f'filename="mailleurs-acteurs-{timezone.localdate():%Y-%m-%d}.xlsx"'
        in (response["Content-Disposition"])
    )


def test_csv_stays_a_plain_table_with_a_telling_name(client, mobility):
    response, body = download(client, "csv", **DIE_FILTERS)
    text = body.decode("utf-8-sig")
    assert text.startswith("Nom;")
    assert ABOUT_TITLE not in text
    assert f";{timezone.localdate():%d/%m/%Y};" in text  # « Mise à jour » as the import reads it
    assert "mailleurs-acteurs-mobilite-die-" in response["Content-Disposition"]


def test_ods_has_the_same_layout(client, mobility):
    response, body = download(client, "ods", **DIE_FILTERS)
    with zipfile.ZipFile(io.BytesIO(body)) as archive:
        content = archive.read("content.xml").decode()
        settings = archive.read("settings.xml").decode()
    # « À propos » first, then the table with its filter buttons over the header and 2 rows.
    assert content.index(f'table:name="{ABOUT_TITLE}"') < content.index('table:name="Acteurs"')
    assert "table:target-range-address=\"'Acteurs'.A1:'Acteurs'." in content
    assert 'table:display-filter-buttons="true"' in content
    assert "Thème : Mobilité ; Autour de la commune : Die (26) ; Rayon (km) : 20" in content
    assert f'office:date-value="{timezone.localdate().isoformat()}"' in content
    assert 'fo:font-weight="bold"' in content
    assert 'style:column-width="' in content
    assert 'config:name="VerticalSplitMode" config:type="short">2<' in settings
    assert "mailleurs-acteurs-mobilite-die-" in response["Content-Disposition"]


@pytest.mark.parametrize("extension", ["xlsx", "ods"])
def test_the_import_reads_the_table_not_the_about_sheet(client, mobility, extension):
    _response, body = download(client, extension, **DIE_FILTERS)
    table = read_table(body)
    assert table.headers[:2] == ["Nom", "Sigle"]
    assert sorted(row[0] for row in table.rows) == ["Autopartage", "Garage solidaire du Diois"]
    updated = table.rows[0][table.headers.index("Mise à jour")]
    assert updated == f"{timezone.localdate():%d/%m/%Y}"
