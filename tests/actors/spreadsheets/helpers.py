"""Files to import and the import itself, for the import tests."""

import csv
import io

from actors.spreadsheets import imports

HEADERS = ["Nom", "Type", "Sphères", "En une phrase", "Thèmes", "Code INSEE", "SIRET"]


def csv_bytes(rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def import_report(content, *, user, dry_run=False, kind="acteurs", valid_rows_only=False):
    report, _format = imports.run_import(
        kind=kind,
        content=content,
        filename="f",
        user=user,
        dry_run=dry_run,
        valid_rows_only=valid_rows_only,
        reason="Import de test",
    )
    return report
