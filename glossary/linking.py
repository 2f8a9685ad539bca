"""The site's glossary matcher and `link_terms`, what the `markdown` filter calls.

The terms are read once per generation of the shared cache (actors/cache.py; a Term or TermView
write bumps it, glossary/signals.py) and shared between processes through the cache. Each
process keeps the matcher it built, keyed by the generation, which actors/cache.py reads once
per request: a render costs no lookup. When the generation moved for another reason (an actor
saved), the terms are read again but the matcher is rebuilt only if they changed.
"""

from dataclasses import dataclass

from django.utils.safestring import SafeString, mark_safe

from actors.cache import cached, current_generation, digest, generation_key
from glossary.autolink import Matcher, TermSource, build_matcher
from glossary.models import Term
from glossary.summaries import short_definition

ROW_FIELDS = ("pk", "word", "slug", "acronym", "variants", "definition")
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Memo:
    generation: int | None
    signature: str | None
    matcher: Matcher | None


_memo = Memo(None, None, None)


def term_rows() -> tuple[tuple, ...]:
    return tuple(Term.objects.order_by("word", "pk").values_list(*ROW_FIELDS))


def matcher_of(rows) -> Matcher:
    return build_matcher(
        TermSource(
            pk=pk,
            word=word,
            acronym=acronym,
            variants=variants,
            url=Term(slug=slug).get_absolute_url(),
            summary=short_definition(definition),
        )
        for pk, word, slug, acronym, variants, definition in rows
    )


def current_matcher() -> Matcher:
    global _memo
    memo, generation = _memo, current_generation()
    if memo.generation == generation and memo.matcher is not None:
        return memo.matcher
    rows = cached(generation_key("glossary-terms"), term_rows, seconds=CACHE_SECONDS)
    signature = digest(rows)
    matcher = memo.matcher if memo.signature == signature else None
    if matcher is None:
        matcher = matcher_of(rows)
    _memo = Memo(generation, signature, matcher)
    return matcher


def link_terms(rendered: str, *, exclude=None) -> SafeString:
    """Sanitised HTML (mailleurs.markdown) with the first occurrence of each glossary term
    linked; `exclude`: a term (or its pk) never linked, on its own page."""
    pk = getattr(exclude, "pk", exclude)
    return mark_safe(current_matcher().link(str(rendered), exclude=pk))  # noqa: S308 - our markup, escaped
