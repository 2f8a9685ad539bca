"""A term as the plain entry of fixtures/glossary/terms.json: slug, word, acronym, variants,
category, definition, sources, views {sphere slug: text}, schemes, related, not_to_confuse.

The loader, the spreadsheet export and the import's preview all compare terms as entries, so
that a text saved from a browser (\\r\\n, a blank line among the variants) is not taken for a
change when it comes back from a file or a fixture."""

from mailleurs.text import unix_lines


def clean_text(text) -> str:
    """A text as it is compared and stored: \\n line endings, no space around it."""
    return unix_lines(str(text or "")).strip()


def clean_lines(lines) -> list[str]:
    """One item a line (variants, sources): each stripped, blank ones dropped. Takes a text or
    a list of them."""
    if isinstance(lines, str):
        lines = unix_lines(lines).split("\n")
    return [line.strip() for line in lines if line and line.strip()]


def entry_fields(entry: dict) -> dict:
    """The term's own fields an entry gives, in the form they are stored and compared."""
    return {
        "word": clean_text(entry["word"]),
        "acronym": clean_text(entry.get("acronym", "")),
        "variants": "\n".join(clean_lines(entry.get("variants", []))),
        "definition": clean_text(entry["definition"]),
        "category": entry["category"],
        "sources": "\n".join(clean_lines(entry.get("sources", []))),
    }


def term_entry(term) -> dict:
    """The entry a stored term amounts to. Its views, schemes and links are read through
    `term.views.all()` etc., so prefetch them for a list (`selectors.open_data_terms`)."""
    return {
        "slug": term.slug,
        "word": clean_text(term.word),
        "acronym": clean_text(term.acronym),
        "variants": clean_lines(term.variants),
        "category": term.category,
        "definition": clean_text(term.definition),
        "sources": clean_lines(term.sources),
        "views": {view.sphere.slug: clean_text(view.text) for view in term.views.all()},
        "schemes": sorted(scheme.slug for scheme in term.schemes.all()),
        "related": sorted(other.slug for other in term.related.all()),
        "not_to_confuse": sorted(other.slug for other in term.not_to_confuse.all()),
    }


def blank_entry(slug: str) -> dict:
    """The entry of a term not yet written: what a file's columns fill in."""
    return {
        "slug": slug, "word": "", "acronym": "", "variants": [], "category": "",
        "definition": "", "sources": [], "views": {}, "schemes": [], "related": [],
        "not_to_confuse": [],
    }  # fmt: skip
