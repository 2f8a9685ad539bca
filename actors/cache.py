"""The directory's shared cache: one generation number that every write moves on, so cached
counts, map data and territory summaries never outlive the data they were computed from."""

import hashlib
import secrets
from collections.abc import Callable

from django.core.cache import cache

GENERATION_KEY = "actors:generation"


def _fresh_generation() -> int:
    # A missing number (cache emptied, key evicted) restarts at random rather than at 1: a value
    # a process memoised under an earlier generation cannot be taken for a current one.
    return secrets.randbits(48)


def bump_generation() -> None:
    """Called whenever actors or their links change: everything cached becomes stale."""
    try:
        cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), None)


def current_generation() -> int:
    """The generation number, started if missing: for memos kept outside the shared cache."""
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
    return ":".join(["actors", kind, str(cache.get(GENERATION_KEY, 0)), *map(str, parts)])


def cached[T](key: str, compute: Callable[[], T], *, seconds: int) -> T:
    """The value under `key`, computed and stored on a miss."""
    value = cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, seconds)
    return value
