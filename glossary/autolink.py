"""Glossary terms found in rendered HTML: the first occurrence of each term in a text becomes a
link to the term's page, with its short definition beside it (a tooltip shown by CSS, and the
link's description for screen readers).

Pure functions and data, no database nor cache (glossary/linking.py provides the site's
matcher). The HTML given is the output of mailleurs.markdown: nh3's serialisation, so tags are
well formed, attribute values are double-quoted and `<` never appears in text. The author's
markup has been sanitised already; ours is added afterwards and escapes everything it quotes.

Matching works on words, not on one large regular expression (Python's re tries every
alternative at every position): each text is split into words once, and the forms of all terms
are a trie of folded words. A text without any first word of a term is left as it is after one
set operation; otherwise each word costs a set lookup (is it, with the word after it, the start
of a form?), and only such a start a walk down the trie (one dict lookup per word, two for a
word ending in s or x), whatever the number of terms. Offsets are computed only where a term
is found.
"""

from __future__ import annotations

import html
import itertools
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass

# A word: letters (accented ones included) and digits. A term matches whole words only.
WORD = re.compile(r"\w+")
WORDS_AND_SEPARATORS = re.compile(r"(\w+)")
# One tag of nh3's output; attribute values are double-quoted and may hold `>`.
TAG = re.compile(r'(<[^>"]*(?:"[^"]*"[^>"]*)*>)')
TAG_NAME = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)")
# Where no term is linked: inside a link (a link in a link is invalid), a heading, code; and
# inside a span, which nh3 never lets through: every span is ours (a linked term and its
# tooltip), so linking HTML already linked changes nothing.
SKIPPED_TAGS = frozenset(
    {"a", "h1", "h2", "h3", "h4", "h5", "h6", "code", "pre", "abbr", "dfn", "kbd", "samp", "span"}
)
# Between the words of a multi-word term: spaces, or one hyphen or apostrophe (« aller-vers »
# and « aller vers », « d’action » and « d'action » are the same words).
SEPARATOR = re.compile(r"\s+|\s*[-‐‑'’]\s*")
HYPHENS = frozenset("-‐‑")
PLURAL_MARKS = "sx"
COMBINING_MARKS = re.compile(r"[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]")

# Tooltip ids, unique in the process and so on any page, however many texts it renders.
_identifiers = itertools.count(1)


def fold(text: str) -> str:
    """Lower case without accents, of the same length as `text` (an NFC text) so that offsets
    in the folded text are offsets in the text. Decomposed then stripped of its combining
    marks in C: a table given to str.translate is ten times slower on French prose."""
    lowered = text.lower()
    if lowered.isascii():
        return lowered
    folded = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", lowered))
    if len(folded) == len(text):
        return folded
    # Rare letters that lower or decompose to more than one (« İ », Hangul): one by one.
    return "".join(_fold_letter(ch) for ch in text)


def _fold_letter(letter: str) -> str:
    folded = COMBINING_MARKS.sub("", unicodedata.normalize("NFD", letter.lower()))
    return folded if len(folded) == 1 else letter


def in_capitals(text: str) -> bool:
    """A form written in capitals (« CTG », « COPIL », « LEADER ») is a sigle: it matches only
    as written, never as an ordinary word (« pat », « leader »)."""
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


@dataclass(frozen=True, slots=True)
class LinkedTerm:
    """What a link to a term shows, escaped once when the matcher is built."""

    pk: int
    href: str
    title: str  # the term's word, for <abbr title>
    tip: str  # « Mot (SIGLE) : première phrase de la définition. »


class _Words:
    """A text node cut into words: `pieces` alternate separator, word, separator… (the folded
    text split on words), so word k is pieces[2k + 1], preceded by pieces[2k]. Offsets in the
    text are computed only when a term is found."""

    __slots__ = ("text", "pieces", "words", "_ends")

    def __init__(self, text: str, folded: str):
        self.text = text
        self.pieces = WORDS_AND_SEPARATORS.split(folded)
        self.words = self.pieces[1::2]
        self._ends = None

    def span(self, first: int, last: int) -> tuple[int, int]:
        """Where words first to last (included) lie in the text."""
        if self._ends is None:
            self._ends = list(itertools.accumulate(map(len, self.pieces)))
        return self._ends[2 * first], self._ends[2 * last + 1]

    def written(self, index: int) -> str:
        start, end = self.span(index, index)
        return self.text[start:end]

    def separator_before(self, index: int) -> str:
        return self.pieces[2 * index]

    def glued(self, first: int, last: int) -> bool:
        """Whether the words first to last are joined by a hyphen to a word before or after
        (« socio-PAT », « CTG-X »): part of a longer word."""
        before = first > 0 and self.pieces[2 * first] in HYPHENS
        return before or (last + 1 < len(self.words) and self.pieces[2 * last + 2] in HYPHENS)


@dataclass(frozen=True, slots=True)
class Form:
    """One way a term is written: its words folded, or as written when `exact`."""

    words: tuple[str, ...]
    exact: bool
    abbr: bool  # the term's acronym: shown in <abbr title="word">
    term: int  # index in Matcher.terms

    def accepts(self, found: _Words, start: int) -> bool:
        """Whether the words from `start` are this form: the trie compared them folded, an
        exact form compares them again as written."""
        if not self.exact:
            return True
        return all(found.written(start + offset) == word for offset, word in enumerate(self.words))


# In the trie, the key under which a node keeps the forms that end there (never a word).
ENDS = None


class Matcher:
    """Every form of every term in a trie of folded words; `link` applies it to HTML."""

    def __init__(self, terms: list[LinkedTerm], forms: Iterable[Form]):
        self.terms = terms
        self.position_of = {term.pk: index for index, term in enumerate(terms)}
        trie: dict = {}
        for form in forms:
            node = trie
            for word in form.words:
                node = node.setdefault(fold(word) if form.exact else word, {})
            node.setdefault(ENDS, []).append(form)
        self.trie = trie
        self._sort_ends(trie)
        # Where a term may start, looked up before walking the trie: a word that is a whole
        # form, or the first two words of a longer one (each with or without a plural mark).
        marks = ("", *PLURAL_MARKS)
        self.first_words = frozenset(first + mark for first in trie for mark in marks)
        self.whole_words = frozenset(
            first + mark for first, node in trie.items() if ENDS in node for mark in marks
        )
        self.first_pairs = frozenset(
            (first + mark, second + other)
            for first, node in trie.items()
            for second in node
            if second is not ENDS
            for mark in marks
            for other in marks
        )

    @classmethod
    def _sort_ends(cls, node: dict) -> None:
        for key, child in node.items():
            if key is ENDS:
                # A sigle written as such first, then the terms in alphabetical order.
                child.sort(key=lambda form: (not form.exact, form.term))
            else:
                cls._sort_ends(child)

    def __len__(self) -> int:
        return len(self.terms)

    def link(self, source: str, *, exclude: int | None = None) -> str:
        """`source` (sanitised HTML) with the first occurrence of each term linked; the term
        whose pk is `exclude` is never linked (its own page)."""
        if not self.trie:
            return source
        used: set[int] = set()
        if exclude is not None and exclude in self.position_of:
            used.add(self.position_of[exclude])
        parts = TAG.split(source)
        depth = 0
        for position, part in enumerate(parts):
            if position % 2:  # a tag
                name = TAG_NAME.match(part)
                if name and name.group(2).lower() in SKIPPED_TAGS:
                    depth = max(0, depth - 1) if name.group(1) else depth + 1
            elif part and depth == 0:
                parts[position] = self._link_text(part, used)
        return "".join(parts)

    def _longest_at(self, found: _Words, start: int) -> tuple[Form | None, int]:
        """The longest form that starts at word `start`, and the index of the word after it.
        Each word is looked up as it is and, ending in s or x, without that plural mark.
        (The hottest loop of a render: plain loops, no generators.)"""
        words, best, best_stop, stop = found.words, None, start, start
        nodes = (self.trie,)
        while True:
            word = words[stop]
            singular = word[:-1] if word[-1] in PLURAL_MARKS else None
            reached = []
            for node in nodes:
                child = node.get(word)
                if child is not None:
                    reached.append(child)
                if singular is not None:
                    child = node.get(singular)
                    if child is not None:
                        reached.append(child)
            if not reached:
                break
            stop += 1
            for node in reached:
                for form in node.get(ENDS, ()):
                    if not form.exact or form.accepts(found, start):
                        best, best_stop = form, stop
                        break
                if best_stop == stop:
                    break
            if stop == len(words):
                break
            separator = found.pieces[2 * stop]
            if separator != " " and not SEPARATOR.fullmatch(separator):
                break
            nodes = reached
        return best, best_stop

    def _link_text(self, raw: str, used: set[int]) -> str:
        """One text node (HTML-escaped) with its terms linked; unchanged when none is found."""
        text = html.unescape(raw) if "&" in raw else raw
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        found = _Words(text, fold(text))
        first_words = self.first_words
        if first_words.isdisjoint(found.words):
            return raw
        whole, pairs, following = self.whole_words, self.first_pairs, found.words[1:] + [""]
        starts = [
            index
            for index, pair in enumerate(zip(found.words, following, strict=True))
            if pair[0] in whole or pair in pairs
        ]
        pieces, done, position = [], 0, 0
        for index in starts:
            if index < position:
                continue
            form, stop = self._longest_at(found, index)
            if form is None:
                continue
            position = stop
            # A term already linked (or excluded) keeps its words: a shorter term inside them
            # is not linked either, the longest match having won.
            if found.glued(index, stop - 1) or form.term in used:
                continue
            used.add(form.term)
            start, end = found.span(index, stop - 1)
            pieces.append(html.escape(text[done:start], quote=False))
            pieces.append(self._markup(self.terms[form.term], text[start:end], form.abbr))
            done = end
        if not pieces:
            return raw
        pieces.append(html.escape(text[done:], quote=False))
        return "".join(pieces)

    @staticmethod
    def _markup(term: LinkedTerm, shown: str, abbr: bool) -> str:
        # The tooltip sits beside the link, not inside it: inside, it would become part of the
        # link's accessible name. aria-describedby reads it even while CSS hides it.
        identifier = f"infobulle-{next(_identifiers)}"
        inner = html.escape(shown, quote=False)
        if abbr:
            inner = f'<abbr title="{term.title}">{inner}</abbr>'
        return (
            f'<span class="glossary-ref"><a class="glossary-link" href="{term.href}" '
            f'aria-describedby="{identifier}">{inner}</a>'
            f'<span class="glossary-tip" role="tooltip" id="{identifier}">{term.tip}</span>'
            "</span>"
        )


@dataclass(frozen=True, slots=True)
class TermSource:
    """What the matcher needs of a term (a Term row, or synthetic data in the benchmark)."""

    pk: int
    word: str
    acronym: str
    variants: str
    url: str
    summary: str  # plain text: the first sentence of the definition


def _forms_of(source: TermSource) -> Iterable[tuple[str, bool, bool]]:
    """(text, exact, abbr) for each way the term is written: its acronym as written and in
    capitals, its word, its variants (those in capitals matched as written)."""
    if source.acronym.strip():
        yield source.acronym.strip(), True, True
        yield source.acronym.strip().upper(), True, True
    for text in [source.word, *source.variants.splitlines()]:
        if text.strip():
            yield text.strip(), in_capitals(text), False


def tip_of(source: TermSource) -> str:
    name = f"{source.word} ({source.acronym})" if source.acronym else source.word
    return f"{name} : {source.summary}" if source.summary else name


def build_matcher(sources: Iterable[TermSource]) -> Matcher:
    terms, forms, seen = [], [], set()
    for source in sources:
        position = len(terms)
        terms.append(
            LinkedTerm(
                pk=source.pk,
                href=html.escape(source.url),
                title=html.escape(source.word),
                tip=html.escape(tip_of(source), quote=False),
            )
        )
        for text, exact, abbr in _forms_of(source):
            text = unicodedata.normalize("NFC", text)
            words = tuple(WORD.findall(text if exact else fold(text)))
            # One-letter forms would link half the text; a form met before keeps its term.
            if sum(map(len, words)) < 2 or (words, exact) in seen:
                continue
            seen.add((words, exact))
            forms.append(Form(words, exact, abbr, position))
    return Matcher(terms, forms)
