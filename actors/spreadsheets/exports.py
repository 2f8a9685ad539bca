"""Spreadsheet exports of a directory search: the same filters as /acteurs/, the columns of
`columns.ACTORS` the user may see, constant memory for large lists. Every writer here passes its
rows through `formatting.safe_rows`: numbers stay numbers, formulas are neutralised."""

import csv
import io
import tempfile
from collections.abc import Iterator

import tablib
from openpyxl import Workbook

from actors.spreadsheets.columns import Column
from actors.spreadsheets.formatting import safe_rows
from actors.spreadsheets.records import actor_records


def rows(actors, columns: list[Column]) -> Iterator[list[str]]:
    """Header, then one row per actor, read in batches so memory stays flat: the values as they
    are (a writer makes them safe)."""
    yield [column.header for column in columns]
    for record in actor_records(actors):
        yield [column.value(record) for column in columns]


class _Echo:
    def write(self, value):
        return value


def csv_lines(actors, columns) -> Iterator[str]:
    return csv_of(rows(actors, columns))


def csv_of(table_rows) -> Iterator[str]:
    """UTF-8 with BOM and ";" so that Excel in French opens it right away."""
    writer = csv.writer(_Echo(), delimiter=";")
    yield "\ufeff"
    for row in safe_rows(table_rows):
        yield writer.writerow(row)


def xlsx_file(actors, columns):
    return xlsx_of(rows(actors, columns), title="Acteurs")


def xlsx_of(table_rows, *, title: str):
    """An XLSX written row by row (openpyxl's write-only mode) into a temporary file."""
    return xlsx_sheets([(title, table_rows)])


def xlsx_sheets(sheets):
    """Several sheets, `[(title, rows), …]`, written the same way: every cell goes through
    `safe_rows` (numbers stay numbers, text that could run as a formula is neutralised)."""
    workbook = Workbook(write_only=True)
    for title, table_rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        for row in safe_rows(table_rows):
            sheet.append(row)
    handle = tempfile.TemporaryFile()  # noqa: SIM115  FileResponse closes it once sent
    workbook.save(handle)
    handle.seek(0)
    return handle


def ods_of(table_rows) -> bytes:
    """ODS has no streaming writer: built in memory (tablib), fine for the sizes people open
    in LibreOffice; CSV and XLSX are the formats for very large lists."""
    data = tablib.Dataset()
    generated = safe_rows(table_rows)
    data.headers = next(generated)
    for row in generated:
        data.append(row)
    buffer = io.BytesIO(data.export("ods"))
    return buffer.getvalue()
