"""Free-text search over actors: PostgreSQL full text, or folded words on SQLite.

Both match words, never letters inside a word (« Die » does not find « quotidienne »), and
ignore accents, case and plurals ("ecoles" finds "École"). A typed word of at least
`PREFIX_MIN_LENGTH` letters also finds the words it starts (« mobil » finds « mobilité »,
« transp » finds « transport »); a shorter one only the whole word (« Die », « CAF »), since
two or three letters start too many words. People may type "expression exacte" and -exclu.
When nothing matches, `suggest` proposes the closest known words (trigrams on PostgreSQL,
difflib on SQLite).
"""

import difflib
import re

from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, Value, When
from django.db.models.expressions import RawSQL
from django.db.models.functions import StrIndex
from django.db.models.lookups import Exact, LessThan

from actors.directory.folding import NAME_END, PITCH_END, folded_words, singular
from actors.models import SearchTerm
from mailleurs.text import normalize

MAX_WORDS = 12
PREFIX_MIN_LENGTH = 4
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A: vocabularies < missions < pitch < name
# SQLite relevance of a word by the weightiest place holding it, as PostgreSQL's weights.
SECTION_WEIGHTS = {"name": 1.0, "pitch": 0.4, "text": 0.2, "vocabulary": 0.1}


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def typed_terms(text: str) -> list[tuple[bool, str]]:
    """(excluded?, term as typed) for each term of `text`; phrases in quotes stay together,
    operators and stray punctuation are left out."""
    terms = []
    for negated, phrase, word in re.findall(r'(-?)(?:"([^"]*)"|(\S+))', text or ""):
        term = (phrase or word).strip("\"'()+*:&|!")
        if term and normalize(term) not in {"ou", "or", "et", "and"}:
            terms.append((bool(negated), term))
    return terms


def parse_query(text: str) -> tuple[list[str], list[str]]:
    """(required terms, excluded terms), normalised."""
    required, excluded = [], []
    for negated, term in typed_terms(text):
        (excluded if negated else required).append(normalize(term))
    return required[:MAX_WORDS], excluded[:MAX_WORDS]


def word_pattern(term: str) -> str | None:
    """What `contains` looks for in the spaced words: " mobil" (a word's start) or " die "
    (a whole short word); phrases keep their words in a row. None: no word in `term`."""
    words = folded_words(term)
    if not words:
        return None
    tail = "" if len(words[-1]) >= PREFIX_MIN_LENGTH else " "
    return " " + " ".join(words) + tail


def _matches(pattern: str) -> Q:
    return Q(search_text__contains=pattern) | Q(search_vocabulary__contains=pattern)


def _word_weight(pattern: str):
    """The weight of the weightiest section holding `pattern` (sections: see `folding`)."""
    position = StrIndex("search_text", Value(pattern))
    return Case(
        When(Exact(position, 0), then=Value(SECTION_WEIGHTS["vocabulary"])),
        When(LessThan(position, StrIndex("search_text", Value(f" {NAME_END} "))),
             then=Value(SECTION_WEIGHTS["name"])),
        When(LessThan(position, StrIndex("search_text", Value(f" {PITCH_END} "))),
             then=Value(SECTION_WEIGHTS["pitch"])),
        default=Value(SECTION_WEIGHTS["text"]),
        output_field=FloatField(),
    )  # fmt: skip


def search_sqlite(queryset, text: str):
    required, excluded = parse_query(text)
    required = [p for p in map(word_pattern, required) if p]
    excluded = [p for p in map(word_pattern, excluded) if p]
    if not required and not excluded:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    for pattern in required:
        queryset = queryset.filter(_matches(pattern))
    for pattern in excluded:
        queryset = queryset.exclude(_matches(pattern))
    rank = sum((_word_weight(p) for p in required), Value(0.0, output_field=FloatField()))
    return queryset.annotate(search_rank=rank)


def _tsquery_term(term: str) -> str | None:
    """One typed term in `to_tsquery` syntax: words of letters and digits only (nothing to
    escape), in a row for a phrase, the last one as a prefix when long enough."""
    words = re.findall(r"[^\W_]+", term)
    if not words:
        return None
    lexemes = [f"'{word}'" for word in words]
    if len(words[-1]) >= PREFIX_MIN_LENGTH:
        lexemes[-1] += ":*"
    return "(" + " <-> ".join(lexemes) + ")"


def tsquery_text(text: str) -> str:
    required, excluded = parse_query(text)
    terms = [t for t in map(_tsquery_term, required) if t]
    terms += [f"!{t}" for t in map(_tsquery_term, excluded) if t]
    return " & ".join(terms)


class _OnSearchVector(Func):
    """SQL on the row's `search_vector`, a PostgreSQL-only column the model does not declare.

    The column is reached through the primary key's alias, so the expression stays right when
    the queryset becomes a subquery (facets) and its table is renamed.
    """

    template = ""

    def __init__(self, text: str):
        super().__init__(F("pk"), Value(text))

    def as_sql(self, compiler, connection, **extra_context):
        pk_sql, pk_params = compiler.compile(self.source_expressions[0])
        text_sql, text_params = compiler.compile(self.source_expressions[1])
        vector = pk_sql.rsplit(".", 1)[0] + '."search_vector"'
        query = f"to_tsquery('french_unaccent', {text_sql})"
        return self.template.format(vector=vector, query=query), [*pk_params, *text_params]


class WebSearchMatch(_OnSearchVector):
    output_field = BooleanField()
    template = "{vector} @@ {query}"


class WebSearchRank(_OnSearchVector):
    output_field = FloatField()
    template = (
        "ts_rank('" + RANK_WEIGHTS.replace("{", "{{").replace("}", "}}") + "', {vector}, {query})"
    )


def search_postgres(queryset, text: str):
    query = tsquery_text(text)
    if not query:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    return queryset.filter(WebSearchMatch(query)).annotate(search_rank=WebSearchRank(query))


def search_actors(queryset, text: str):
    """Actors of `queryset` matching `text`, annotated with `search_rank`."""
    if uses_postgres():
        return search_postgres(queryset, text)
    return search_sqlite(queryset, text)


def order_by_relevance(queryset):
    return queryset.order_by(F("search_rank").desc(nulls_last=True), "sort_name", "pk")


def _closest_postgres(word: str) -> SearchTerm | None:
    return (
        SearchTerm.objects.filter(normalized__trigram_similar=word)
        .annotate(similarity=RawSQL("similarity(normalized, %s)", (word,)))
        .order_by("-similarity", "normalized")
        .first()
    )


def _closest_sqlite(word: str) -> SearchTerm | None:
    candidates = dict(
        SearchTerm.objects.filter(normalized__startswith=word[0]).values_list("normalized", "term")
    )
    match = difflib.get_close_matches(word, list(candidates), n=1, cutoff=0.75)
    return SearchTerm(normalized=match[0], term=candidates[match[0]]) if match else None


def suggest(text: str) -> str | None:
    """The query with unknown words replaced by the closest known ones, or None."""
    words = [w for w in normalize(text).replace('"', " ").split() if not w.startswith("-")]
    words = words[:MAX_WORDS]
    if not words:
        return None
    known = set(
        SearchTerm.objects.filter(normalized__in=words + [singular(w) for w in words]).values_list(
            "normalized", flat=True
        )
    )
    corrected, changed = [], False
    for word in words:
        if word in known or singular(word) in known or len(word) < 4:
            corrected.append(word)
            continue
        closest = _closest_postgres(word) if uses_postgres() else _closest_sqlite(word)
        if closest is not None and closest.normalized != word:
            corrected.append(closest.term)
            changed = True
        else:
            corrected.append(word)
    return " ".join(corrected) if changed else None
