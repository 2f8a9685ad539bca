"""The fiches one searched text finds, as `word_matches` keeps them: ids in relevance order and,
for each facet key, the rows filed under it (read from SQL by `word_matches`, from posting
lists by `postings.read`)."""

from array import array
from dataclasses import dataclass

import numpy as np

TOO_BROAD = "too-broad"


@dataclass
class Matches:
    """The fiches one text finds: their ids in relevance order, and for each facet key the set
    of rows (positions in `ids`) filed under it, as the bits of one integer. Filtering and
    counting are then a few integer operations per key, whatever the number of matches."""

    ids: array
    rows_under: dict[str, int]

    @classmethod
    def none(cls) -> "Matches":
        return cls(ids=array("q"), rows_under={})

    @property
    def every_row(self) -> int:
        return (1 << len(self.ids)) - 1

    def rows_of(self, keys) -> int:
        """The rows filed under any of `keys`."""
        rows = 0
        for key in keys:
            rows |= self.rows_under.get(key, 0)
        return rows

    def key_counts(self, rows: int) -> dict[str, int]:
        counts = {key: (under & rows).bit_count() for key, under in self.rows_under.items()}
        return {key: count for key, count in counts.items() if count}

    def ids_at(self, rows: int, bounds: slice) -> list[int]:
        """The ids of the selected rows within `bounds` (counted among the selected ones)."""
        bits = bin(rows)[:1:-1]  # bit i is character i
        positions, found = [], bits.find("1")
        while found != -1 and len(positions) < bounds.stop:
            positions.append(found)
            found = bits.find("1", found + 1)
        return [self.ids[row] for row in positions[bounds]]


# Codes below this are told apart by a table of that many counters (8 MB at most), in one
# pass; larger ones (vocabulary ids above 131,071) by sorting them.
COUNTED_CODES = 1 << 20


def distinct_codes(codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """The distinct codes in increasing order, and the index among them of each code:
    `np.unique(codes, return_inverse=True)`, which sorts the 80,000 codes of a median word (5 ms
    on a slow machine) where counting them takes 0.2 ms."""
    if not len(codes) or codes.max() >= COUNTED_CODES:
        return np.unique(codes, return_inverse=True)
    present = np.bincount(codes) > 0
    index_of_code = np.cumsum(present) - 1
    return np.flatnonzero(present), index_of_code[codes]


def matches_of(ids, key_index, keys_per_row, *, keys: list[str]) -> Matches:
    """The `Matches` of `ids` (in relevance order; a list or an integer array). `key_index`:
    the index in `keys` of every key of every row, row after row; `keys_per_row`: how many of
    them each row has. A (key × row) table of booleans, packed a bit per row (bit i of a key's
    bytes: row i), gives each key's rows at once: no Python step per key of every match (there
    are 170,000 for « centre social » at 100,000 fiches)."""
    row_index = np.repeat(np.arange(len(ids)), keys_per_row)
    # Each key's rows padded to whole bytes: one flat table packs into every key's bytes.
    row_bytes = (len(ids) + 7) // 8
    filed = np.zeros(len(keys) * row_bytes * 8, dtype=np.bool_)
    filed[np.asarray(key_index, dtype=np.int64) * (row_bytes * 8) + row_index] = True
    packed = np.packbits(filed, bitorder="little").reshape(len(keys), row_bytes)
    filed_keys = packed.any(axis=1)  # `keys` may hold keys no row has
    matches = Matches(ids=array("q"), rows_under={})
    matches.ids.frombytes(np.asarray(ids, dtype=np.int64).tobytes())
    for index in np.flatnonzero(filed_keys):
        if keys[index]:
            matches.rows_under[keys[index]] = int.from_bytes(packed[index].tobytes(), "little")
    return matches
