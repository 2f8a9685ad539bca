"""The columns of the glossary's spreadsheet, declared once for the export and the import: one
row per term, lists one item a line (variants, sources) or slugs joined with « ; » (schemes and
terms), then one column « regard : <sphere> » per sphere that has views.

Headers are the file's format, matched by the import: plain text, never translated."""

import re

from actors.spreadsheets.columns import REQUIRED, Column, Sheet
from actors.spreadsheets.formatting import joined
from glossary.models import Term
from mailleurs.text import normalize

CATEGORY_LABELS = dict(Term.Category.choices)
VIEW_PREFIX = "regard : "
# « Regard : Élus », « regard: elus »: what a sphere's column is recognised by.
VIEW_HEADER = re.compile(r"regard\s*:\s*(?P<sphere>.+)")


def _lines(items) -> str:
    return "\n".join(items)


GLOSSARY = Sheet(
    kind="glossaire",
    markers=("slug",),
    columns=(
        Column("slug", "slug", required=REQUIRED, value=lambda e: e["slug"]),
        Column("word", "mot", required=REQUIRED, value=lambda e: e["word"]),
        Column("acronym", "sigle", value=lambda e: e["acronym"]),
        Column("variants", "variantes", value=lambda e: _lines(e["variants"])),
        # The label, for people; the import takes the label or the code.
        Column("category", "catégorie", required=REQUIRED,
               value=lambda e: str(CATEGORY_LABELS.get(e["category"], e["category"]))),
        Column("definition", "définition", required=REQUIRED, value=lambda e: e["definition"]),
        Column("sources", "sources", value=lambda e: _lines(e["sources"])),
        Column("schemes", "dispositifs", value=lambda e: joined(e["schemes"])),
        Column("related", "voir aussi", value=lambda e: joined(e["related"])),
        Column("not_to_confuse", "ne pas confondre avec",
               value=lambda e: joined(e["not_to_confuse"])),
    ),
)  # fmt: skip

# The columns a new term cannot do without.
REQUIRED_KEYS = tuple(column.key for column in GLOSSARY.columns if column.required == REQUIRED)
# The columns of slugs, whose order does not matter.
LINK_KEYS = ("schemes", "related", "not_to_confuse")


def view_header(sphere) -> str:
    return f"{VIEW_PREFIX}{sphere.name}"


def sphere_in(header: str) -> str | None:
    """The sphere a « regard : … » header names, as typed; None for another header."""
    match = VIEW_HEADER.fullmatch(normalize(header))
    if match is None:
        return None
    return header.split(":", 1)[1].strip()
