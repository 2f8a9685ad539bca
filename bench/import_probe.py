"""One import measurement (issue 5), in its own process so that its peak memory is its own.

    python bench/import_probe.py preview|import|unchanged|background [--rows N] [--profile FILE]

Exports N existing actors as the site does for the staff (CSV, every column; in a child
process, not timed), then times one `imports.run_import` of that file, inside a transaction
rolled back at the end: the benchmark database is left as it was.

- preview: the rows made new fiches (identifier and SIRET blanked, name changed), dry run;
- import: the same new fiches, written (then rolled back with everything else);
- unchanged: the export as it is, written: every row should be found unchanged;
- background: the new fiches through the import pages, as background jobs: the web request
  that uploads (then the one that confirms) only queues a job, timed in milliseconds; the
  worker's loop then runs it, timed until it is done (`bench/import_jobs_probe.py`).

Prints one JSON line: rows, file size, seconds, SQL statements run, the report's counts, the
columns found changed, the first errors, peak resident memory (KB) before the import and at
the end. `--profile FILE` runs the import under cProfile, saves the statistics to FILE, and
prints on stderr the top 25 by cumulative time (the timing is then inflated by the profiler)
and the 25 most frequent SQL statements."""

import argparse
import cProfile
import csv
import io
import json
import os
import pstats
import resource
import subprocess
import sys
import tempfile
import time
from collections import Counter
from contextlib import contextmanager
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from import_jobs_probe import through_jobs  # noqa: E402

from actors.models import Actor  # noqa: E402
from actors.spreadsheets import exports, imports  # noqa: E402
from actors.spreadsheets.columns import ACTORS, STAFF  # noqa: E402

MODES = ("preview", "import", "unchanged", "background")
FILENAME = "bench-import.csv"
NEW_KEY_COLUMNS = ("slug", "siret")


def exported_csv(count: int) -> tuple[bytes, int]:
    """The first `count` actors (by pk: the demo fiches, then synthetic ones), exported."""
    ids = list(Actor.objects.order_by("pk").values_list("pk", flat=True)[:count])
    actors = Actor.objects.filter(pk__in=ids).order_by("pk")
    columns = ACTORS.for_audience(STAFF)
    return "".join(exports.csv_lines(actors, columns)).encode("utf-8"), len(ids)


def as_new_fiches(content: bytes) -> bytes:
    """The same rows, matching no existing fiche: no identifier, no SIRET, a name of their own
    (numbered, so that two namesakes of one commune do not become duplicates of each other)."""
    text = content.decode("utf-8-sig")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=";")
    headers = next(reader)
    blanked = [headers.index(ACTORS.header(key)) for key in NEW_KEY_COLUMNS]
    name = headers.index(ACTORS.header("name"))
    output = io.StringIO(newline="")
    writer = csv.writer(output, delimiter=";")
    writer.writerow(headers)
    for number, row in enumerate(reader, 1):
        for index in blanked:
            row[index] = ""
        row[name] = f"{row[name]} (import {number})"
        writer.writerow(row)
    return ("\ufeff" + output.getvalue()).encode("utf-8")


@contextmanager
def counting_queries(statements: Counter | None):
    """Counts the SQL statements run (and, given a Counter, tallies them by text)."""
    seen = {"queries": 0}

    def count(execute, sql, params, many, context):
        seen["queries"] += 1
        if statements is not None:
            statements[" ".join(sql.split())[:110]] += 1
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        yield seen


def maxrss_kb() -> int:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # KB on Linux


def write_file(mode: str, count: int, path: str) -> dict:
    """The file a mode imports, written to `path` (in a child process: see `prepared_file`)."""
    started = time.perf_counter()
    content, exported = exported_csv(count)
    if mode in ("preview", "import", "background"):
        content = as_new_fiches(content)
    Path(path).write_bytes(content)
    return {"rows": exported, "export_seconds": round(time.perf_counter() - started, 2)}


def prepared_file(mode: str, count: int) -> tuple[bytes, dict]:
    """Exporting and rewriting 10,000 rows takes more memory than reading the file back: done in
    a child process, so that this process's peak is Django, the file's bytes and the import."""
    with tempfile.TemporaryDirectory(prefix="mailleurs-bench-import-") as folder:
        path = str(Path(folder) / FILENAME)
        output = subprocess.run(
            [sys.executable, __file__, mode, "--rows", str(count), "--write-file", path],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
        return Path(path).read_bytes(), json.loads(output.strip().splitlines()[-1])


def run(mode: str, count: int, profile: str | None) -> dict:
    content, prepared = prepared_file(mode, count)
    if mode == "background":
        return {"mode": mode, **prepared, "file_kb": round(len(content) / 1024),
                **through_jobs(content, FILENAME)}  # fmt: skip
    actors_before = Actor.objects.count()
    rss_before = maxrss_kb()
    profiler = cProfile.Profile() if profile else None
    statements = Counter() if profile else None
    with transaction.atomic(), counting_queries(statements) as queries:
        started = time.perf_counter()
        report, file_format = timed_import(content, mode, profiler)
        seconds = time.perf_counter() - started
        actors_during = Actor.objects.count()
        transaction.set_rollback(True)  # the benchmark database stays as it was
    actors_after = Actor.objects.count()
    if profiler:
        print_profile(profiler, profile, queries["queries"], statements)
    return {
        "mode": mode,
        "rows": prepared["rows"],
        "file_kb": round(len(content) / 1024),
        "upload_limit_kb": settings.IMPORT_MAX_MEGABYTES * 1024,
        "format": file_format,
        "export_seconds": prepared["export_seconds"],
        "seconds": round(seconds, 2),
        "queries": queries["queries"],
        **report_summary(report),
        "actors_added": actors_during - actors_before,
        "rolled_back": actors_after == actors_before,
        "peak_kb_before": rss_before,
        "peak_kb": maxrss_kb(),
        "profiled": bool(profiler),
    }


def timed_import(content: bytes, mode: str, profiler) -> tuple:
    """The import the probe measures, under the profiler if there is one."""
    if profiler:
        profiler.enable()
    outcome = imports.run_import(
        kind="acteurs",
        content=content,
        filename=FILENAME,
        user=None,
        dry_run=mode == "preview",
        valid_rows_only=False,
        reason="benchmark (annulé)",
    )
    if profiler:
        profiler.disable()
    return outcome


def print_profile(profiler, path: str, query_count: int, statements: Counter) -> None:
    """Saves the statistics to `path`; prints on stderr the slowest calls and SQL statements."""
    profiler.dump_stats(path)
    stats = pstats.Stats(profiler, stream=sys.stderr)
    stats.sort_stats("cumulative").print_stats(25)
    print(f"{query_count} requêtes SQL ; les plus fréquentes :", file=sys.stderr)
    for statement, times in statements.most_common(25):
        print(f"{times:8d}  {statement}", file=sys.stderr)


def report_summary(report) -> dict:
    return {
        "counts": report.counts,
        # For the rows found changed: which columns, how many times (a clean round trip of an
        # export changes nothing).
        "changed_columns": dict(
            Counter(column for row in report.rows for column in row["changes"]).most_common()
        ),
        "error_count": len(report.errors),
        "errors": report.errors[:5],
        "file_error": report.file_error,
        "written": report.written,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("mode", choices=MODES)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--profile", metavar="FILE")
    parser.add_argument("--write-file", metavar="FILE", help="only write the file to import")
    options = parser.parse_args()
    if options.write_file:
        result = write_file(options.mode, options.rows, options.write_file)
    else:
        result = run(options.mode, options.rows, options.profile)
    print(json.dumps(result, ensure_ascii=False))


if __name__ == "__main__":
    main()
