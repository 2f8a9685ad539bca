"""Vocabulary suggestions offered for a whole file, and the substitutions a person accepts.

A list kept by hand writes « Parentalité » on forty rows where the site says « Parentalité,
familles »: the preview offers the suggestion once for all the rows that share the value, and
the substitution accepted is kept with the import, so that the confirmation reads the file as
the preview did."""

from actors.spreadsheets import cells as w
from actors.spreadsheets.reading import Table
from mailleurs.text import normalize


def _cells(text: str, several: bool) -> list[str]:
    return w.split_list(text) if several else ([text.strip()] if text.strip() else [])


def collect(resource, table: Table) -> list[dict]:
    """Each unknown value a vocabulary column met and the name suggested for it, with the
    number of rows that hold it, in the file's column order."""
    found = []
    for field in resource.import_fields:
        widget = field.widget
        if not isinstance(widget, w.LookupWidget) or field.column_name not in table.headers:
            continue
        suggested = widget.lookup().suggested
        if not suggested:
            continue
        index = table.headers.index(field.column_name)
        several = isinstance(widget, w.LookupListWidget)
        counts: dict[str, list] = {}
        for row in table.rows:
            for value in _cells(row[index], several):
                key = normalize(value)
                if key in suggested:
                    counts.setdefault(key, [value, 0])[1] += 1
        found += [
            {"column": field.column_name, "value": value, "suggestion": suggested[key],
             "rows": rows}
            for key, (value, rows) in counts.items()
        ]  # fmt: skip
    return found


def apply(table: Table, substitutions: list[dict], several_columns: set[str]) -> None:
    """Replaces, in their columns, the values a person accepted a suggestion for."""
    for column in {s["column"] for s in substitutions} & set(table.headers):
        index = table.headers.index(column)
        replacements = {
            normalize(s["value"]): s["suggestion"] for s in substitutions if s["column"] == column
        }
        several = column in several_columns
        for row in table.rows:
            values = _cells(row[index], several)
            if any(normalize(value) in replacements for value in values):
                replaced = [replacements.get(normalize(value), value) for value in values]
                row[index] = " ; ".join(replaced)
