"""Reads an uploaded spreadsheet (CSV, XLSX or ODS) into a table of text cells.

The format is told by the content, not by the file's name: a renamed binary is refused with a
French message, as is a formula (a value must be typed, never computed by the spreadsheet).
"""

import csv
import datetime
import io
import re
import zipfile
from dataclasses import dataclass, field

from django.conf import settings
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from actors.spreadsheets.about import ABOUT_TITLE

ZIP_MAGIC = b"PK\x03\x04"
ODS_MIMETYPE = b"application/vnd.oasis.opendocument.spreadsheet"
# A cell the export neutralised ("'=…", "'-…") reads back as the value itself.
NEUTRALISED_STARTS = ("'=", "'+", "'-", "'@", "'\t", "'\r")
MAX_COLUMNS = 200
# XLSX and ODS are zip archives: what they hold once unzipped is bounded too (a "zip bomb" of a
# few megabytes can unfold into gigabytes). An export of 10,000 fiches holds 22 MB (XLSX) to
# 39 MB (ODS).
MAX_UNZIPPED_BYTES = 400 * 1024 * 1024
# Reading costs what the file unzips to (openpyxl parses 2 to 3 MB of XML a second, shared
# strings included; the ODS reader about 8), so a file may not unzip to much more than a genuine
# one of its size: the site's exports of 200 to 20,000 fiches unzip to 6–10 times their size in
# XLSX, 12–29 times in ODS (35 for a small file of short rows much alike); a spreadsheet
# program's own files (shared strings, repeated cells) to less. Twice that is allowed, and a
# file under SMALL_FILE is allowed as much as one of that size: a few seconds of reading.
UNZIPPED_RATIO = {"xlsx": 20, "ods": 60}
SMALL_FILE = 512 * 1024
MAX_EMPTY_ROWS = 1000  # blank rows in a row after which a sheet is taken to end
MAX_ROWS = 100_000
CONTROL_CHARACTERS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
# UTF-8 read as Windows-1252: "é" shows as "Ã©". Found in a file that is not valid UTF-8, it
# means a mix of both encodings.
MIXED_ENCODING = re.compile(
    "Ã[\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]"
)


def _check_row_count(count: int) -> None:
    if count > MAX_ROWS + 1:
        raise ImportFileError(
            _("Le fichier a plus de %(max)s lignes : découpez-le en plusieurs fichiers.")
            % {"max": f"{MAX_ROWS:,}".replace(",", "\u202f")}
        )


class ImportFileError(Exception):
    """The file cannot be read as a table: the message says why, in French."""


@dataclass
class Table:
    headers: list[str]
    rows: list[list[str]]
    lines: list[int]  # the spreadsheet's line number of each row
    format: str
    header_line: int = 1
    # Each of the file's own headers, with the column key it fills ("" for none): `headers`.
    columns: list[tuple[str, str]] = field(default_factory=list)


def max_bytes(megabytes: int | None = None) -> int:
    return (megabytes or settings.IMPORT_MAX_MEGABYTES) * 1024 * 1024


def too_large(size: int, max_megabytes: int | None = None) -> str:
    """The French message for a file over the limit, or "" (the upload form says it too)."""
    if size <= max_bytes(max_megabytes):
        return ""
    return _(
        "Le fichier pèse %(size)s Mo : la limite est de %(limit)s Mo. Découpez-le en "
        "plusieurs fichiers."
    ) % {
        "size": round(size / 1024 / 1024, 1),
        "limit": max_megabytes or settings.IMPORT_MAX_MEGABYTES,
    }


def read_table(content: bytes, *, max_megabytes: int | None = None, header_row=None) -> Table:
    """The file's table. `header_row(first_rows)` says which of the first lines (0 for the
    first) holds the headers: a hand-kept file often has a title line, or blank ones, above
    them. Without it, the first line does."""
    if not content:
        raise ImportFileError(_("Le fichier est vide."))
    if message := too_large(len(content), max_megabytes):
        raise ImportFileError(message)
    if content.startswith(ZIP_MAGIC):
        cells, kind = _read_zip(content)
    else:
        cells, kind = _read_csv(content), "csv"
    return _as_table(cells, kind, header_row)


def _not_a_spreadsheet() -> ImportFileError:
    return ImportFileError(
        _(
            "Ce fichier n’est pas un tableur lisible. Déposez un fichier CSV, XLSX (Excel) "
            "ou ODS (LibreOffice), par exemple le modèle à télécharger sur cette page."
        )
    )


def _read_zip(content: bytes) -> tuple[list[list], str]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        kind = _zip_kind(archive)
        if kind is None:
            raise _not_a_spreadsheet()
        # The sizes the archive declares are the most zipfile ever unzips: checked before any
        # of it is read.
        _check_unzipped(sum(info.file_size for info in archive.infolist()), len(content), kind)
        return (_read_ods(content) if kind == "ods" else _read_xlsx(content)), kind
    except ImportFileError:
        raise
    except Exception as error:  # a damaged archive: zipfile, openpyxl and odfpy raise many kinds
        raise _not_a_spreadsheet() from error


def _zip_kind(archive: zipfile.ZipFile) -> str | None:
    names = set(archive.namelist())
    if "mimetype" in names:
        with archive.open("mimetype") as stream:  # its first bytes only: it may be a bomb too
            if stream.read(len(ODS_MIMETYPE) + 8).strip() == ODS_MIMETYPE:
                return "ods"
    return "xlsx" if "xl/workbook.xml" in names else None


def _check_unzipped(unzipped: int, size: int, kind: str) -> None:
    if unzipped > MAX_UNZIPPED_BYTES:
        raise ImportFileError(
            _(
                "Ce fichier décompressé dépasse %(size)s Mo : découpez-le en plusieurs "
                "fichiers ou enregistrez-le en CSV."
            )
            % {"size": MAX_UNZIPPED_BYTES // 1024 // 1024}
        )
    if unzipped > UNZIPPED_RATIO[kind] * max(size, SMALL_FILE):
        raise ImportFileError(
            _(
                "Ce fichier de %(size)s Mo se décompresse en %(unzipped)s Mo, bien plus qu’un "
                "tableur ordinaire de cette taille : il n’est pas lu. Enregistrez-le à nouveau "
                "depuis votre tableur, ou en CSV."
            )
            % {"size": _megabytes(size), "unzipped": _megabytes(unzipped)}
        )


def _megabytes(size: int) -> str:
    return number_format(size / 1024 / 1024, 1)


def _formula_error(line: int, column: int) -> ImportFileError:
    return ImportFileError(
        _(
            "Ligne %(line)s, colonne %(column)s : la cellule contient une formule. Les formules "
            "ne sont pas importées : copiez la cellule puis collez-la « en valeurs » et "
            "recommencez."
        )
        % {"line": line, "column": column}
    )


def _read_xlsx(content: bytes) -> list[list]:
    from openpyxl import load_workbook

    workbook = load_workbook(io.BytesIO(content), read_only=True, data_only=False)
    try:
        sheet = _table_sheet(workbook.worksheets)
        cells: list[list] = []
        empty_run = 0
        # Without max_col, rows come as long as their last cell, not as the declared dimension
        # (a sheet may claim a million rows by 16,384 columns).
        for line, row in enumerate(sheet.iter_rows(), 1):
            values = []
            for column, cell in enumerate(row[:MAX_COLUMNS], 1):
                if getattr(cell, "data_type", None) == "f":
                    raise _formula_error(line, column)
                values.append(cell.value)
            empty_run = 0 if any(v not in (None, "") for v in values) else empty_run + 1
            if empty_run > MAX_EMPTY_ROWS:
                break  # the rest is formatting, not data
            cells.append(values)
            _check_row_count(len(cells))
        return cells
    finally:
        workbook.close()


def _table_sheet(sheets):
    """The first sheet, but for the « À propos » the site's exports put before the table."""
    return next((sheet for sheet in sheets if sheet.title != ABOUT_TITLE), sheets[0])


TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
MAX_REPEATED_ROWS = 1000  # a filled row repeated more than this is a styling artefact


def _read_ods(content: bytes) -> list[list]:
    """The first sheet of an ODS (an « À propos » one skipped), read as a stream (odfpy's tree
    would take twenty times the XML's size in memory): each row is dropped once read."""
    from defusedxml.ElementTree import iterparse

    archive = zipfile.ZipFile(io.BytesIO(content))
    cells: list[list] = []
    depth = 0  # tables entered; only the first one is read
    with archive.open("content.xml") as stream:
        for event, element in iterparse(stream, events=("start", "end")):
            if element.tag == f"{TABLE}table":
                if element.get(f"{TABLE}name") == ABOUT_TITLE:
                    depth += -1 if event == "start" else 1  # its rows are not read
                elif event == "end":
                    break
                else:
                    depth += 1
            elif event == "end" and element.tag == f"{TABLE}table-row" and depth == 1:
                values = _ods_row(element, len(cells) + 1)
                repeat = int(element.get(f"{TABLE}number-rows-repeated") or 1)
                _check_row_count(len(cells))
                if any(value not in ("", None) for value in values):
                    cells.extend([values] * min(repeat, MAX_REPEATED_ROWS))
                else:
                    cells.extend([[]] * min(repeat, MAX_REPEATED_ROWS))
                element.clear()
    return cells


def _ods_row(row, line: int) -> list:
    values: list = []
    for cell in row:
        if cell.tag not in (f"{TABLE}table-cell", f"{TABLE}covered-table-cell"):
            continue
        if cell.get(f"{TABLE}formula"):
            raise _formula_error(line, len(values) + 1)
        repeat = int(cell.get(f"{TABLE}number-columns-repeated") or 1)
        values.extend([_ods_value(cell)] * min(repeat, MAX_COLUMNS - len(values)))
        if len(values) >= MAX_COLUMNS:
            break
    return values


def _ods_value(cell):
    kind = cell.get(f"{OFFICE}value-type")
    if kind in ("float", "percentage", "currency"):
        return float(cell.get(f"{OFFICE}value"))
    if kind == "date":
        return datetime.date.fromisoformat(cell.get(f"{OFFICE}date-value")[:10])
    return "\n".join(_text_of(p) for p in cell.findall(f"{TEXT}p"))  # not the comments' text


def _text_of(node) -> str:
    parts = [node.text or ""]
    for child in node:
        if child.tag == f"{TEXT}s":
            parts.append(" " * int(child.get(f"{TEXT}c") or 1))
        elif child.tag == f"{TEXT}tab":
            parts.append("\t")
        elif child.tag == f"{TEXT}line-break":
            parts.append("\n")
        else:
            parts.append(_text_of(child))
        parts.append(child.tail or "")
    return "".join(parts)


def _decode(content: bytes) -> str:
    if b"\x00" in content[:4096]:
        raise _not_a_spreadsheet()
    if content.startswith(b"\xef\xbb\xbf"):
        content = content[3:]
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError:
        decoded = content.decode("cp1252", errors="replace")
    # Windows-1252 leaves five bytes undefined: many of them means a binary file.
    if decoded.count("\ufffd") > 5:
        raise _not_a_spreadsheet()
    if MIXED_ENCODING.search(decoded):
        raise ImportFileError(
            _(
                "Ce fichier CSV mélange deux encodages (UTF-8 et Windows-1252) : les accents "
                "seraient abîmés. Enregistrez-le à nouveau en « CSV UTF-8 »."
            )
        )
    return decoded


def _read_csv(content: bytes) -> list[list]:
    decoded = _decode(content)
    if CONTROL_CHARACTERS.search(decoded):
        raise _not_a_spreadsheet()
    # A long Présentation is a long field; the file's size is bounded already.
    csv.field_size_limit(max(csv.field_size_limit(), len(decoded) + 1))
    # Told by the first line with two of one: a title above the headers may hold a comma.
    first_lines = decoded[:65536].split("\n", HEADER_SEARCH_LINES)[:HEADER_SEARCH_LINES]
    deciding = next(
        (line for line in first_lines if max(map(line.count, ";,\t")) >= 2), first_lines[0]
    )
    delimiter = max(";,\t", key=deciding.count)
    try:
        rows = []
        for row in csv.reader(io.StringIO(decoded, newline=""), delimiter=delimiter):
            rows.append(row)
            _check_row_count(len(rows))
        return rows
    except csv.Error as error:
        raise ImportFileError(
            _("Le fichier CSV est mal formé (%(detail)s).") % {"detail": error}
        ) from error


def cell_text(value) -> str:
    """A cell as the text it shows: 44.5 stays 44.5, 26000.0 becomes 26000, dates dd/mm/yyyy."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "oui" if value else "non"
    if isinstance(value, float) and value.is_integer() and abs(value) < 1e16:
        return str(int(value))
    if isinstance(value, datetime.datetime):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    text = str(value).strip()
    if text.startswith(NEUTRALISED_STARTS):
        return text[1:]
    return text


HEADER_SEARCH_LINES = 10  # a title and a few blank or note lines may sit above the headers


def _as_table(cells: list[list], kind: str, header_row=None) -> Table:
    for line, row in enumerate(cells, 1):
        for column, value in enumerate(row, 1):
            if isinstance(value, str) and value.lstrip().startswith("="):
                raise _formula_error(line, column)
    rows = [[cell_text(value) for value in row] for row in cells]
    while rows and not any(rows[-1]):
        rows.pop()
    if not rows:
        raise ImportFileError(_("Le fichier ne contient aucune ligne."))
    start = header_row(rows[:HEADER_SEARCH_LINES]) if header_row else 0
    headers = [" ".join(header.split()) for header in rows[start]]
    while headers and not headers[-1]:
        headers.pop()
    seen = set()
    for header in headers:
        if header and header in seen:
            raise ImportFileError(
                _("La colonne « %(header)s » apparaît deux fois dans la ligne des en-têtes.")
                % {"header": header}
            )
        seen.add(header)
    body, lines = [], []
    for line, row in enumerate(rows[start + 1 :], start + 2):
        if any(row):  # blank lines are skipped, but errors keep the spreadsheet's numbers
            body.append((row + [""] * len(headers))[: len(headers)])
            lines.append(line)
    return Table(headers=headers, rows=body, lines=lines, format=kind, header_line=start + 1)
