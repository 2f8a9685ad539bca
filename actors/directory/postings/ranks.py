"""PostgreSQL's `ts_rank` of a one-term search, rebuilt from posting lists, to the bit.

For a query of one term (a word, or a prefix of several lexemes), `ts_rank` (`calc_rank_or`
in PostgreSQL's tsrank.c) adds, in lexeme order, one share per lexeme of the fiche the term
finds. A lexeme's share comes from the weights of its positions, in position order: with
`w_j` the weight of the j-th (counted from 0), `wm` the largest and `jm` where it first
appears, it is `(wm + Σ w_j / (j+1)² − wm / (jm+1)²) / 1.64493406685`. PostgreSQL computes the
bracket in float4, the division and each addition to the total in double, and keeps the total
as a float4: so do these functions, or the order of equally relevant fiches would differ.
"""

import numpy as np

from actors.directory.search import RANK_WEIGHTS

# RANK_WEIGHTS, as float4, by a tsvector's weight letter (D, C, B, A: 0.1, 0.2, 0.4, 1.0).
WEIGHTS = np.array(RANK_WEIGHTS.strip("{}").split(","), dtype=np.float32)
WEIGHT_OF_LETTER = np.zeros(256, dtype=np.float32)
for _index, _letter in enumerate("DCBA"):
    WEIGHT_OF_LETTER[ord(_letter)] = WEIGHTS[_index]
SUM_OF_INVERSE_SQUARES = 1.64493406685  # π²/6, as PostgreSQL writes it
SEPARATOR = ord(",")


def shares(weight_letters: bytes) -> np.ndarray:
    """The bracket of each lexeme's share (float32), for lexemes given as their positions'
    weight letters, comma-separated ("A,AD,C": three lexemes of 1, 2 and 1 positions)."""
    chars = np.frombuffer(weight_letters, dtype=np.uint8)
    is_separator = chars == SEPARATOR
    entries = int(is_separator.sum()) + 1
    letters = np.flatnonzero(~is_separator)
    entry_of = np.cumsum(is_separator)[letters]
    starts = np.r_[0, np.flatnonzero(is_separator) + 1]
    index_in_entry = letters - starts[entry_of]
    weights = WEIGHT_OF_LETTER[chars[letters]]

    total = np.zeros(entries, dtype=np.float32)
    best = np.full(entries, -1, dtype=np.float32)
    best_at = np.zeros(entries, dtype=np.float32)
    # Position by position, as PostgreSQL's loop: float4 additions in this order.
    by_index = np.argsort(index_in_entry, kind="stable")
    longest = int(index_in_entry.max()) + 1 if len(letters) else 0
    bounds = np.searchsorted(index_in_entry[by_index], np.arange(longest + 1))
    for j in range(len(bounds) - 1):
        rows = by_index[bounds[j] : bounds[j + 1]]
        entry, weight = entry_of[rows], weights[rows]
        total[entry] = total[entry] + weight / np.float32((j + 1) * (j + 1))
        better = weight > best[entry]
        best[entry[better]] = weight[better]
        best_at[entry[better]] = j
    squares = (best_at + np.float32(1)) * (best_at + np.float32(1))
    return (best + total) - best / squares


def add_share(ranks: np.ndarray, bracket: np.ndarray) -> np.ndarray:
    """`ranks` (float32) after one more lexeme's share: `res = res + bracket / 1.644…` in C,
    where the double result is stored back into a float4."""
    return (ranks.astype(np.float64) + bracket.astype(np.float64) / SUM_OF_INVERSE_SQUARES).astype(
        np.float32
    )
