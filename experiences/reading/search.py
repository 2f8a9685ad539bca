"""Free-text search over experience sheets, the same on SQLite and PostgreSQL.

Every word typed must start a word of the sheet (`search_index` folds both sides the same way:
accents, case and plural marks aside). Relevance adds, for each word, the weight of the
weightiest section it appears in: the title, then the summary with themes and territory, then
the rest of the story.
"""

from django.db.models import Case, F, FloatField, Q, Value, When
from django.db.models.functions import StrIndex
from django.db.models.lookups import LessThan

from experiences.reading.search_index import SUMMARY_END, TITLE_END
from glossary.matching import folded_words

MAX_WORDS = 12
# Words too common to tell sheets apart; as prefixes they would also match almost anything.
STOP_WORDS = {
    "a", "au", "aux", "avec", "ce", "d", "dan", "de", "des", "du", "e", "en", "et", "l", "la",
    "le", "les", "n", "ou", "par", "pour", "qu", "que", "qui", "s", "sur", "un", "une",
}  # fmt: skip
WEIGHTS = {"title": 4.0, "summary": 2.0, "story": 1.0}


def query_words(text: str) -> list[str]:
    """The folded words of a query that take part in the search, each once, in order."""
    words = [word for word in folded_words(text) if word not in STOP_WORDS]
    return list(dict.fromkeys(words))[:MAX_WORDS]


def _word_weight(word: str):
    position = StrIndex("search_text", Value(f" {word}"))
    return Case(
        When(LessThan(position, StrIndex("search_text", Value(TITLE_END))),
             then=Value(WEIGHTS["title"])),
        When(LessThan(position, StrIndex("search_text", Value(SUMMARY_END))),
             then=Value(WEIGHTS["summary"])),
        default=Value(WEIGHTS["story"]),
        output_field=FloatField(),
    )  # fmt: skip


def search_sheets(queryset, text: str):
    """The sheets of `queryset` holding every word of `text`, annotated with `search_rank`;
    nothing when the text holds no word worth searching."""
    words = query_words(text)
    if not words:
        return queryset.none().annotate(search_rank=Value(0.0, output_field=FloatField()))
    for word in words:
        queryset = queryset.filter(Q(search_text__contains=f" {word}"))
    rank = sum((_word_weight(word) for word in words[1:]), _word_weight(words[0]))
    return queryset.annotate(search_rank=rank)


def order_by_relevance(queryset):
    return queryset.order_by(
        F("search_rank").desc(), F("started_on").desc(nulls_last=True), "sort_title", "pk"
    )
