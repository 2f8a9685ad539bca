"""What the three resources share."""

from contextlib import nullcontext

from django.db import transaction
from import_export import fields, resources

from actors.spreadsheets.columns import Sheet


class SpreadsheetResource(resources.ModelResource):
    """Who imports and why (for history), the spreadsheet's line numbers (for messages), the
    columns read, and a savepoint per row: a database error inside a row (a value too long for
    its column…) is caught by django-import-export, and rolling back the row's own savepoint
    keeps a PostgreSQL transaction usable, the error reported on its line. A background job's
    `progress`, when given, counts each row once it is done."""

    sheet: Sheet

    def __init__(self, *, user=None, reason: str = "", lines: list[int] | None = None):
        super().__init__()
        self.user = user
        self.reason = reason
        self.lines = lines
        self.progress = None
        self.import_fields = self.get_import_fields()  # read once, used on every row

    def known_columns(self) -> set[str]:
        """The sheet's columns: read by a field, beside one, or there for people to read."""
        return set(self.sheet.headers())

    def line_of(self, row_number: int) -> int:
        """The spreadsheet's line for a data row (row 1 is under the headers)."""
        return self.lines[row_number - 1] if self.lines else row_number + 1

    def row_writes_now(self, row) -> bool:
        """Whether the row writes to the database before the end of the import."""
        return True

    def import_row(self, row, instance_loader, **kwargs):
        # django-import-export runs each row in a savepoint already when the import uses
        # transactions (always, from `run_import`) without `use_bulk`: a second one would cost
        # two more queries. With `use_bulk`, only a row that writes needs one.
        wrapped = kwargs.get("using_transactions") and not self._meta.use_bulk
        own_savepoint = not wrapped and self.row_writes_now(row)
        with transaction.atomic() if own_savepoint else nullcontext():
            row_result = super().import_row(row, instance_loader, **kwargs)
            if row_result.errors:
                transaction.set_rollback(True)
        # Out of django-import-export's own row (which turns any error into the row's): a
        # cancelled preview stops the whole import here.
        if self.progress is not None:
            self.progress.advance()
        return row_result


def column_field(sheet: Sheet, key: str, field_class=fields.Field, **options) -> fields.Field:
    """The field that reads a column of the sheet into the attribute named by its key."""
    return field_class(key, sheet.header(key), **options)
