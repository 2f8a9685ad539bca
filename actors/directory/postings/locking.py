"""The advisory lock between the search rows' writes and a snapshot's build (migration 0025)."""

import time

# Any constant would do, as long as nothing else in the database uses it.
WRITES_LOCK = 0x6D61696C


def hold_writes(cursor, *, timeout: float, pause: float = 0.2) -> bool:
    """Take the lock exclusively for this session (writes then wait): True once held, False
    if writes kept it for `timeout` seconds (an import's long transaction). Polled rather than
    queued: a queued request would make every new write wait behind it."""
    deadline = time.monotonic() + timeout
    while True:
        cursor.execute("SELECT pg_try_advisory_lock(%s)", [WRITES_LOCK])
        if cursor.fetchone()[0]:
            return True
        if time.monotonic() >= deadline:
            return False
        time.sleep(pause)


def release_writes(cursor) -> None:
    cursor.execute("SELECT pg_advisory_unlock(%s)", [WRITES_LOCK])
