"""A one-term search of the published fiches answered from the current posting snapshot.

A read takes the term's lexemes' rows (a prefix: a range of them), adds their rank shares as
PostgreSQL would (`ranks`), leaves out the fiches written since the snapshot, and searches
those in SQL by their ids instead (a few rows, through the `touched` index). Each process keeps
the snapshot's arrays (ids, name order, facet codes) until a newer snapshot appears.

It answers nothing (None: SQL answers) for what posting lists cannot rank as PostgreSQL does:
several terms (`ts_rank` then weighs the distance between them), phrases, excluded words; nor
when there is no snapshot yet or too many fiches were written since the last one, which
queues a new build (`tasks`).
"""

import re
import threading
from bisect import bisect_left
from dataclasses import dataclass

import numpy as np
import psycopg
from django.core.cache import cache
from django.db import connection

from actors.directory.facet_keys import key_of_code, read_codes
from actors.directory.match_sets import TOO_BROAD, Matches, distinct_codes, matches_of
from actors.directory.postings import ranks
from actors.directory.postings.tasks import build_postings_task
from actors.directory.search import RANK_WEIGHTS, parse_query, tsquery_text

# Fiches written since the snapshot searched in SQL at most; beyond, SQL answers alone.
MAX_WRITTEN_SINCE = 2000
# A new build is queued once this many were written since the last one.
REBUILD_AFTER = 500
REBUILD_QUEUED_KEY = "actors:postings:build-queued"
REBUILD_QUEUED_SECONDS = 900

# The snapshot, what was written since, and the term as PostgreSQL parses it: one round trip.
STATE = """
SELECT s.id, s.mark,
  ARRAY(SELECT actor_id FROM actors_actorsearchrow WHERE touched > s.mark LIMIT %(most)s),
  ARRAY(SELECT actor_id FROM actors_searchrowremoval WHERE touched > s.mark LIMIT %(most)s),
  to_tsquery('french_unaccent', %(query)s)::text
FROM (SELECT id, mark FROM actors_postingsnapshot ORDER BY id DESC LIMIT 1) s
"""
WRITTEN_SINCE_FOUND = (
    "SELECT actor_id, ts_rank('"
    + RANK_WEIGHTS
    + "', search_vector, to_tsquery('french_unaccent', %(query)s)), sort_name, facet_codes "
    "FROM actors_actorsearchrow WHERE touched > %(mark)s AND status = 'published' "
    "AND search_vector @@ to_tsquery('french_unaccent', %(query)s)"
)


@dataclass
class KeptSnapshot:
    """A snapshot's arrays as a process keeps them (see `PostingSnapshot`)."""

    id: int
    ids: np.ndarray
    name_rank: np.ndarray  # each position's place in (sort_name, id) order
    name_order: np.ndarray
    names: bytes
    name_ends: np.ndarray
    # Each position's facet keys as indexes in `keys` (its codes: `codes_of_keys`), end to end.
    key_ids: np.ndarray
    keys: list[str]
    codes_of_keys: np.ndarray
    code_starts: np.ndarray
    code_counts: np.ndarray

    @classmethod
    def load(cls, snapshot_id: int) -> "KeptSnapshot":
        blobs = _snapshot_blobs(snapshot_id)
        name_order = np.frombuffer(blobs["name_order"], "<i4")
        name_rank = np.empty(len(name_order), np.int32)
        name_rank[name_order] = np.arange(len(name_order), dtype=np.int32)
        code_ends = np.frombuffer(blobs["facet_ends"], "<i4").astype(np.int64)
        code_counts = np.diff(code_ends, prepend=0).astype(np.int32)
        codes_of_keys, key_ids = np.unique(
            np.frombuffer(blobs["facet_codes"], "<i4"), return_inverse=True
        )
        return cls(
            id=snapshot_id,
            ids=np.frombuffer(blobs["fiche_ids"], "<i8"),
            name_rank=name_rank,
            name_order=name_order,
            names=blobs["names"],
            name_ends=np.frombuffer(blobs["name_ends"], "<i4"),
            key_ids=key_ids.astype(np.uint16 if len(codes_of_keys) < 1 << 16 else np.int32),
            keys=[key_of_code(int(code)) for code in codes_of_keys],
            codes_of_keys=codes_of_keys.astype(np.int64),
            code_starts=code_ends - code_counts,
            code_counts=code_counts,
        )

    def name_at(self, place: int) -> bytes:
        start = self.name_ends[place - 1] if place else 0
        return self.names[start : self.name_ends[place]]

    def names_before(self, name: bytes, pk: int) -> int:
        """How many of the snapshot's fiches come before (`name`, `pk`) in name order."""
        return bisect_left(
            range(len(self.name_order)),
            (name, pk),
            key=lambda place: (self.name_at(place), int(self.ids[self.name_order[place]])),
        )

    def positions_of(self, pks) -> np.ndarray:
        """The positions of those of `pks` the snapshot holds."""
        pks = np.asarray(pks, dtype=np.int64)
        at = np.minimum(np.searchsorted(self.ids, pks), max(len(self.ids) - 1, 0))
        return at[self.ids[at] == pks] if len(self.ids) else at[:0]


SNAPSHOT_BLOBS = ("fiche_ids", "name_order", "names", "name_ends", "facet_codes", "facet_ends")


def _snapshot_blobs(snapshot_id: int) -> dict[str, bytes]:
    """The snapshot's arrays, sent by PostgreSQL as bytes (binary format) one at a time: as
    text, each came as hex twice its size, and a 300,000-fiche snapshot cost the process
    about 90 MB to read instead of its 26."""
    blobs = {}
    connection.ensure_connection()
    # Django's own cursors bind on the client side, which cannot ask for binary results.
    with psycopg.Cursor(connection.connection) as cursor:
        for name in SNAPSHOT_BLOBS:
            query = f"SELECT {name} FROM actors_postingsnapshot WHERE id = %s"
            cursor.execute(query, [snapshot_id], binary=True)
            blobs[name] = bytes(cursor.fetchone()[0])
    return blobs


_kept: KeptSnapshot | None = None
_loading = threading.Lock()


def kept_snapshot(snapshot_id: int) -> KeptSnapshot:
    global _kept
    with _loading:
        if _kept is None or _kept.id != snapshot_id:
            _kept = KeptSnapshot.load(snapshot_id)
        return _kept


def one_term(text: str) -> bool:
    """Whether `text` is a single word to find (as a prefix when long enough)."""
    required, excluded = parse_query(text)
    return len(required) == 1 and not excluded and len(re.findall(r"[^\W_]+", required[0])) == 1


def published_matches(text: str, *, max_matches: int) -> Matches | str | None:
    """The published fiches `text` finds, in the directory's relevance order, or TOO_BROAD
    beyond `max_matches`; None when posting lists cannot answer (see the module)."""
    if connection.vendor != "postgresql" or not one_term(text):
        return None
    query = tsquery_text(text)
    with connection.cursor() as cursor:
        cursor.execute(STATE, {"most": MAX_WRITTEN_SINCE + 1, "query": query})
        state = cursor.fetchone()
        if state is None:
            return None
        snapshot_id, mark, written, removed, parsed = state
        if len(written) + len(removed) >= REBUILD_AFTER:
            queue_build()
        if len(written) + len(removed) > MAX_WRITTEN_SINCE:
            return None
        lexemes = _lexemes(parsed)
        if lexemes is None:
            return None
        snapshot = kept_snapshot(snapshot_id)
        positions, rank = _snapshot_found(cursor, snapshot, *lexemes)
        found_since = []
        if written or removed:
            stale = np.zeros(len(snapshot.ids), dtype=bool)
            stale[snapshot.positions_of([*written, *removed])] = True
            kept = ~stale[positions]
            positions, rank = positions[kept], rank[kept]
            if written:
                cursor.execute(WRITTEN_SINCE_FOUND, {"query": query, "mark": mark})
                found_since = cursor.fetchall()
    if len(positions) + len(found_since) > max_matches:
        return TOO_BROAD
    return _ordered(snapshot, positions, rank, found_since)


def _lexemes(parsed: str) -> tuple[str, bool] | None:
    """The term's one lexeme and whether it is a prefix, from its tsquery as text; None for
    anything else (a word the dictionary splits, or drops as too common)."""
    found = re.findall(r"'((?:[^']|'')*)'(:\*)?", parsed)
    if len(found) != 1:
        return None
    lexeme, prefix = found[0]
    return lexeme.replace("''", "'"), bool(prefix)


def _snapshot_found(cursor, snapshot: KeptSnapshot, lexeme: str, prefix: bool):
    """(positions, ranks as float32) of the snapshot's fiches holding the lexeme, or for a
    prefix any lexeme it starts, their shares added in lexeme order as PostgreSQL does."""
    if prefix:
        cursor.execute(
            "SELECT positions, shares FROM actors_posting WHERE snapshot_id = %s "
            "AND lexeme >= %s AND lexeme < %s ORDER BY lexeme",
            [snapshot.id, lexeme, _after_prefix(lexeme)],
        )
    else:
        cursor.execute(
            "SELECT positions, shares FROM actors_posting WHERE snapshot_id = %s AND lexeme = %s",
            [snapshot.id, lexeme],
        )
    rows = cursor.fetchall()
    if len(rows) == 1:
        positions = np.frombuffer(rows[0][0], "<i4")
        zero = np.zeros(len(positions), np.float32)
        return positions, ranks.add_share(zero, np.frombuffer(rows[0][1], "<f4"))
    rank = np.zeros(len(snapshot.ids), np.float32)
    holds = np.zeros(len(snapshot.ids), dtype=bool)
    for positions, shares in rows:
        positions = np.frombuffer(positions, "<i4")
        rank[positions] = ranks.add_share(rank[positions], np.frombuffer(shares, "<f4"))
        holds[positions] = True
    positions = np.flatnonzero(holds)
    return positions, rank[positions]


def _after_prefix(prefix: str) -> str:
    """The first text after every text starting with `prefix`, compared as "C"."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def _ordered(snapshot: KeptSnapshot, positions, rank, found_since) -> Matches:
    """The matches in the directory's order: rank, then name and id, those of the snapshot
    and those written since merged by where their names fall among the snapshot's."""
    since = sorted(found_since, key=lambda row: (row[2].encode(), row[0]))
    slots = len(since) + 1
    # Places in name order: the snapshot's fiche of name rank r at (r + 1) × slots, those
    # written since just before the first snapshot name after theirs, by name and id.
    place = (snapshot.name_rank[positions].astype(np.int64) + 1) * slots
    ids = snapshot.ids[positions]
    if since:
        before = [snapshot.names_before(row[2].encode(), row[0]) for row in since]
        place = np.r_[place, np.array(before, np.int64) * slots + 1 + np.arange(len(since))]
        rank = np.r_[rank, np.array([row[1] for row in since], dtype=np.float32)]
        ids = np.r_[ids, np.array([row[0] for row in since], np.int64)]
    order = _by_rank_then_place(rank, place)
    starts, counts = snapshot.code_starts[positions], snapshot.code_counts[positions]
    if not since:
        counts = counts[order]
        key_ids = snapshot.key_ids[_flat_index(starts[order], counts)]
        return matches_of(ids[order], key_ids, counts, keys=snapshot.keys)
    since_codes = [read_codes(row[3]) if row[3] else np.empty(0, np.int64) for row in since]
    codes = np.concatenate(
        [snapshot.codes_of_keys[snapshot.key_ids[_flat_index(starts, counts)]], *since_codes]
    )
    counts = np.r_[counts, [len(row) for row in since_codes]].astype(np.int64)
    codes = codes[_flat_index((np.cumsum(counts) - counts)[order], counts[order])]
    distinct, key_index = distinct_codes(codes)
    keys = [key_of_code(int(code)) for code in distinct]
    return matches_of(ids[order], key_index, counts[order], keys=keys)


def _flat_index(starts: np.ndarray, counts: np.ndarray) -> np.ndarray:
    """The indexes of `counts[i]` items from `starts[i]`, for each i in turn."""
    shift = np.repeat(starts - (np.cumsum(counts) - counts), counts)
    return np.arange(len(shift)) + shift


PLACE_BITS = 32


def _by_rank_then_place(rank: np.ndarray, place: np.ndarray) -> np.ndarray:
    """The order by rank (descending), then place: one sort of one integer key, a positive
    float32 sorting as its bits, where `np.lexsort` over both took three times as long."""
    if len(place) and place.max() >= 1 << PLACE_BITS:
        return np.lexsort((place, -rank))
    falling = np.int64(0x7FFFFFFF) - rank.astype(np.float32).view(np.int32).astype(np.int64)
    return np.argsort((falling << PLACE_BITS) | place)


def queue_build() -> None:
    """Queue a new snapshot's build, once for a while (the worker runs it)."""
    if cache.add(REBUILD_QUEUED_KEY, True, REBUILD_QUEUED_SECONDS):
        build_postings_task.enqueue()
