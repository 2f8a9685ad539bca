"""Spreadsheet imports: read the file, run it through its resource (dry run for the preview,
for real on confirmation), and describe every row in a report the pages show and keep.

`preview` and `confirm` keep the file and its report in an `ImportRecord` whatever reads it:
they take the function that runs the import (`run_import` for the directory's sheets; the
glossary brings its own, with the same signature and the same `Report`)."""

import os
from contextlib import nullcontext
from dataclasses import asdict, dataclass, field

import tablib
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from import_export.results import RowResult

from actors.directory.search_index import deferred_refresh, deferred_refresh_cancel
from actors.models import Actor, ImportMapping, ImportRecord
from actors.spreadsheets import suggestions
from actors.spreadsheets.columns import ROW_LABEL_HEADERS, Sheet
from actors.spreadsheets.headers import HeaderMatcher
from actors.spreadsheets.reading import ImportFileError, Table, read_table
from actors.spreadsheets.resources.actors import ActorResource
from actors.spreadsheets.resources.participations import ParticipationResource
from actors.spreadsheets.resources.relations import RelationResource

RESOURCES = {
    resource.sheet.kind: resource
    for resource in (ActorResource, RelationResource, ParticipationResource)
}
# The kinds of file /import/ reads (the glossary's are read on its own page).
DIRECTORY_KINDS = tuple(RESOURCES)

STATUS_OF = {
    RowResult.IMPORT_TYPE_NEW: "new",
    RowResult.IMPORT_TYPE_UPDATE: "updated",
    RowResult.IMPORT_TYPE_SKIP: "unchanged",
    RowResult.IMPORT_TYPE_INVALID: "invalid",
    RowResult.IMPORT_TYPE_ERROR: "invalid",
}
FILENAME_LENGTH = ImportRecord._meta.get_field("filename").max_length
LONGEST_EXTENSION = 10  # after the last dot, more than this is part of the name

STATUS_LABELS = {
    "new": _("nouvelle"),
    "updated": _("modifiée"),
    "unchanged": _("inchangée"),
    "invalid": _("en erreur"),
}


@dataclass
class CellError:
    line: int
    column: str
    message: str
    value: str = ""


@dataclass
class Report:
    rows: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    ignored_columns: list[str] = field(default_factory=list)
    # Vocabulary values close to the site's, for all rows at once (see `suggestions`).
    suggestions: list[dict] = field(default_factory=list)
    # The file's columns and the column key each fills ("" for none), for the mapping step.
    columns: list[list[str]] = field(default_factory=list)
    file_error: str = ""
    written: bool = False

    @property
    def has_errors(self) -> bool:
        return bool(self.errors or self.file_error)


MAPPABLE = 2  # columns recognised without a marker: enough to be told apart from data


def read_sheet(
    content: bytes, sheet: Sheet, known: set[str], max_megabytes=None, mapping=None,
    *, mappable=False,
) -> Table:  # fmt: skip
    """The file's table, once a line among the first ones is found to name `sheet`'s columns
    (one of its markers at least, or when `mappable` two columns the mapping step can complete)
    and data lines follow; otherwise an `ImportFileError` in French. Headers are renamed to the
    sheet's own (« NOM » → « Nom ») as `mapping` (a file header → a column key) or
    `HeaderMatcher` says; `table.columns` keeps the file's."""
    matcher = HeaderMatcher(sheet, mapping)
    table = read_table(content, max_megabytes=max_megabytes, header_row=matcher.header_row)
    table.columns = matcher.columns(table.headers)
    table.headers = [
        sheet.header(key) if key else _ignored_header(header, known)
        for header, key in table.columns
    ]
    recognised = sum(1 for _header, key in table.columns if key)
    if not set(sheet.marker_headers()) & set(table.headers) and not (
        mappable and recognised >= MAPPABLE
    ):
        expected = ", ".join(f"« {name} »" for name in sorted(known))
        raise ImportFileError(
            _(
                "La première ligne doit donner les noms des colonnes, comme dans le modèle à "
                "télécharger (une ligne de titre au-dessus est permise). Colonnes reconnues : "
                "%(expected)s."
            )
            % {"expected": expected}
        )
    if not table.rows:
        raise ImportFileError(_("Le fichier n’a que la ligne des en-têtes : aucune donnée."))
    return table


def _ignored_header(header: str, known: set[str]) -> str:
    """A column left aside keeps its name, unless the import would read it by that name."""
    return f"{header} ({_('ignorée')})" if header in known else header


def ignored_columns(table: Table) -> list[str]:
    """The file's columns the import does not read, by their names in the file."""
    return [header for header, key in table.columns if header and not key]


def run_import(
    *,
    kind: str,
    content: bytes,
    filename: str,
    user,
    dry_run: bool,
    valid_rows_only=False,
    reason: str = "",
    max_megabytes: int | None = None,
    mapping: dict[str, str] | None = None,
    substitutions: list[dict] | None = None,
    progress=None,
) -> tuple[Report, str]:
    """Returns the report and the file's format (csv, xlsx, ods). `mapping` (a header of the
    file → the key of the column it fills, "" to leave it aside) overrides the headers' names;
    `substitutions` (column, value, suggestion) are the suggestions accepted for all rows. A
    background job's `progress` is given the rows' count, then each row as it is done; an
    import for real tells it when it starts writing (no cancelling after)."""
    report = Report()
    resource = RESOURCES[kind](user=user, reason=reason)
    known = resource.known_columns()
    try:
        table = read_sheet(content, resource.sheet, known, max_megabytes, mapping, mappable=True)
    except ImportFileError as error:
        report.file_error = str(error)
        return report, ""
    resource.lines = table.lines
    report.ignored_columns = ignored_columns(table)
    report.columns = [list(pair) for pair in table.columns]
    several = {column.header for column in resource.sheet.columns if column.several}
    suggestions.apply(table, substitutions or [], several)
    dataset = tablib.Dataset(*table.rows, headers=table.headers)
    if progress is not None:
        progress.set_total(len(table.rows))
        resource.progress = progress
    writing = progress.writing() if progress is not None and not dry_run else nullcontext()
    # The search columns and known words are brought up to date once, at the end, inside the
    # same transaction: a preview or a refused import leaves nothing behind.
    with writing, transaction.atomic(), deferred_refresh():
        result = resource.import_data(
            dataset,
            dry_run=dry_run,
            raise_errors=False,
            use_transactions=True,
            rollback_on_validation_errors=not valid_rows_only,
        )
        report.written = (
            not dry_run
            and not result.has_errors()
            and (valid_rows_only or not result.has_validation_errors())
        )
        if not report.written:
            transaction.set_rollback(True)
            deferred_refresh_cancel()
    _describe(report, resource, result, table)
    report.suggestions = suggestions.collect(resource, table)
    if result.base_errors:  # the file as a whole failed (not one of its rows)
        report.file_error = _("L’import a échoué : %(error)s") % {
            "error": "; ".join(str(error.error) for error in result.base_errors)
        }
    return report, table.format


def _describe(report: Report, resource, result, table: Table) -> None:
    columns = {f.attribute: f.column_name for f in resource.import_fields}
    columns.update(getattr(resource, "ALSO_READ", {}))
    counts = dict.fromkeys(STATUS_LABELS, 0)
    for number, row_result in enumerate(result.rows, 1):
        line = table.lines[number - 1]
        status = STATUS_OF.get(row_result.import_type, "invalid")
        counts[status] += 1
        values = dict(zip(table.headers, table.rows[number - 1], strict=True))
        errors = _errors_of(row_result, line, columns, values)
        report.errors += [asdict(error) for error in errors]
        report.rows.append(
            {
                "line": line,
                "status": status,
                "label": _row_label(row_result, values),
                "object_id": row_result.object_id if status != "invalid" else None,
                "changes": getattr(row_result, "changes", None) or [],
            }
        )
    report.counts = counts


def _row_label(row_result, values: dict) -> str:
    if row_result.object_repr:
        return str(row_result.object_repr)
    return next((values[header] for header in ROW_LABEL_HEADERS if values.get(header)), "")


def _errors_of(row_result, line: int, columns: dict, values: dict) -> list[CellError]:
    errors = []
    for error in row_result.errors:  # not a validation error: should not happen, never a 500
        errors.append(
            CellError(line, "", _("Ligne refusée par la base de données : %(error)s")
                      % {"error": error.error})
        )  # fmt: skip
    validation = row_result.validation_error
    if validation is None:
        return errors
    by_field = (
        validation.error_dict
        if hasattr(validation, "error_dict")
        else {NON_FIELD_ERRORS: validation.error_list}
    )
    for name, field_errors in by_field.items():
        column = columns.get(name, "")
        if isinstance(column, tuple):  # read from whichever of its columns the row fills
            column = next((c for c in column if values.get(c)), column[0])
        if not column and name != NON_FIELD_ERRORS:
            column = _verbose_name(name)
        messages = ValidationError(field_errors).messages
        for message in messages:
            errors.append(CellError(line, column, message, values.get(column, "")))
    return errors


def _verbose_name(name: str) -> str:
    try:
        return str(Actor._meta.get_field(name).verbose_name).capitalize()
    except Exception:  # a field of another model: its name is the best we have
        return name


def preview(
    *, kind: str, upload, user, max_megabytes: int | None = None, run=run_import, mapping=None,
    progress=None,
) -> tuple[ImportRecord | None, Report]:  # fmt: skip
    """Dry run of an uploaded file; the file, the column `mapping` it was read with and its
    report are kept for the confirmation."""
    content = upload.read()
    options = {"mapping": mapping} if mapping else {}
    if progress is not None:
        options["progress"] = progress
    report, file_format = run(
        kind=kind,
        content=content,
        filename=upload.name,
        user=user,
        dry_run=True,
        max_megabytes=max_megabytes,
        **options,
    )
    if report.file_error:
        return None, report
    record = ImportRecord.objects.create(
        kind=kind,
        filename=stored_filename(upload.name),
        file_format=file_format,
        content=content,
        created_by=user,
        mapping=mapping or {},
        report=asdict(report),
        **_counts_fields(report),
    )
    return record, report


def repreview(
    *, record: ImportRecord, user, mapping=None, substitutions=None, run=run_import,
    progress=None,
) -> Report:  # fmt: skip
    """The dry run again, with another column `mapping` or more accepted `substitutions` (each
    kept with the record, for the confirmation). A record already imported is left alone, and
    so is one the new mapping makes unreadable (the report's `file_error` says why)."""
    if record.status == ImportRecord.Status.IMPORTED:
        return Report(**record.report)
    if mapping is not None:
        record.mapping = mapping
    if substitutions is not None:
        record.substitutions = substitutions
    report, _format = run(
        **_kept_options(record, progress), user=user, dry_run=True, reason=record.reason
    )
    if report.file_error:  # a mapping that leaves nothing to read: the record stays as it was
        record.refresh_from_db()
        return report
    record.status = ImportRecord.Status.PREVIEW
    record.report = asdict(report)
    for name, value in _counts_fields(report).items():
        setattr(record, name, value)
    record.save()
    return report


def remember_mapping(*, kind: str, name: str, columns: dict[str, str], user) -> None:
    """A column mapping kept under `name`, offered for the next file of the same source."""
    ImportMapping.objects.update_or_create(
        kind=kind, name=name, defaults={"columns": columns, "created_by": user}
    )


def _kept_options(record: ImportRecord, progress=None) -> dict:
    """How the kept file is read again, as it was previewed (and followed by `progress`)."""
    return {
        **({"progress": progress} if progress is not None else {}),
        "kind": record.kind,
        "content": bytes(record.content),
        "filename": record.filename,
        # Its size was accepted when it was uploaded (the command line may allow more).
        "max_megabytes": len(record.content) // (1024 * 1024) + 1,
        "mapping": record.mapping or None,
        "substitutions": record.substitutions or None,
    }


def stored_filename(name: str | None) -> str:
    """The upload's name as the history keeps it: no folder, no unprintable character, and cut
    short (« … ») when the column cannot hold it, its extension kept."""
    name = "".join(c for c in (name or "").replace("\\", "/").rsplit("/", 1)[-1] if c.isprintable())
    if len(name) <= FILENAME_LENGTH:
        return name
    stem, extension = os.path.splitext(name)
    if len(extension) > LONGEST_EXTENSION:
        stem, extension = name, ""
    return stem[: FILENAME_LENGTH - len(extension) - 1] + "…" + extension


def confirm(
    *, record: ImportRecord, user, valid_rows_only: bool, run=run_import, progress=None
) -> Report:
    """The import itself, from the kept file. All or nothing unless `valid_rows_only`."""
    with transaction.atomic():
        record = ImportRecord.objects.select_for_update().get(pk=record.pk)
        if record.status == ImportRecord.Status.IMPORTED:
            return Report(**record.report)
        report, _format = run(
            **_kept_options(record, progress),
            user=user,
            dry_run=False,
            valid_rows_only=valid_rows_only,
            reason=record.reason,
        )
        record.status = (
            ImportRecord.Status.IMPORTED if report.written else ImportRecord.Status.REFUSED
        )
        record.valid_rows_only = valid_rows_only
        record.imported_at = timezone.now()
        record.imported_by = user
        record.report = asdict(report)
        for name, value in _counts_fields(report).items():
            setattr(record, name, value)
        record.save()
    return report


def _counts_fields(report: Report) -> dict[str, int]:
    counts = report.counts
    return {
        "rows_total": sum(counts.values()),
        "rows_new": counts.get("new", 0),
        "rows_updated": counts.get("updated", 0),
        "rows_unchanged": counts.get("unchanged", 0),
        "rows_invalid": counts.get("invalid", 0),
    }
