"""Files to import and the import itself, for the import tests."""

import csv
import io
import itertools
import zipfile

from openpyxl import Workbook

from actors.spreadsheets import imports

HEADERS = ["Nom", "Type", "Sphères", "En une phrase", "Thèmes", "Code INSEE", "SIRET"]


def csv_bytes(rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows, *, merged: str = "") -> bytes:
    """An XLSX of `rows` on its first sheet; `merged` (« A1:F1 ») merges those cells."""
    book = Workbook()
    for row in rows:
        book.active.append(row)
    if merged:
        book.active.merge_cells(merged)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def import_report(
    content, *, user, dry_run=False, kind="acteurs", valid_rows_only=False, **options
):
    report, _format = imports.run_import(
        kind=kind,
        **options,
        content=content,
        filename="f",
        user=user,
        dry_run=dry_run,
        valid_rows_only=valid_rows_only,
        reason="Import de test",
    )
    return report


SHARED_STRINGS = "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"


def inflated_xlsx(strings_bytes: int) -> bytes:
    """A genuine XLSX (a line of headers and one row) given a shared-strings table of about
    `strings_bytes` once unzipped, of repetitive strings no cell uses: a small file that unfolds
    into much XML (an "XLSX bomb")."""
    book = Workbook()
    book.active.append(HEADERS[:2])
    book.active.append(["Maison des projets", "Centre social"])
    original = io.BytesIO()
    book.save(original)
    inflated = io.BytesIO()
    with (
        zipfile.ZipFile(original) as source,
        zipfile.ZipFile(inflated, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "[Content_Types].xml":
                override = (
                    f'<Override PartName="/xl/sharedStrings.xml" ContentType="{SHARED_STRINGS}"/>'
                )
                data = data.replace(b"</Types>", override.encode() + b"</Types>")
            target.writestr(info, data)
        with target.open("xl/sharedStrings.xml", "w") as stream:
            _write_strings(stream, strings_bytes)
    return inflated.getvalue()


def _write_strings(stream, size: int) -> None:
    stream.write(b'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">')
    entries = (b"<si><t>Ligne %d</t></si>" % (number % 1000) for number in itertools.count())
    written = 0
    while written < size:
        chunk = b"".join(itertools.islice(entries, 10_000))
        stream.write(chunk)
        written += len(chunk)
    stream.write(b"</sst>")
