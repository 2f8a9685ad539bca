"""The directory's page against its own SQL, and the maillage cold and cached, in their own
process on the benchmark's PostgreSQL database.

    python bench/directory_probe.py

1. For each word of the load (bench/locustfile.py), a visitor's `/acteurs/?q=<word>` is
   rendered through Django's test client: the median of several renders, each with every
   cache emptied first (« à froid »: a word nobody searched since the directory last
   changed). After each render, the statements it ran are replayed bare with EXPLAIN ANALYZE
   (same SQL, same parameters), and the page time is divided by the median of the sums of
   their planning and execution times: how much the rest of the page (Python, templates) adds
   to the database work. A one-word search reads posting lists instead (see
   actors.directory.postings): that read, timed bare in this process with its own statements,
   is the database work moved into the process, and counts in place of those statements. The
   same replays run back to back are reported beside them. Then,
   the word's matches cached, the same word with a theme ticked (a combination never asked,
   as most of the load's are: « autres filtres »), and the same search asked again (« en
   cache »). Last, the bare count of the word's matches among published fiches, with EXPLAIN
   ANALYZE (« compter seulement »): the least any first read of the word costs the database,
   since each match is one visit of the search table (see bench/growth_measure.py). And the
   word's page right after one fiche drawn at random was saved (« après une modification »,
   in a transaction rolled back): the word's kept matches are checked against that fiche
   instead of read again, unless the word finds it.
2. The maillage of the Drôme (`/maillage/?territoire=26`) with every cache emptied (cold), then
   again once cached.
Prints one JSON line."""

import json
import os
import random
import statistics
import sys
import time
from itertools import count
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth.models import AnonymousUser  # noqa: E402
from django.core.cache import cache  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.http import QueryDict  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from search_words import load_words  # noqa: E402

from actors.directory.postings.read import published_matches  # noqa: E402
from actors.directory.query import run_search  # noqa: E402
from actors.directory.search import search_actors  # noqa: E402
from actors.directory.word_matches import MAX_MATCHES  # noqa: E402
from actors.models import Actor, ActorSearchRow, PublicationStatus, Theme  # noqa: E402

RUNS = 5
MAILLAGE_URL = "/maillage/?territoire=26"
_fresh = count()


def directory_url(word: str, **filters) -> str:
    # `banc` is no filter: the directory ignores it, but the page cache keys hold it.
    return "/acteurs/?" + urlencode({"q": word, **filters, "banc": next(_fresh)})


def cold_get(client: Client, url: str):
    cache.clear()  # the word's matches, counts, pages and the generation number
    return client.get(url)


def explained_ms(sql: str) -> float:
    """Planning + execution time of one captured statement, replayed with EXPLAIN ANALYZE."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        plan = cursor.fetchone()[0]
    plan = json.loads(plan) if isinstance(plan, str) else plan
    return plan[0]["Planning Time"] + plan[0]["Execution Time"]


def bare_count_ms(word: str) -> float:
    """The word's matches among published fiches, counted and nothing else (no order, no
    column read): the floor under any first read of the word (median of RUNS)."""
    published = ActorSearchRow.objects.filter(status=PublicationStatus.PUBLISHED)
    sql, params = search_actors(published, word).order_by().values("pk").query.sql_with_params()
    with connection.cursor() as cursor:
        bare = cursor.mogrify(f"SELECT count(*) FROM ({sql}) AS matches", params)
    return statistics.median(explained_ms(bare) for _run in range(RUNS))


def page_statements(queries) -> list[str]:
    captured = [query["sql"] for query in queries.captured_queries]
    return [sql for sql in captured if sql.lstrip().startswith(("SELECT", "WITH"))]


def postings_read(word: str) -> tuple[float, set[str]]:
    """(ms, statements) of a visitor's one-word search read from the posting lists, bare: the
    database work the page did in the process. (0, nothing) for a search they do not answer."""
    with CaptureQueriesContext(connection) as queries:
        started = time.perf_counter()
        found = published_matches(word, max_matches=MAX_MATCHES)
        elapsed = (time.perf_counter() - started) * 1000
    if found is None:
        return 0.0, set()
    return elapsed, {query["sql"] for query in queries.captured_queries}


def replayed_ms(statements: list[str]) -> float:
    return sum(explained_ms(sql) for sql in statements)


def after_edit_ms(client: Client, word: str, fiche_ids: list[int]) -> float:
    """The word's page right after one fiche, drawn at random, was saved (rolled back)."""
    drawn = random.Random(word)
    times = []
    for _run in range(RUNS):
        client.get(directory_url(word))  # the word's matches read and kept
        with transaction.atomic():
            Actor.objects.get(pk=drawn.choice(fiche_ids)).save()
            started = time.perf_counter()
            client.get(directory_url(word))
            times.append((time.perf_counter() - started) * 1000)
            transaction.set_rollback(True)
    return statistics.median(times)


def measure_word(client: Client, word: str, themes: list[str], fiche_ids: list[int]) -> dict:
    cold_get(client, directory_url(word))  # warm-up: this process's first render of the page
    times, after_page = [], []
    for _run in range(RUNS):
        cache.clear()  # the word's matches, counts, pages and the generation number
        with CaptureQueriesContext(connection) as queries:
            started = time.perf_counter()
            status = client.get(directory_url(word)).status_code
            times.append((time.perf_counter() - started) * 1000)
        query_count = len(queries.captured_queries)
        postings_ms, postings_statements = postings_read(word)
        statements = [sql for sql in page_statements(queries) if sql not in postings_statements]
        # Replayed right after the page, as its own statements ran after its Python work: on
        # 2 cores, « logement »'s statement once measured 26 ms replayed back to back, 34 after
        # a pause of 50 ms, 42 after 20 ms of Python.
        after_page.append(replayed_ms(statements) + postings_ms)
    # The median of as many replays as renders; one replay alone varied by a third.
    back_to_back_ms = statistics.median(
        replayed_ms(statements) + postings_read(word)[0] for _run in range(RUNS)
    )
    sql_ms = statistics.median(after_page)
    page_ms = statistics.median(times)
    other_filters_ms = []
    for theme in themes[:RUNS]:
        started = time.perf_counter()
        client.get(directory_url(word, theme=theme))
        other_filters_ms.append((time.perf_counter() - started) * 1000)
    cached_ms = cached_page_ms(client, directory_url(word))
    matches = run_search(QueryDict(urlencode({"q": word})), user=AnonymousUser()).actors.count()
    return {
        "word": word,
        "matches": matches,
        "status": status,
        "queries": query_count,
        "page_ms": round(page_ms, 1),
        "sql_ms": round(sql_ms, 1),
        "back_to_back_sql_ms": round(back_to_back_ms, 1),
        "ratio": round(page_ms / sql_ms, 2) if sql_ms else None,
        "from_postings": bool(postings_statements),  # read from posting lists, not SQL
        "other_filters_ms": round(statistics.median(other_filters_ms), 1),
        "cached_ms": round(cached_ms, 1),
        "count_ms": round(bare_count_ms(word), 1),
        "after_edit_ms": round(after_edit_ms(client, word, fiche_ids), 1),
    }


def cached_page_ms(client: Client, url: str) -> float:
    """The same search asked again: its counts and first page come from the cache."""
    client.get(url)
    times = []
    for _run in range(RUNS):
        started = time.perf_counter()
        client.get(url)
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def measure_maillage(client: Client) -> dict:
    cache.clear()
    started = time.perf_counter()
    status = client.get(MAILLAGE_URL).status_code
    cold_ms = (time.perf_counter() - started) * 1000
    cached = []
    for _run in range(RUNS):
        started = time.perf_counter()
        client.get(MAILLAGE_URL)
        cached.append((time.perf_counter() - started) * 1000)
    return {
        "status": status,
        "cold_ms": round(cold_ms, 1),
        "cached_ms": round(statistics.median(cached), 1),
    }


if __name__ == "__main__":
    client = Client(HTTP_HOST="127.0.0.1")
    themes = list(Theme.objects.order_by("slug").values_list("slug", flat=True))
    published = ActorSearchRow.objects.filter(status=PublicationStatus.PUBLISHED)
    fiche_ids = list(published.values_list("pk", flat=True))
    words = [measure_word(client, word, themes, fiche_ids) for word in load_words()]
    print(json.dumps({"words": words, "maillage": measure_maillage(client)}))
