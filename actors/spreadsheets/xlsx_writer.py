"""XLSX tables that open ready to use, written row by row (openpyxl's write-only mode) into a
temporary file: the header in bold, frozen, with an autofilter; columns fitted to their content;
dates as dates shown JJ/MM/AAAA; an « À propos » sheet first when the file says where it comes
from. Every cell is made safe first (`formatting.safe_rows`)."""

import tempfile

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from actors.spreadsheets.about import ABOUT_TITLE, About
from actors.spreadsheets.formatting import safe_rows
from actors.spreadsheets.layout import column_widths, date_format, sampled

BOLD = Font(bold=True)
ABOUT_WIDTHS = (22, 100)


def xlsx_sheets(sheets, *, about: About | None = None):
    """`[(title, rows), …]` as a workbook's sheets, each row's first one its header; with
    `about`, an « À propos » sheet first giving the rows of the first table. The file opens on
    the first table."""
    workbook = Workbook(write_only=True)
    about_sheet = workbook.create_sheet(title=ABOUT_TITLE) if about else None
    counts = [_write_table(workbook, title, table_rows) for title, table_rows in sheets]
    if about_sheet is not None:
        _write_about(about_sheet, about.rows(counts[0] if counts else 0))
        workbook.active = 1
    handle = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent
    workbook.save(handle)
    handle.seek(0)
    return handle


def _write_table(workbook, title: str, table_rows) -> int:
    """Writes the sheet, and says how many rows under the header it holds."""
    sheet = workbook.create_sheet(title=title[:31])
    sample, rows = sampled(safe_rows(table_rows))
    widths = column_widths(sample)
    for index, width in enumerate(widths, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    sheet.freeze_panes = "A2"
    count = 0
    for count, row in enumerate(rows):
        sheet.append(_header(sheet, row) if count == 0 else _cells(sheet, row))
    if widths:
        sheet.auto_filter.ref = f"A1:{get_column_letter(len(widths))}{count + 1}"
    return count


def _header(sheet, row: list) -> list:
    cells = []
    for value in row:
        cell = WriteOnlyCell(sheet, value=value)
        cell.font = BOLD
        cells.append(cell)
    return cells


def _cells(sheet, row: list) -> list:
    """The row as it is, but for dates: a cell with the French format."""
    if not any(date_format(value) for value in row):
        return row
    cells = []
    for value in row:
        if number_format := date_format(value):
            value = WriteOnlyCell(sheet, value=value)
            value.number_format = number_format
        cells.append(value)
    return cells


def _write_about(sheet, rows: list[list]) -> None:
    for index, width in enumerate(ABOUT_WIDTHS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    for label, value in safe_rows(rows):
        label_cell = WriteOnlyCell(sheet, value=label)
        label_cell.font = BOLD
        value_cell = WriteOnlyCell(sheet, value=value)
        value_cell.alignment = Alignment(wrap_text=True, vertical="top", horizontal="left")
        if number_format := date_format(value):
            value_cell.number_format = number_format
        sheet.append([label_cell, value_cell])
