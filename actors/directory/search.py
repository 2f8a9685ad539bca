"""Free-text search over actors: PostgreSQL full text, or a normalised fallback on SQLite.

Both understand accents, case and plurals ("ecoles" finds "École") and the web-style syntax
people type: "expression exacte", -exclu, ou. When nothing matches, `suggest` proposes the
closest known words (trigrams on PostgreSQL, difflib on SQLite).
"""

import difflib
import re

from django.db import connection
from django.db.models import BooleanField, Case, F, FloatField, Func, Q, Value, When
from django.db.models.expressions import RawSQL

from actors.models import SearchTerm
from mailleurs.text import normalize

MAX_WORDS = 12
RANK_WEIGHTS = "{0.1, 0.2, 0.4, 1.0}"  # D, C, B, A: vocabularies < missions < pitch < name


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def singular(word: str) -> str:
    """French plural marks dropped, for the SQLite fallback: "mobilites" → "mobilite"."""
    if len(word) > 4 and word.endswith("aux"):
        return word[:-3] + "a"  # "sociaux" → "socia" matches "social"
    if len(word) > 3 and word[-1] in "sx":
        return word[:-1]
    return word


def parse_query(text: str) -> tuple[list[str], list[str]]:
    """(required terms, excluded terms), normalised; phrases in quotes stay together."""
    required, excluded = [], []
    for negated, phrase, word in re.findall(r'(-?)(?:"([^"]*)"|(\S+))', text or ""):
        term = normalize(phrase or word).strip("\"'()+*:&|!")
        if not term or term in {"ou", "or", "et", "and"}:
            continue
        (excluded if negated else required).append(term)
    return required[:MAX_WORDS], excluded[:MAX_WORDS]


def _matches(term: str) -> Q:
    stem = " ".join(singular(part) for part in term.split())
    return Q(search_text__contains=stem) | Q(search_vocabulary__contains=stem)


def search_sqlite(queryset, text: str):
    required, excluded = parse_query(text)
    if not required and not excluded:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    for term in required:
        queryset = queryset.filter(_matches(term))
    for term in excluded:
        queryset = queryset.exclude(_matches(term))
    # Relevance: the name first, then the actor's own text, then linked vocabularies.
    first = singular(required[0]) if required else ""
    return queryset.annotate(
        search_rank=Case(
            When(search_text__startswith=first, then=Value(3.0)),
            When(search_text__contains=first, then=Value(1.0)),
            default=Value(0.1),
            output_field=FloatField(),
        )
    )


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
        query = f"websearch_to_tsquery('french_unaccent', {text_sql})"
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
    return queryset.filter(WebSearchMatch(text)).annotate(search_rank=WebSearchRank(text))


def search_actors(queryset, text: str):
    """Actors of `queryset` matching `text`, annotated with `search_rank`."""
    if uses_postgres():
        return search_postgres(queryset, text)
    return search_sqlite(queryset, text)


def order_by_relevance(queryset):
    return queryset.order_by(F("search_rank").desc(nulls_last=True), "name", "pk")


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
