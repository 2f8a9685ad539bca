"""The directory's shared cache: one generation number that every write moves on, so cached
counts, map data and territory summaries never outlive the data they were computed from.

During a request the number is read once (the request's first cache key) and kept until the
request ends or writes: a page made of a dozen cached parts costs one read of it, not a dozen.
The vocabularies every page lists are kept in the process (`facets.facet_values`)."""

import hashlib
import secrets
import threading
from collections.abc import Callable

from django.core.cache import cache
from django.core.signals import request_finished, request_started

GENERATION_KEY = "actors:generation"

_request = threading.local()


def _fresh_generation() -> int:
    # A missing number (cache emptied, key evicted) restarts at random rather than at 1: a value
    # a process memoised under an earlier generation cannot be taken for a current one.
    return secrets.randbits(48)


def bump_generation() -> None:
    """Called whenever actors or their links change: everything cached becomes stale."""
    _request.generation = None  # the rest of this request reads the new number
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def current_generation() -> int:
    """The generation number, started if missing; read once per request."""
    if not getattr(_request, "active", False):
        return _shared_generation()
    if getattr(_request, "generation", None) is None:
        _request.generation = _shared_generation()
    return _request.generation


def _shared_generation() -> int:
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, _fresh_generation(), None)
        generation = cache.get(GENERATION_KEY, 0)
    return generation


def digest(*parts) -> str:
    """A short, stable key part for any repr-able value (query parameters, SQL and params)."""
    return hashlib.sha256(repr(parts).encode()).hexdigest()[:32]


def generation_key(kind: str, *parts) -> str:
    """`actors:<kind>:<generation>:<parts…>`: a key that a write to the directory retires."""
    return ":".join(["actors", kind, str(current_generation()), *map(str, parts)])


def cached[T](key: str, compute: Callable[[], T], *, seconds: int) -> T:
    """The value under `key`, computed and stored on a miss."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value


def _request_started(**kwargs) -> None:
    _request.active, _request.generation = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.generation = False, None


def connect_request_signals() -> None:
    request_started.connect(_request_started, dispatch_uid="actors.cache.started")
    request_finished.connect(_request_finished, dispatch_uid="actors.cache.finished")
