"""How a value becomes the cell of an exported spreadsheet: lists joined with " ; ", French
dates, contacts as the import reads them back, and — for every cell the site writes, in any
file (`safe_row`) — numbers kept as numbers, formulas neutralised."""

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
    XLSX and ODS, its plain digits in CSV: -0.5); anything else becomes text, and a text a
    spreadsheet would take for a formula gets a leading apostrophe (the import removes it)."""
    number = isinstance(value, int | float | Decimal) and not isinstance(value, bool)
    if number and math.isfinite(value):
        return value
    text = "" if value is None else CONTROL_CHARACTERS.sub("", str(value))
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def safe_row(row: Iterable) -> list:
    return [safe_cell(value) for value in row]


def safe_rows(table_rows: Iterable[Iterable]) -> Iterator[list]:
    """What every writer (CSV, XLSX, ODS, the import templates) writes: see `safe_cell`."""
    for row in table_rows:
        yield safe_row(row)


def joined(items) -> str:
    return SEPARATOR.join(str(item) for item in items)


def day(value) -> str:
    return timezone.localtime(value).strftime("%d/%m/%Y") if value else ""


def contact_text(name, role, profession, email, phone) -> str:
    """« Nom / fonction / métier : … / courriel / téléphone », empty parts left out. The prefix
    tells the métier from a fonction that bears the same words, so the import reads it back."""
    profession = f"{PROFESSION_PREFIX}{profession}" if profession else ""
    return " / ".join(part for part in (name, role, profession, email, phone) if part)
