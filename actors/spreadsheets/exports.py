"""Spreadsheet exports of a directory search: the same filters as /acteurs/, the columns of
`columns.ACTORS` the user may see, constant memory for large lists. Every writer here passes its
rows through `formatting.safe_rows`: numbers stay numbers, dates dates, formulas are
neutralised; XLSX and ODS open ready to use (`xlsx_writer`, `ods_writer`)."""

import csv
from collections.abc import Iterator

from actors.spreadsheets.about import About
from actors.spreadsheets.columns import Column
from actors.spreadsheets.formatting import csv_text, safe_rows
from actors.spreadsheets.ods_writer import ods_sheets
from actors.spreadsheets.records import actor_records
from actors.spreadsheets.xlsx_writer import xlsx_sheets

__all__ = ["csv_lines", "csv_of", "ods_of", "rows", "xlsx_file", "xlsx_of", "xlsx_sheets"]


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
        yield writer.writerow([csv_text(value) for value in row])


def xlsx_file(actors, columns):
    return xlsx_of(rows(actors, columns), title="Acteurs")


def xlsx_of(table_rows, *, title: str, about: About | None = None):
    """An XLSX written row by row into a temporary file (see `xlsx_writer`)."""
    return xlsx_sheets([(title, table_rows)], about=about)


def ods_of(table_rows, *, title: str = "Tableau", about: About | None = None) -> bytes:
    return ods_sheets([(title, table_rows)], about=about)
