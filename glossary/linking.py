"""The site's glossary matcher and `link_terms`, what the `markdown` filter calls.

The terms are read once per generation of the shared cache (actors/cache.py; a Term or TermView
write bumps it, glossary/signals.py) and shared between processes through the cache. Each
process keeps the matcher it built, keyed by the generation: a render costs one cache lookup,
and during a request only the first render looks (the generation is then kept for the
request). When the generation moved for another reason (an actor saved), the terms are read
again but the matcher is rebuilt only if they changed.
"""

import threading
from dataclasses import dataclass

from django.core.signals import request_finished, request_started
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
_request = threading.local()


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


def _generation() -> int:
    if not getattr(_request, "active", False):
        return current_generation()
    if getattr(_request, "generation", None) is None:
        _request.generation = current_generation()
    return _request.generation


def current_matcher() -> Matcher:
    global _memo
    memo, generation = _memo, _generation()
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


def forget_request_generation() -> None:
    """A glossary write in this thread: the next render reads the generation again."""
    _request.generation = None


def _request_started(**kwargs) -> None:
    _request.active, _request.generation = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.generation = False, None


def connect_request_signals() -> None:
    request_started.connect(_request_started, dispatch_uid="glossary.linking.started")
    request_finished.connect(_request_finished, dispatch_uid="glossary.linking.finished")
