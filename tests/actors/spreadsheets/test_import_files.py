"""Reading an imported file: formats, encodings, formulas, and every kind of bad file."""

import io
import zipfile

import pytest
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from odf.opendocument import OpenDocumentSpreadsheet
from odf.table import Table, TableCell, TableRow
from odf.text import P
from openpyxl import Workbook

from actors.models import Actor
from tests.actors.factories import CommuneFactory
from tests.actors.spreadsheets.helpers import (
    HEADERS,
    csv_bytes,
    import_report,
    inflated_xlsx,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def ods_bytes(rows, formula_at=None) -> bytes:
    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Acteurs")
    for line, row in enumerate(rows):
        table_row = TableRow()
        for column, value in enumerate(row):
            if (line, column) == formula_at:
                cell = TableCell(valuetype="float", value="2", formula="of:=1+1")
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            table_row.addElement(cell)
        sheet.addElement(table_row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_windows_1252_comma_separated_and_iso_dates(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS + ["Vérifiée le"],
            [
                "Épicerie",
                "Centre social",
                "Action sociale",
                "Crée du lien",
                "",
                "26113",
                "",
                "2026-11-21",
            ],
        ],
        delimiter=",",
        encoding="cp1252",
    )
    report = import_report(content, user=staff_user)
    assert report.errors == []
    actor = Actor.objects.get()
    assert actor.name == "Épicerie" and actor.pitch == "Crée du lien"
    assert actor.last_checked_at.date().isoformat() == "2026-11-21"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"%PDF-1.4\x00\x01\x02binary" * 50, "n’est pas un tableur lisible"),
        (b"PK\x03\x04 renamed but broken zip" * 20, "n’est pas un tableur lisible"),
        (bytes(range(256)) * 40, "n’est pas un tableur lisible"),
        (
            b"Maison;Centre social;Action sociale\n",
            "La première ligne doit donner les noms",
        ),
        (csv_bytes([HEADERS]), "aucune donnée"),
        (csv_bytes([HEADERS, ["=1+1", "Centre social", "", "", "", "", ""]]), "formule"),
    ],
    ids=["empty", "pdf", "broken-zip", "binary", "no-headers", "headers-only", "formula"],
)
def test_bad_files_get_a_french_message_and_nothing_is_written(vocab, staff_user, content, message):
    report = import_report(content, user=staff_user)
    assert message in report.file_error
    assert not report.written
    assert not Actor.objects.exists()


def test_formula_cell_in_xlsx_is_refused(vocab, staff_user):
    content = xlsx_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "=A1", "", "26113", ""]]
    )
    report = import_report(content, user=staff_user)
    assert "Ligne 2, colonne 4" in report.file_error and "formule" in report.file_error


def test_xlsx_numbers_keep_their_leading_zeros(vocab, staff_user):
    ain = CommuneFactory(key="01053", name="Bourg-en-Bresse")
    content = xlsx_bytes(
        [
            HEADERS + ["Code postal"],
            ["Maison", "Centre social", "Action sociale", "Accueil", "", 1053, None, 1000],
        ]
    )
    report = import_report(content, user=staff_user)
    assert report.errors == []
    actor = Actor.objects.get()
    assert (actor.commune, actor.postcode) == (ain, "01000")


def test_ods_files_are_read_and_their_formulas_refused(vocab, staff_user):
    rows = [HEADERS, ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]]
    report = import_report(ods_bytes(rows, formula_at=(1, 3)), user=staff_user)
    assert "Ligne 2, colonne 4" in report.file_error and "formule" in report.file_error
    assert import_report(ods_bytes(rows), user=staff_user).counts["new"] == 1
    assert Actor.objects.get().name == "Maison"


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=3000) | st.text(max_size=600).map(str.encode))
def test_any_bytes_give_a_report_never_an_exception(vocab, staff_user, content):
    for kind in ("acteurs", "relations"):
        report = import_report(content, user=staff_user, kind=kind, dry_run=True)
        assert report.file_error or report.rows or report.errors
    assert not Actor.objects.exists()


def test_a_zip_bomb_is_refused_before_it_is_unfolded(vocab, staff_user, settings):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (80 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 1024 * 1024
    report = import_report(content, user=staff_user)
    assert "décompressé dépasse 400 Mo" in report.file_error


def test_an_xlsx_whose_shared_strings_unfold_far_beyond_its_size_is_refused(vocab, staff_user):
    # A genuine sheet of one row, and 12 MB of shared strings no cell uses: a file of about
    # 130 KB that openpyxl would spend seconds (minutes for 85 MB) and gigabytes reading.
    content = inflated_xlsx(12 * 1024 * 1024)
    assert len(content) < 200 * 1024
    report = import_report(content, user=staff_user, dry_run=True)
    assert "se décompresse en 12,1 Mo" in report.file_error
    assert "bien plus qu’un tableur ordinaire de cette taille" in report.file_error
    assert report.rows == []


# --- found in review: each of these once gave a wrong result or an error page ---------------


def test_a_sheet_claiming_a_million_rows_is_read_quickly(vocab, staff_user):
    book = Workbook()
    sheet = book.active
    for column, header in enumerate(HEADERS, 1):
        sheet.cell(row=1, column=column, value=header)
    for column, value in enumerate(["Maison", "Centre social", "Action sociale", "Ok"], 1):
        sheet.cell(row=2, column=column, value=value)
    sheet.cell(row=2, column=6, value="26113")
    sheet.cell(row=1_048_576, column=200, value="loin")
    buffer = io.BytesIO()
    book.save(buffer)
    report = import_report(buffer.getvalue(), user=staff_user, dry_run=True)
    assert report.counts["new"] == 1 and report.errors == []


def test_a_csv_mixing_encodings_is_refused(vocab, staff_user):
    content = "Nom;Type\nÉpicerie;Centre social\n".encode() + "Café;Centre social\n".encode(
        "cp1252"
    )
    report = import_report(content, user=staff_user)
    assert "mélange deux encodages" in report.file_error
