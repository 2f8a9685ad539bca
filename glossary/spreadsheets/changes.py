"""What each row does to its term, for the preview: new, changed (and which columns), or
unchanged. Links are compared as they will be once written both ways, so a term whose row is
as stored but that another row links to is shown as changed: it will get a new version."""

from glossary.spreadsheets.columns import GLOSSARY, LINK_KEYS
from glossary.spreadsheets.rows import Layout, Row


def describe(rows: list[Row], layout: Layout, links: dict[str, dict[str, set[str]]]) -> None:
    """Sets each row's status (`imports.STATUS_LABELS`) and the columns it changes."""
    for row in rows:
        if row.errors:
            row.status = "invalid"
        elif row.stored is None:
            row.status = "new"
        else:
            row.changes = changed_columns(row, layout, links)
            row.status = "updated" if row.changes else "unchanged"


def changed_columns(row: Row, layout: Layout, links: dict) -> list[str]:
    changed = []
    for column in GLOSSARY.columns:
        new, old = row.entry[column.key], row.stored[column.key]
        if column.key in links:
            new = links[column.key].get(row.slug, set())
        if column.key in LINK_KEYS:
            new, old = set(new), set(old)
        if new != old:
            changed.append(column.header)
    for header, sphere in layout.views.items():
        if row.entry["views"].get(sphere.slug, "") != row.stored["views"].get(sphere.slug, ""):
            changed.append(header)
    return changed
