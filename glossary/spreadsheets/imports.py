"""The glossary's import: the file read (`actors.spreadsheets.reading`, its limits and its
refusals), each row checked and compared with the stored term, then — on confirmation, and only
when no row is in error — every row written at once by `glossary.services.load_glossary`, in
the importer's name. `run_glossary_import` has the signature of `imports.run_import`, so the
directory's `preview` and `confirm` keep the file and the report between the two."""

from contextlib import nullcontext
from dataclasses import asdict

from django.db import DatabaseError, transaction
from django.utils.translation import gettext as _

from actors.spreadsheets.imports import STATUS_LABELS, Report, read_sheet
from actors.spreadsheets.reading import ImportFileError
from glossary import selectors
from glossary.entries import term_entry
from glossary.services import GlossaryDataError, load_glossary
from glossary.spreadsheets.changes import describe
from glossary.spreadsheets.checks import check_rows, effective_links
from glossary.spreadsheets.columns import GLOSSARY
from glossary.spreadsheets.rows import RowReader, layout_of


def read_rows(table, progress=None):
    """The file's rows, each checked against the stored glossary and the other rows (and
    counted by a background job's `progress`)."""
    layout = layout_of(table.headers)
    terms = {term.slug: term for term in selectors.open_data_terms()}
    reader = RowReader(layout, {slug: term_entry(term) for slug, term in terms.items()})
    lines = zip(table.lines, table.rows, strict=True)
    if progress is not None:
        progress.set_total(len(table.rows))
        lines = progress.track(lines)
    rows = [
        reader.read(line, dict(zip(table.headers, cells, strict=True))) for line, cells in lines
    ]
    unique = check_rows(rows, terms)
    describe(rows, layout, effective_links(unique))
    return layout, rows


def run_glossary_import(
    *, content: bytes, user, dry_run: bool, reason: str = "", max_megabytes=None, progress=None,
    **_unused,
) -> tuple[Report, str]:  # fmt: skip
    """The report of the file and its format (csv, xlsx, ods); written only when `dry_run` is
    false and no row is in error. Its other arguments are `run_import`'s, unused here: a
    glossary import is always all or nothing."""
    report = Report()
    try:
        table = read_sheet(content, GLOSSARY, set(GLOSSARY.headers()), max_megabytes)
    except ImportFileError as error:
        report.file_error = str(error)
        return report, ""
    layout, rows = read_rows(table, progress)
    report.ignored_columns = layout.ignored
    report.counts = dict.fromkeys(STATUS_LABELS, 0)
    for row in rows:
        report.counts[row.status] += 1
        report.errors += [asdict(error) for error in row.errors]
        report.rows.append(
            {
                "line": row.line,
                "status": row.status,
                "label": row.entry["word"] or row.values.get(GLOSSARY.header("word"), ""),
                "object_id": row.slug if row.status != "invalid" else None,
                "changes": row.changes,
            }
        )
    if not dry_run and not report.errors:
        with progress.writing() if progress is not None else nullcontext():
            _write(report, rows, user=user, reason=reason)
    return report, table.format


def _write(report: Report, rows, *, user, reason: str) -> None:
    try:
        with transaction.atomic():
            load_glossary({"terms": [row.entry for row in rows]}, user=user, reason=reason)
    except (GlossaryDataError, DatabaseError) as error:  # the checks should have said it
        report.file_error = _("L’import a échoué : %(error)s") % {"error": error}
        return
    report.written = True
