"""Build a posting snapshot of the published fiches (actors.models.postings), PostgreSQL only.

The build reads the search rows in one consistent view: it holds the writes' lock just long
enough to read its mark and start that view (`locking`), then reads for as long as it needs
while fiches go on being written (they land above the mark, where reads look for them). It
keeps the snapshot before it, which a read may still be using, and removes older ones.
"""

import time

import numpy as np
from django.db import connection, transaction

from actors.directory.facet_keys import CODE_WIDTH, read_codes
from actors.directory.postings import ranks
from actors.directory.postings.locking import hold_writes, release_writes
from actors.models import PostingSnapshot

BATCH = 2000  # lexemes read and written at once
LOCK_TIMEOUT = 600.0

FICHES = """
SELECT actor_id, facet_codes FROM actors_actorsearchrow
WHERE status = 'published' ORDER BY actor_id
"""
BY_NAME = """
SELECT actor_id, sort_name FROM actors_actorsearchrow
WHERE status = 'published' ORDER BY sort_name, actor_id
"""
# Each lexeme's fiches (int8, big-endian, increasing) and their positions' weight letters.
LEXEMES = """
SELECT u.lexeme,
       string_agg(int8send(r.actor_id), ''::bytea ORDER BY r.actor_id),
       string_agg(array_to_string(u.weights, ''), ',' ORDER BY r.actor_id)
FROM actors_actorsearchrow r, unnest(r.search_vector) u
WHERE r.status = 'published'
GROUP BY u.lexeme
"""
LAST_WRITE = """
SELECT greatest(
  (SELECT coalesce(max(touched), 0) FROM actors_actorsearchrow),
  (SELECT coalesce(max(touched), 0) FROM actors_searchrowremoval))
"""


class WritesKeptTheLock(Exception):
    """Writes held the lock for LOCK_TIMEOUT seconds: the build did not start."""


def build_snapshot() -> PostingSnapshot:
    """A new snapshot, current once this returns (its transaction committed)."""
    started = time.perf_counter()
    if connection.in_atomic_block:
        # Inside a transaction already (a test's): it sees its own writes, none is half-way.
        with transaction.atomic():
            return _build(started)
    with connection.cursor() as cursor:
        if not hold_writes(cursor, timeout=LOCK_TIMEOUT):
            raise WritesKeptTheLock
    held = [True]
    try:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            return _build(started, held=held)
    finally:
        if held[0]:  # the build failed before it let writes go on
            with connection.cursor() as cursor:
                release_writes(cursor)


def _build(started: float, *, held: list | None = None) -> PostingSnapshot:
    with connection.cursor() as cursor:
        cursor.execute(LAST_WRITE)  # the view starts here: every write up to the mark is in
        mark = cursor.fetchone()[0]
        if held:
            release_writes(cursor)
            held[0] = False
        snapshot = _fiches(cursor, mark)
    _write_postings(snapshot)
    _forget_older(snapshot)
    snapshot.seconds = time.perf_counter() - started
    snapshot.save(update_fields=["seconds"])
    return snapshot


def _fiches(cursor, mark: int) -> PostingSnapshot:
    cursor.execute(FICHES)
    rows = cursor.fetchall()
    ids = np.fromiter((pk for pk, _codes in rows), np.int64, len(rows))
    texts = [codes for _pk, codes in rows]
    code_counts = np.fromiter(map(len, texts), np.int64, len(texts)) // CODE_WIDTH
    codes = read_codes("".join(texts)) if texts else np.empty(0, np.int64)
    cursor.execute(BY_NAME)
    named = cursor.fetchall()
    name_order = np.searchsorted(ids, np.fromiter((pk for pk, _n in named), np.int64, len(named)))
    names = [name.encode() for _pk, name in named]
    return PostingSnapshot.objects.create(
        mark=mark,
        fiches=len(ids),
        fiche_ids=ids.astype("<i8").tobytes(),
        name_order=name_order.astype("<i4").tobytes(),
        names=b"".join(names),
        name_ends=np.cumsum([len(name) for name in names], dtype=np.int64).astype("<i4").tobytes(),
        facet_codes=codes.astype("<i4").tobytes(),
        facet_ends=np.cumsum(code_counts).astype("<i4").tobytes(),
    )


def _write_postings(snapshot: PostingSnapshot) -> None:
    ids = np.frombuffer(snapshot.fiche_ids, "<i8")
    copy_sql = "COPY actors_posting (snapshot_id, lexeme, positions, shares) FROM STDIN"
    with connection.chunked_cursor() as lexemes, connection.cursor() as writer:
        lexemes.execute(LEXEMES)
        # One COPY per batch: the connection reads nothing else while a COPY is open.
        while batch := lexemes.fetchmany(BATCH):
            with writer.cursor.copy(copy_sql) as copy:
                for row in _postings(snapshot.pk, ids, batch):
                    copy.write_row(row)


def _postings(snapshot_id: int, ids: np.ndarray, batch):
    """COPY rows for a batch of (lexeme, fiche ids, weight letters): the shares of all their
    lexemes computed at once, then cut back into one row per lexeme."""
    brackets = ranks.shares(",".join(letters for _l, _ids, letters in batch).encode("ascii"))
    start = 0
    for lexeme, fiche_ids, _letters in batch:
        positions = np.searchsorted(ids, np.frombuffer(fiche_ids, ">i8"))
        end = start + len(positions)
        yield (
            snapshot_id,
            lexeme,
            positions.astype("<i4").tobytes(),
            brackets[start:end].astype("<f4").tobytes(),
        )
        start = end


def _forget_older(snapshot: PostingSnapshot) -> None:
    """Keep this snapshot and the one before it (a read that started on it may still need its
    rows and the deletions logged since it); remove the rest."""
    earlier = PostingSnapshot.objects.filter(pk__lt=snapshot.pk).order_by("-pk")
    previous = earlier.values("pk", "mark").first()
    with connection.cursor() as cursor:
        kept_from = previous["pk"] if previous else snapshot.pk
        cursor.execute("DELETE FROM actors_posting WHERE snapshot_id < %s", [kept_from])
        cursor.execute("DELETE FROM actors_postingsnapshot WHERE id < %s", [kept_from])
        forgotten_up_to = previous["mark"] if previous else snapshot.mark
        cursor.execute("DELETE FROM actors_searchrowremoval WHERE touched <= %s", [forgotten_up_to])


def is_current() -> bool:
    """Whether the latest snapshot holds every write (nothing written since its build)."""
    latest = PostingSnapshot.objects.order_by("-pk").values_list("mark", flat=True).first()
    if latest is None:
        return False
    with connection.cursor() as cursor:
        cursor.execute(LAST_WRITE)
        return cursor.fetchone()[0] <= latest
