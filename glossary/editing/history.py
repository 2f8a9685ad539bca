"""Readable history of a term: its versions (`mailleurs.history`) with the changes of its
sphere views under the version they were saved with."""

from glossary.editing.diff import view_version
from glossary.models import Term, TermView
from mailleurs.history import Version, rows_by_version, versions_of

HIDDEN_FIELDS = {"version", "updated_by", "slug"}


def _view_changes(term: Term, records: list) -> dict:
    view_records = (
        TermView.history.filter(term_id=term.pk)
        .select_related("sphere")
        .order_by("history_date", "history_id")
    )
    return rows_by_version(
        records, view_records, owner_field="term_id", owner_pk=term.pk, describe=view_version
    )


def term_versions(term: Term) -> list[Version]:
    return versions_of(
        term, hidden_fields=HIDDEN_FIELDS, row_changes=lambda records: _view_changes(term, records)
    )
