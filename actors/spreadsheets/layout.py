"""What the XLSX and ODS writers share to make a table open ready to use: each column as wide
as its content (read from the first rows, so that a large export still streams), within bounds;
how a date is shown."""

import datetime
import itertools
from collections.abc import Iterable, Iterator

# Widths in characters: a column never narrower than its filter button needs, never wider than
# a screen can show beside another; a long text wraps in the cell when opened.
MIN_WIDTH, MAX_WIDTH = 10, 60
SAMPLE_ROWS = 200
DATE_FORMAT = "DD/MM/YYYY"  # JJ/MM/AAAA in a French spreadsheet
DATETIME_FORMAT = "DD/MM/YYYY HH:MM"


def sampled(table_rows: Iterable[list]) -> tuple[list[list], Iterator[list]]:
    """The first rows (header included), and all the rows again, in order, as one iterator."""
    rows = iter(table_rows)
    sample = list(itertools.islice(rows, SAMPLE_ROWS))
    return sample, itertools.chain(sample, rows)


def column_widths(sample: list[list]) -> list[int]:
    """One width per column: its longest line among the sampled cells, plus room for the
    header's filter button."""
    columns = max((len(row) for row in sample), default=0)
    widths = [0] * columns
    for row in sample:
        for index, value in enumerate(row):
            widths[index] = max(widths[index], _shown_length(value))
    return [min(max(width + 2, MIN_WIDTH), MAX_WIDTH) for width in widths]


def _shown_length(value) -> int:
    if isinstance(value, datetime.datetime):
        return len(DATETIME_FORMAT)
    if isinstance(value, datetime.date):
        return len(DATE_FORMAT)
    text = "" if value is None else str(value)
    return max((len(line) for line in text.split("\n")), default=0)


def date_format(value) -> str | None:
    """The number format of a date cell, None for any other value."""
    if isinstance(value, datetime.datetime):
        return DATETIME_FORMAT
    if isinstance(value, datetime.date):
        return DATE_FORMAT
    return None
