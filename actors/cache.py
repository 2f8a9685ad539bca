"""The directory's shared cache: one generation number that every write moves on, so cached
counts, map data and territory summaries never outlive the data they were computed from.

During a request the number is read once (the request's first cache key) and kept until the
request ends or writes: a page made of a dozen cached parts costs one read of it, not a dozen.
The vocabularies every page lists are kept in the process (`facets.facet_values`).

A write that knows which fiches it changed says so (`bump_generation(actor_ids)`): the step to
the new number keeps their ids (`changed_since`), so a value that depends on a few fiches only
(a searched word's matches, `word_matches`) can check them instead of being read again. A write
inside a transaction moves the number once more when it commits, with the same ids: a value
checked against the data before the commit is checked again after it."""

import hashlib
import secrets
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction

GENERATION_KEY = "actors:generation"
CHANGED_KEY = "actors:changed:{}"
# Steps kept: a value older than this many writes is read again rather than checked.
MAX_CHECKED_STEPS = 50
CHANGES_SECONDS = 3600

_request = threading.local()


def _fresh_generation() -> int:
    # A missing number (cache emptied, key evicted) restarts at random rather than at 1: a value
    # a process memoised under an earlier generation cannot be taken for a current one.
    return secrets.randbits(48)


def bump_generation(actor_ids: Iterable[int] | None = None) -> None:
    """Called whenever actors or their links change: everything cached becomes stale.
    `actor_ids`: the only fiches whose search rows this write changed (None: unknown, any)."""
    ids = None if actor_ids is None else frozenset(actor_ids)
    _move_generation(ids)
    if connection.in_atomic_block:
        _changes_at_commit(ids)


def _move_generation(ids: Iterable[int] | None) -> None:
    _request.generation = None  # the rest of this request reads the new number
    try:
        generation = cache.incr(GENERATION_KEY)
    except ValueError:
        cache.set(GENERATION_KEY, _fresh_generation(), None)
        return  # a new series: nothing before it can be checked
    if ids is None:  # unknown: a list left at this number by an earlier series must not stand
        cache.delete(CHANGED_KEY.format(generation))
    else:
        cache.set(CHANGED_KEY.format(generation), sorted(ids), CHANGES_SECONDS)


def _changes_at_commit(ids: frozenset[int] | None) -> None:
    """Gather a transaction's changed fiches and move the number once more at its commit."""
    pending = getattr(_request, "at_commit", None)
    if pending is not None and _still_pending(pending["callback"]):
        if ids is None or pending["ids"] is None:
            pending["ids"] = None
        else:
            pending["ids"].update(ids)  # in place: an import writes thousands, one by one
        return

    gathered = {"ids": None if ids is None else set(ids)}

    def at_commit():
        if getattr(_request, "at_commit", None) is gathered:
            _request.at_commit = None
        _move_generation(gathered["ids"])

    gathered["callback"] = at_commit
    _request.at_commit = gathered
    # Robust: another commit callback that fails must not leave this step out.
    transaction.on_commit(at_commit, robust=True)


def _still_pending(callback) -> bool:
    """Whether `callback` still waits for a commit: a rollback drops it with no signal."""
    return any(entry[1] is callback for entry in connection.run_on_commit)


def changed_since(generation: int, current: int) -> frozenset[int] | None:
    """The fiches changed from `generation` to `current`, or None when some step is unknown
    (a write that did not say, a number restarted, steps evicted or too many)."""
    if not 0 <= current - generation <= MAX_CHECKED_STEPS:
        return None
    if current == generation:
        return frozenset()
    keys = [CHANGED_KEY.format(step) for step in range(generation + 1, current + 1)]
    found = cache.get_many(keys)
    if len(found) != len(keys):
        return None
    return frozenset(pk for ids in found.values() for pk in ids)


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


@dataclass
class Kept:
    """A value as `cached_across_writes` keeps it: the generation it is exact for, and until
    when it may be kept (a check does not make it live longer than a computation would)."""

    generation: int
    value: object
    deadline: float


def cached_across_writes[T](
    key: str,
    compute: Callable[[], T],
    *,
    seconds: int,
    unaffected_by: Callable[[T, frozenset[int]], bool] | None,
) -> T:
    """`cached` for a value that only some fiches make: kept over the writes that named the
    fiches they changed when `unaffected_by(value, changed ids)` says none of them matters
    (None: computed again after any write, as under a `generation_key`)."""
    generation = current_generation()
    kept = cache.get(key)
    if kept is not None and kept.generation != generation:
        remaining = kept.deadline - time.time()
        changed = None
        if unaffected_by is not None and remaining >= 1:
            changed = changed_since(kept.generation, generation)
        if changed is not None and unaffected_by(kept.value, changed):
            kept = Kept(generation, kept.value, kept.deadline)
            cache.set(key, kept, int(remaining))
        else:
            kept = None
    if kept is None:
        kept = Kept(generation, compute(), time.time() + seconds)
        cache.set(key, kept, seconds)
    return kept.value


def _request_started(**kwargs) -> None:
    _request.active, _request.generation = True, None


def _request_finished(**kwargs) -> None:
    _request.active, _request.generation = False, None


def connect_request_signals() -> None:
    request_started.connect(_request_started, dispatch_uid="actors.cache.started")
    request_finished.connect(_request_finished, dispatch_uid="actors.cache.finished")
