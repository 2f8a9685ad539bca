"""What a word's first read would cost from posting lists, against today's statement: a
measurement for issue 15's cold-read target, not a feature. Run it on a bench database:

    DATABASE_URL=postgres://…/mailleurs_bench_300000 python bench/postings_probe.py

1. Builds the scratch table `bench_posting` from the published fiches' search vectors: one row
   per lexeme, its fiches' ids (sorted int32) and each fiche's best weight, as `bytea`. Kept
   for the next run (`--rebuild` builds it again).
2. Loads what a process would keep: each published fiche's facet codes and its place in
   `sort_name` order.
3. For each word of the load (bench/locustfile.py): its lexemes' rows read, the terms
   intersected, facet codes counted and the matches ordered, in numpy (median of RUNS), beside
   today's page statement with EXPLAIN ANALYZE, and both match counts.
4. For the one-word searches: `ts_rank` rebuilt from each lexeme's positions and weights
   (PostgreSQL's `calc_rank_or`) against PostgreSQL's own, match by match.
5. The cost of rewriting one fiche's posting rows in place (rolled back).
Prints Markdown."""

import os
import random
import re
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import psycopg

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from search_words import load_words  # noqa: E402

from actors.directory.facet_keys import read_codes  # noqa: E402
from actors.directory.search import RANK_WEIGHTS, tsquery_text  # noqa: E402

RUNS = 5
WEIGHT_OF_CODE = np.array([0.1, 0.2, 0.4, 1.0])  # D, C, B, A: as RANK_WEIGHTS
WEIGHT_CODE = {"D": 0, "C": 1, "B": 2, "A": 3}

BUILD = """
SELECT lexeme, array_agg(actor_id ORDER BY actor_id), array_agg(best ORDER BY actor_id)
FROM (SELECT r.actor_id, u.lexeme,
        max(CASE w WHEN 'A' THEN 3 WHEN 'B' THEN 2 WHEN 'C' THEN 1 ELSE 0 END) AS best
      FROM actors_actorsearchrow r, unnest(r.search_vector) u, unnest(u.weights) w
      WHERE r.status = 'published' GROUP BY r.actor_id, u.lexeme) AS postings
GROUP BY lexeme
"""
TODAY = (
    "SELECT actor_id, facet_codes FROM actors_actorsearchrow WHERE status = 'published' "
    "AND search_vector @@ to_tsquery('french_unaccent', %(q)s) ORDER BY ts_rank('"
    + RANK_WEIGHTS
    + "', search_vector, "
    "to_tsquery('french_unaccent', %(q)s)) DESC NULLS LAST, sort_name, actor_id"
)


def build(db) -> str:
    started = time.perf_counter()
    db.execute("DROP TABLE IF EXISTS bench_posting")
    db.execute(
        'CREATE UNLOGGED TABLE bench_posting (lexeme text COLLATE "C" PRIMARY KEY, '
        "ids bytea NOT NULL, weights bytea NOT NULL)"
    )
    with db.transaction(), db.cursor(name="postings") as rows:
        rows.itersize = 5000
        rows.execute(BUILD)
        built = [
            (lexeme, np.array(ids, np.int32).tobytes(), np.array(best, np.int8).tobytes())
            for lexeme, ids, best in rows
        ]
    with db.cursor() as cursor, cursor.copy("COPY bench_posting FROM STDIN") as copy:
        for row in built:
            copy.write_row(row)
    db.execute("ANALYZE bench_posting")
    size, lexemes = db.execute(
        "SELECT pg_total_relation_size('bench_posting'), count(*) FROM bench_posting"
    ).fetchone()
    seconds = time.perf_counter() - started
    return f"{lexemes} lexèmes, {size / 1e6:.0f} Mo, construits en {seconds:.1f} s"


class Kept:
    """What a process would keep between reads: published ids, facet codes, name order."""

    def __init__(self, db):
        rows = db.execute(
            "SELECT actor_id, facet_codes FROM actors_actorsearchrow "
            "WHERE status = 'published' ORDER BY actor_id"
        ).fetchall()
        self.ids = np.fromiter((pk for pk, _codes in rows), np.int64, len(rows))
        lengths = np.fromiter((len(codes) // 4 for _pk, codes in rows), np.int64, len(rows))
        self.offsets = np.r_[0, np.cumsum(lengths)]
        self.codes = read_codes("".join(codes for _pk, codes in rows))
        by_name = db.execute(
            "SELECT actor_id FROM actors_actorsearchrow WHERE status = 'published' "
            "ORDER BY sort_name, actor_id"
        ).fetchall()
        named = np.fromiter((pk for (pk,) in by_name), np.int64, len(by_name))
        self.name_order = np.empty(len(self.ids), np.int32)
        self.name_order[np.searchsorted(self.ids, named)] = np.arange(len(named))


def query_lexemes(db, query: str) -> list[tuple[str, bool]]:
    text = db.execute("SELECT to_tsquery('french_unaccent', %s)::text", (query,)).fetchone()[0]
    return [(lexeme, bool(prefix)) for lexeme, prefix in re.findall(r"'([^']*)'(:\*)?", text)]


def term_postings(cursor, lexeme: str, prefix: bool):
    if prefix:  # the lexemes of a prefix: a range of the primary key
        after = lexeme[:-1] + chr(ord(lexeme[-1]) + 1)
        cursor.execute(
            "SELECT ids, weights FROM bench_posting WHERE lexeme >= %s AND lexeme < %s",
            (lexeme, after),
        )
    else:
        cursor.execute("SELECT ids, weights FROM bench_posting WHERE lexeme = %s", (lexeme,))
    found = cursor.fetchall()
    if not found:
        return np.empty(0, np.int32), np.empty(0, np.int8)
    ids = np.concatenate([np.frombuffer(ids, np.int32) for ids, _w in found])
    best = np.concatenate([np.frombuffer(weights, np.int8) for _ids, weights in found])
    if len(found) > 1:  # a fiche under several lexemes of the prefix: its best weight
        order = np.lexsort((-best, ids))
        ids, best = ids[order], best[order]
        first = np.r_[True, ids[1:] != ids[:-1]]
        ids, best = ids[first], best[first]
    return ids, best


def read_from_postings(db, kept: Kept, terms) -> tuple[int, list[float]]:
    """(matches, [read rows, intersect and rank, count facets, order, total] in ms)."""
    marks = [time.perf_counter()]
    with db.cursor(binary=True) as cursor:
        parts = [term_postings(cursor, lexeme, prefix) for lexeme, prefix in terms]
    marks.append(time.perf_counter())
    ids, rank = parts[0][0], WEIGHT_OF_CODE[parts[0][1]]
    for other_ids, other_best in parts[1:]:
        ids, mine, theirs = np.intersect1d(ids, other_ids, assume_unique=True, return_indices=True)
        rank = rank[mine] + WEIGHT_OF_CODE[other_best[theirs]]
    rows = np.searchsorted(kept.ids, ids)
    marks.append(time.perf_counter())
    starts, counts = kept.offsets[rows], kept.offsets[rows + 1] - kept.offsets[rows]
    firsts = np.r_[0, np.cumsum(counts)[:-1]]
    np.bincount(kept.codes[np.repeat(starts - firsts, counts) + np.arange(counts.sum())])
    marks.append(time.perf_counter())
    np.lexsort((kept.name_order[rows], -rank))[:20]
    marks.append(time.perf_counter())
    steps = [(end - start) * 1000 for start, end in zip(marks, marks[1:], strict=False)]
    return len(ids), [*steps, (marks[-1] - marks[0]) * 1000]


def today(db, query: str) -> tuple[int, float]:
    """(matches, ms) of the page's statement, EXPLAIN ANALYZE (median of RUNS)."""
    times = []
    for _run in range(RUNS):
        plan = db.execute("EXPLAIN (ANALYZE, FORMAT JSON) " + TODAY, {"q": query}).fetchone()[0]
        times.append(plan[0]["Planning Time"] + plan[0]["Execution Time"])
    return plan[0]["Plan"]["Actual Rows"], statistics.median(times)


def lexeme_rank(weights: list[str]) -> float:
    """One lexeme's share of `ts_rank` in one fiche (PostgreSQL's `calc_rank_or`): float4
    sums over its positions, in order, and a last division in double."""
    total, best, best_at = np.float32(0), np.float32(-1), 0
    for at, code in enumerate(weights):
        weight = np.float32(WEIGHT_OF_CODE[WEIGHT_CODE[code]])
        total = np.float32(total + np.float32(weight / np.float32((at + 1) * (at + 1))))
        if weight > best:
            best, best_at = weight, at
    tail = np.float32(best / np.float32((best_at + 1) * (best_at + 1)))
    return float(np.float32(np.float32(best + total) - tail)) / 1.64493406685


def ranks_rebuilt(db, query: str, lexeme: str) -> tuple[int, int]:
    """(matches, matches whose rebuilt rank equals PostgreSQL's bit for bit) of a one-term
    prefix search: its lexemes' shares added in lexeme order, rounded to float4 each time."""
    theirs = dict(
        db.execute(
            "SELECT actor_id, ts_rank('"
            + RANK_WEIGHTS
            + "', search_vector, to_tsquery('french_unaccent', %(q)s)) "
            "FROM actors_actorsearchrow WHERE status = 'published' "
            "AND search_vector @@ to_tsquery('french_unaccent', %(q)s)",
            {"q": query},
        ).fetchall()
    )
    mine: dict[int, np.float32] = {}
    for pk, weights in db.execute(
        "SELECT r.actor_id, u.weights FROM actors_actorsearchrow r, unnest(r.search_vector) u "
        "WHERE r.actor_id = ANY(%s) AND u.lexeme >= %s AND u.lexeme < %s "
        'ORDER BY 1, u.lexeme COLLATE "C"',
        (list(theirs), lexeme, lexeme[:-1] + chr(ord(lexeme[-1]) + 1)),
    ):
        mine[pk] = np.float32(float(mine.get(pk, 0.0)) + lexeme_rank(weights))
    return len(theirs), sum(1 for pk, rank in theirs.items() if np.float32(rank) == mine.get(pk))


def rewrite_cost(db, kept: Kept) -> str:
    """One fiche's posting rows rewritten in place with its id (median of RUNS fiches)."""
    costs = []
    for pk in random.Random(3).sample(list(kept.ids), RUNS):
        lexemes = [
            lexeme
            for (lexeme,) in db.execute(
                "SELECT u.lexeme FROM actors_actorsearchrow r, unnest(r.search_vector) u "
                "WHERE r.actor_id = %s",
                (int(pk),),
            )
        ]
        started = time.perf_counter()
        with db.transaction(force_rollback=True), db.cursor(binary=True) as cursor:
            cursor.execute(
                "SELECT lexeme, ids, weights FROM bench_posting WHERE lexeme = ANY(%s) FOR UPDATE",
                (lexemes,),
            )
            rewritten = []
            for lexeme, ids, weights in cursor.fetchall():
                ids, weights = np.frombuffer(ids, np.int32), np.frombuffer(weights, np.int8)
                others = ids != pk
                ids, weights = ids[others], weights[others]
                at = np.searchsorted(ids, pk)
                ids, weights = np.insert(ids, at, pk), np.insert(weights, at, 3)
                rewritten.append((ids.tobytes(), weights.tobytes(), lexeme))
            cursor.executemany(
                "UPDATE bench_posting SET ids = %s, weights = %s WHERE lexeme = %s", rewritten
            )
            costs.append(
                ((time.perf_counter() - started) * 1000, sum(len(r[0]) for r in rewritten))
            )
    ms, size = (statistics.median(c[i] for c in costs) for i in (0, 1))
    return f"réécrire les lignes d’une fiche : {ms:.0f} ms, {size / 1e6:.1f} Mo (médiane)"


def main():
    settings = connection.settings_dict
    db = psycopg.connect(
        dbname=settings["NAME"],
        user=settings["USER"] or None,
        host=settings["HOST"] or None,
        port=settings["PORT"] or None,
        autocommit=True,
    )
    exists = db.execute("SELECT to_regclass('bench_posting') IS NOT NULL").fetchone()[0]
    if "--rebuild" in sys.argv or not exists:
        print(f"- table `bench_posting` : {build(db)}")
    started = time.perf_counter()
    kept = Kept(db)
    print(f"- gardé par processus : {len(kept.ids)} fiches, {time.perf_counter() - started:.2f} s")
    print()
    print(
        "| mot | fiches | lire | ET + rang | facettes | ordre | total ms "
        "| SQL d’aujourd’hui ms | fiches SQL |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|"
    )
    totals, statements, one_term = [], [], []
    for word in load_words():
        query = tsquery_text(word)
        terms = query_lexemes(db, query)
        runs = [read_from_postings(db, kept, terms) for _run in range(RUNS)]
        steps = [statistics.median(run[1][i] for run in runs) for i in range(5)]
        sql_matches, sql_ms = today(db, query)
        totals.append(steps[-1])
        statements.append(sql_ms)
        if len(terms) == 1 and terms[0][1]:
            one_term.append((word, query, terms[0][0]))
        shown = " | ".join(f"{step:.1f}" for step in steps)
        print(f"| {word} | {runs[0][0]} | {shown} | {sql_ms:.1f} | {sql_matches} |")
    print()
    postings_ms, sql_ms = statistics.median(totals), statistics.median(statements)
    print(f"- médianes : listes {postings_ms:.1f} ms, SQL {sql_ms:.1f} ms")
    for word, query, lexeme in one_term:
        matches, equal = ranks_rebuilt(db, query, lexeme)
        print(f"- `ts_rank` reconstruit pour « {word} » : {equal} / {matches} égaux au bit près")
    print(f"- {rewrite_cost(db, kept)}")


if __name__ == "__main__":
    main()
