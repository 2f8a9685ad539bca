"""How a value becomes the cell of an exported spreadsheet: lists joined with " ; ", dates,
contacts as the import reads them back, and — for every cell the site writes, in any file
(`safe_row`) — numbers kept as numbers, dates as dates, formulas neutralised."""

import datetime
import math
import re
from collections.abc import Iterable, Iterator
from decimal import Decimal

from django.utils import timezone

SEPARATOR = " ; "
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
PROFESSION_PREFIX = "métier : "
# Characters XML 1.0 forbids (openpyxl refuses them) and the import refuses in a CSV.
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")


def safe_cell(value):
    """A cell a spreadsheet shows and never runs. A number stays a number (a numeric cell in
    XLSX and ODS, its plain digits in CSV: -0.5), a date a date (see `csv_text` for CSV);
    anything else becomes text, and a text a spreadsheet would take for a formula gets a
    leading apostrophe (the import removes it)."""
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if number and math.isfinite(value):
        return value
    if isinstance(value, datetime.datetime):
        # Spreadsheets know no time zones: the local time, as the site shows it.
        return timezone.localtime(value).replace(tzinfo=None) if timezone.is_aware(value) else value
    if isinstance(value, datetime.date):
        return value
    text = "" if value is None else CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def safe_rows(table_rows: Iterable[Iterable]) -> Iterator[list]:
    """What every writer (CSV, XLSX, ODS, the import templates) writes: see `safe_cell`."""
    for row in table_rows:
        yield safe_row(row)


def csv_text(value):
    """A safe cell as CSV writes it: a date in French (21/11/2026), as the import reads it."""
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    return value


def joined(items) -> str:
    return SEPARATOR.join(str(item) for item in items)


def day(value) -> datetime.date | str:
    """The local day of a moment, a date cell in XLSX and ODS, 21/11/2026 in CSV; "" if none."""
    return timezone.localdate(value) if value else ""


def contact_text(name, role, profession, email, phone) -> str:
    """« Nom / fonction / métier : … / courriel / téléphone », empty parts left out. The prefix
    tells the métier from a fonction that bears the same words, so the import reads it back."""
    profession = f"{PROFESSION_PREFIX}{profession}" if profession else ""
    return " / ".join(part for part in (name, role, profession, email, phone) if part)
