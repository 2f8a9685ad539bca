"""``make bench``: Mailleurs at 100,000 actors on PostgreSQL, under a bounded local load
(issues 3 and 15).

1. A dedicated PostgreSQL database (``BENCH_DATABASE``) is created if missing, migrated, loaded
   with the reference and demo data, then with ``BENCH_ACTORS`` synthetic actors (seed 1). Every
   step is idempotent: a second run reuses the data and adds only what is missing.
2. gunicorn serves it on 127.0.0.1 as in production (DEBUG=0), and is stopped whatever happens.
3. locust, headless and in one process, runs ``bench/locustfile.py``: each endpoint alone, then
   ``BENCH_USERS`` users with a ``BENCH_WAIT`` pause for ``BENCH_SECONDS``, then the same users
   without pause for ``BENCH_THROUGHPUT_SECONDS`` (the throughput).
4. A table per endpoint (p50/p95/p99, payload sizes, the targets with OK/KO) is printed and
   written to ``bench/results/latest.md`` beside locust's raw CSV files.
5. With the server still up, the later measurements (``MEASUREMENTS``) add their lines: the
   directory page ÷ its own SQL and the maillage cold and cached, exports, imports (10,000 rows),
   the grid's results page, the glossary's links.

``BENCH_ONLY=import`` (or ``directory``, ``export``, ``grid``, ``autolink``, ``growth``, or
``export,import``) runs only those measurements on the prepared database, without server nor
load, into ``bench/results/only-<names>.md``. ``directory`` (bench/directory_measure.py): the
directory page ÷ its own SQL for each word of the load, and the maillage of a département cold
and cached. ``grid`` (bench/grid_measure.py): the results page of the mailleur grid over
``BENCH_GRID_STRUCTURES`` structures (1,000) × 3 rounds × 6 respondents. ``autolink``
(bench/autolink_measure.py): glossary terms linked in a long text; it needs no database, so
alone it skips step 1 too. ``growth`` (bench/growth_measure.py, on request only): the
directory at each size of ``BENCH_GROWTH``, each in its own database.

A benchmark reports, it does not judge: the exit status is non-zero only when the harness itself
broke (database unreachable, gunicorn not answering, locust crashing), never for a missed target.
Settings are environment variables, listed in ``Config.from_env`` and in README.md.

This file wires the steps together; each lives in a module beside it: config.py (settings),
database.py (1), server.py (2), load.py (3), samples.py and report.py (4), export_measure.py
and import_measure.py (5), harness.py (what they share).
"""

from __future__ import annotations

import signal
import subprocess
import sys
import time
from collections.abc import Callable

from autolink_measure import measure_autolink
from config import Bench, Config
from database import describe_server_settings, prepare_data, write_params
from directory_measure import measure_directory
from export_measure import measure_exports
from grid_measure import measure_grid
from growth_measure import measure_growth
from harness import RESULTS, HarnessError, log
from import_measure import measure_imports
from load import background_cpu, measure_solo, run_locust
from report import Machine, render_only_report, render_report
from samples import build_rows
from server import gunicorn

# Each function runs after the HTTP load, gunicorn still up, and returns Markdown lines.
# BENCH_ONLY=<name>[,<name>] runs some of them alone, without server nor load.
MEASUREMENTS: dict[str, Callable[[Bench], list[str]]] = {
    "directory": measure_directory,
    "export": measure_exports,
    "import": measure_imports,
    "grid": measure_grid,
    "autolink": measure_autolink,
    "growth": measure_growth,
}
# Chosen with BENCH_ONLY only: "growth" prepares databases of up to 300,000 fiches.
ON_REQUEST_ONLY = {"growth"}
EXTRA_MEASUREMENTS: list[Callable[[Bench], list[str]]] = [
    measure for name, measure in MEASUREMENTS.items() if name not in ON_REQUEST_ONLY
]
# Measurements that read nothing from the benchmark's database: chosen alone, no preparation.
WITHOUT_DATABASE = {"autolink"}


def run_only(config: Config, params: dict | None, timings: dict[str, float], started: float) -> int:
    """BENCH_ONLY: the chosen measurements on the prepared database, no server, no load; the
    report goes to results/only-<names>.md (latest.md is the whole benchmark's)."""
    bench = Bench(config=config, base_url=None)
    extra = [line for name in config.only for line in MEASUREMENTS[name](bench)]
    report = render_only_report(config, params, timings, extra)
    output = RESULTS / f"only-{'-'.join(config.only)}.md"
    output.write_text(report + "\n", encoding="utf-8")
    print()
    print(report)
    log(f"résultats : {output}")
    log(f"durée totale : {time.perf_counter() - started:.0f} s")
    return 0


def raise_on_sigterm(signum, frame):
    # `kill` or a stopped make: unwind through the finally blocks so gunicorn is stopped too.
    raise SystemExit(128 + signum)


def main() -> int:
    signal.signal(signal.SIGTERM, raise_on_sigterm)
    started = time.perf_counter()
    try:
        config = Config.from_env(measurements=MEASUREMENTS)
        RESULTS.mkdir(parents=True, exist_ok=True)
        if config.only and set(config.only) <= WITHOUT_DATABASE:
            return run_only(config, None, {}, started)
        timings = prepare_data(config)
        params = write_params(config)
        params["server"] = describe_server_settings(config)
        if config.only:
            return run_only(config, params, timings, started)
        with gunicorn(config) as base_url:
            idle = background_cpu()
            solo = measure_solo(config, base_url)
            samples, load_cpu = run_locust(
                base_url,
                user_class="Visitor",
                users=config.users,
                seconds=config.seconds,
                prefix="locust",
                wait=config.wait,
            )
            throughput = None
            if config.throughput_seconds:
                pushed, _cpu = run_locust(
                    base_url,
                    user_class="Visitor",
                    users=config.users,
                    seconds=config.throughput_seconds,
                    prefix="debit",
                )
                throughput = build_rows(pushed)
            bench = Bench(config=config, base_url=base_url)
            extra = [line for measure in EXTRA_MEASUREMENTS for line in measure(bench)]
    except HarnessError as error:
        log(f"ÉCHEC : {error}")
        return 1
    except subprocess.CalledProcessError as error:
        log(f"ÉCHEC : {' '.join(map(str, error.cmd))} a rendu {error.returncode}")
        return 1
    machine = Machine(before=idle, during=load_cpu)
    rows = build_rows(samples)
    report = render_report(config, params, timings, machine, rows, solo, extra, throughput)
    (RESULTS / "latest.md").write_text(report, encoding="utf-8")
    print()
    print(report)
    log(f"résultats : {RESULTS / 'latest.md'} (CSV de locust à côté)")
    log(f"durée totale : {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
