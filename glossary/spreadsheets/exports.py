"""The glossary's rows for a spreadsheet: a header, then one row per term, A to Z. The values
are as they are; the writers of `actors.spreadsheets.exports` make every cell safe."""

from collections.abc import Iterator

from glossary import selectors
from glossary.entries import term_entry
from glossary.spreadsheets.columns import GLOSSARY, view_header


def glossary_rows() -> Iterator[list[str]]:
    spheres = list(selectors.spheres_with_views())
    yield GLOSSARY.headers() + [view_header(sphere) for sphere in spheres]
    for term in selectors.open_data_terms():
        entry = term_entry(term)
        yield [column.value(entry) for column in GLOSSARY.columns] + [
            entry["views"].get(sphere.slug, "") for sphere in spheres
        ]
