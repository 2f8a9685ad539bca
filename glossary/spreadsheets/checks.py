"""The checks that need every row of the file at once: a term once per file, the terms its
links name (stored or in the file), « voir aussi » and « ne pas confondre avec » as they will be
once both ways are written, and one spelling for one term (`glossary.validation`, the checks
every way in applies)."""

from dataclasses import dataclass

from django.utils.translation import gettext as _

from actors.spreadsheets import cells as w
from glossary.services import symmetric_links
from glossary.spreadsheets.columns import GLOSSARY
from glossary.spreadsheets.rows import Row, slug_list
from glossary.validation import folded, link_problems, spelling_clashes, spellings_of

SPELLING_KEYS = ("word", "acronym", "variants")


@dataclass(frozen=True)
class TermRef:
    """A term of the file or of the glossary, as `validation.link_problems` compares them: a
    new term has no primary key yet, so its slug stands for it."""

    pk: str
    slug: str
    word: str


def check_rows(rows: list[Row], terms: dict) -> list[Row]:
    """Adds each row's errors; `terms` are the stored terms by slug. The rows that name a
    term, each term once, are returned."""
    rows = _unique_terms(rows)
    refs = {slug: TermRef(slug, slug, term.word) for slug, term in terms.items()}
    refs |= {row.slug: TermRef(row.slug, row.slug, row.entry["word"]) for row in rows}
    _resolve_links(rows, refs)
    _check_links(rows, refs)
    _check_spellings(rows, terms)
    return rows


def _unique_terms(rows: list[Row]) -> list[Row]:
    """The rows that name a term, each term once: a second row of a term is refused."""
    first_line: dict[str, int] = {}
    kept = []
    for row in rows:
        if not row.slug:
            continue
        if row.slug in first_line:
            row.refuse(
                GLOSSARY.header("slug"),
                _("Ce terme est déjà à la ligne %(line)s du fichier.")
                % {"line": first_line[row.slug]},
            )
            continue
        first_line[row.slug] = row.line
        kept.append(row)
    return kept


def _resolve_links(rows: list[Row], refs: dict[str, TermRef]) -> None:
    """« voir aussi » and « ne pas confondre avec » name terms of the glossary or of the file."""
    lookup = w.Lookup(
        refs.values(),
        keys=("slug",),
        shown="slug",
        label=_("terme inconnu du glossaire"),
        hint=_("Donnez le slug d’un terme du glossaire ou d’une ligne du fichier."),
    )
    widget = w.LookupListWidget(lambda: lookup)
    for row in rows:
        for key, text in row.link_texts.items():
            try:
                row.entry[key] = [ref.slug for ref in widget.clean(slug_list(text))]
            except ValueError as error:
                row.refuse(GLOSSARY.header(key), error)


def effective_links(rows: list[Row]) -> dict[str, dict[str, set[str]]]:
    """Each row's links once written both ways (what `load_glossary` writes)."""
    entries = [row.entry for row in rows]
    return {key: symmetric_links(entries, key) for key in ("related", "not_to_confuse")}


def _check_links(rows: list[Row], refs: dict[str, TermRef]) -> None:
    links = effective_links(rows)
    for row in rows:
        term = refs[row.slug]
        related = [refs[slug] for slug in sorted(links["related"][row.slug]) if slug in refs]
        confused = [refs[slug] for slug in sorted(links["not_to_confuse"][row.slug])
                    if slug in refs]  # fmt: skip
        # Each rule's messages under the column they are about.
        for header, problems in (
            (GLOSSARY.header("related"), link_problems(term, related, [])),
            (GLOSSARY.header("not_to_confuse"), link_problems(term, [], confused)),
            (GLOSSARY.header("not_to_confuse"), link_problems(None, related, confused)),
        ):
            for problem in problems:
                row.refuse(header, problem)


def _typed(row: Row, key: str) -> tuple[str, str, str]:
    """The row's spellings of one column, in its place among (word, acronym, variants)."""
    value = row.entry[key]
    text = "\n".join(value) if isinstance(value, list) else value
    return tuple(text if key == name else "" for name in SPELLING_KEYS)


def _changes_spellings(row: Row) -> bool:
    if row.stored is None:
        return True
    return any(row.entry[key] != row.stored[key] for key in SPELLING_KEYS)


def _check_spellings(rows: list[Row], terms: dict) -> None:
    """A spelling the row gives that another term has, stored or in the file. Only rows that
    bring a new spelling are checked: two stored terms that already share one do not block an
    import that leaves them as they are. A spelling a stored term gives up in this same file is
    still its own until the file is written: rename it first, then give the spelling away."""
    seen: dict[str, Row] = {}
    for row in rows:
        checked = _changes_spellings(row)
        for key in SPELLING_KEYS:
            header, typed = GLOSSARY.header(key), _typed(row, key)
            if checked:
                for problem in spelling_clashes(*typed, exclude=terms.get(row.slug)):
                    row.refuse(header, problem)
            for spelling in spellings_of(*typed):
                earlier = seen.setdefault(folded(spelling), row)
                if earlier is not row and (checked or _changes_spellings(earlier)):
                    row.refuse(
                        header,
                        _("« %(spelling)s » est aussi à la ligne %(line)s du fichier.")
                        % {"spelling": spelling, "line": earlier.line},
                    )
