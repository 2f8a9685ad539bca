"""``make bench``: Mailleurs at 100,000 actors on PostgreSQL, under a bounded local load (issue 3).

1. A dedicated PostgreSQL database (``BENCH_DATABASE``) is created if missing, migrated, loaded
   with the reference and demo data, then with ``BENCH_ACTORS`` synthetic actors (seed 1). Every
   step is idempotent: a second run reuses the data and adds only what is missing.
2. gunicorn serves it on 127.0.0.1 as in production (DEBUG=0), and is stopped whatever happens.
3. locust, headless and in one process, runs ``bench/locustfile.py`` for ``BENCH_SECONDS``.
4. A table per endpoint (p50/p95/p99, payload sizes, the targets of issue 3 with OK/KO) is printed
   and written to ``bench/results/latest.md`` beside locust's raw CSV files.
5. With the server still up, the exports and imports are measured (``MEASUREMENTS``; issue 5:
   10,000 rows imported in under a minute) and their lines added to the report.

``BENCH_ONLY=import`` (or ``export``, or ``export,import``) runs only those measurements on the
prepared database, without server nor load, into ``bench/results/only-<names>.md``.

A benchmark reports, it does not judge: the exit status is non-zero only when the harness itself
broke (database unreachable, gunicorn not answering, locust crashing), never for a missed target.
Settings are environment variables, listed in ``Config.from_env`` and in README.md.
"""

from __future__ import annotations

import getpass
import json
import math
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench" / "results"
LOCUSTFILE = ROOT / "bench" / "locustfile.py"
# The seed is fixed: the load profile builds fiche slugs from it (synth-1-<n>).
SEED = 1
PG_HOST, PG_PORT = "127.0.0.1", 5432


class HarnessError(Exception):
    """The benchmark could not run (as opposed to: it ran and a target was missed)."""


def log(message: str) -> None:
    print(f"[bench] {message}", flush=True)


# --------------------------------------------------------------------------------------------
# Configuration
# --------------------------------------------------------------------------------------------


def env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name) or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise HarnessError(f"{name} doit être un entier (reçu : {raw!r}).") from None
    if value < minimum:
        raise HarnessError(f"{name} doit valoir au moins {minimum} (reçu : {value}).")
    return value


def only_measurements(raw: str) -> tuple[str, ...]:
    """BENCH_ONLY=import (or export, or export,import): those measurements alone, no server
    and no load; empty: the whole benchmark."""
    names = tuple(name.strip() for name in raw.split(",") if name.strip())
    unknown = [name for name in names if name not in MEASUREMENTS]
    if unknown:
        raise HarnessError(
            f"BENCH_ONLY : {', '.join(unknown)} inconnu(s) ; au choix : {', '.join(MEASUREMENTS)}."
        )
    return names


@dataclass(frozen=True)
class Config:
    database: str
    actors: int
    port: int
    seconds: int
    solo_seconds: int
    users: int
    workers: int
    worker_class: str
    threads: int
    reset: bool
    only: tuple[str, ...]
    import_rows: int

    @classmethod
    def from_env(cls) -> Config:
        worker_class = os.environ.get("BENCH_WORKER_CLASS") or "sync"
        if worker_class not in {"sync", "gthread"}:
            raise HarnessError("BENCH_WORKER_CLASS vaut sync ou gthread.")
        return cls(
            database=os.environ.get("BENCH_DATABASE") or "mailleurs_bench",
            actors=env_int("BENCH_ACTORS", 100_000),
            port=env_int("BENCH_PORT", 8765),
            seconds=env_int("BENCH_SECONDS", 60),
            solo_seconds=env_int("BENCH_SOLO_SECONDS", 10, minimum=0),
            users=env_int("BENCH_USERS", 10),
            # 3 sync workers measured best on 2 cores (README.md, "Benchmarks").
            workers=env_int("BENCH_WORKERS", 3),
            worker_class=worker_class,
            threads=env_int("BENCH_THREADS", 1 if worker_class == "sync" else 4),
            reset=os.environ.get("BENCH_RESET") == "1",
            only=only_measurements(os.environ.get("BENCH_ONLY") or ""),
            import_rows=env_int("BENCH_IMPORT_ROWS", 10_000),
        )

    @property
    def database_url(self) -> str:
        # Local server, trust authentication: the connecting user is the shell's.
        return f"postgres://{getpass.getuser()}@{PG_HOST}:{PG_PORT}/{self.database}"

    def django_env(self) -> dict[str, str]:
        """The environment of every manage.py and gunicorn process: production-like settings."""
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            DEBUG="0",
            # Throwaway key: sessions and signed values of a benchmark are worth nothing.
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            # Unhashed static storage: no collectstatic (and no manifest) needed to render pages.
            MAILLEURS_PLAIN_STATIC="1",
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="WARNING",
        )
        return env


# --------------------------------------------------------------------------------------------
# 1. Database
# --------------------------------------------------------------------------------------------


def ensure_database(config: Config) -> None:
    """Create the benchmark database if it does not exist; drop it first only on BENCH_RESET=1.

    Reusing the data is the point (generation takes minutes), but rows already generated are
    never rewritten: after a change to the generator or to a data migration, BENCH_RESET=1
    rebuilds everything from scratch.
    """
    if config.reset and "bench" not in config.database:
        # A typo in BENCH_DATABASE must not cost someone their development database.
        raise HarnessError(f"BENCH_RESET refusé : {config.database!r} ne contient pas « bench ».")
    try:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=getpass.getuser(), dbname="postgres", autocommit=True
        ) as connection:
            if config.reset:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(config.database)
                    )
                )
                log(f"base {config.database} : supprimée (BENCH_RESET=1)")
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config.database]
            ).fetchone()
            if exists:
                log(f"base {config.database} : déjà là, réutilisée")
                return
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config.database))
            )
            log(f"base {config.database} : créée")
    except psycopg.OperationalError as error:
        raise HarnessError(f"PostgreSQL injoignable sur {PG_HOST}:{PG_PORT} : {error}") from error


def manage(config: Config, *args: str) -> float:
    """Run one manage.py command in the benchmark's environment; return its duration (s)."""
    started = time.perf_counter()
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=config.django_env(), check=True
    )
    return time.perf_counter() - started


def analyze(config: Config) -> float:
    # Fresh planner statistics: bulk inserts leave them stale, and plans at 100 rows and at
    # 100,000 rows differ.
    started = time.perf_counter()
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        connection.execute("ANALYZE")
    return time.perf_counter() - started


def prepare_data(config: Config) -> dict[str, float]:
    ensure_database(config)
    timings = {"migrate": manage(config, "migrate", "--noinput", "--verbosity", "0")}
    timings["données de référence"] = manage(config, "load_reference_data", "--demo")
    log(f"{config.actors} acteurs (graine {SEED}) : 1 à 2 min la 1re fois, puis le manquant seul")
    timings["génération"] = manage(
        config, "generate_actors", "--count", str(config.actors), "--seed", str(SEED)
    )
    log(f"génération : {timings['génération']:.1f} s")
    timings["ANALYZE"] = analyze(config)
    return timings


# What the load profile needs from the database, read through the ORM rather than table names.
PARAMS_SCRIPT = """
import json
from actors.models import Actor, Sphere, Theme
print(json.dumps({
    "spheres": list(Sphere.objects.order_by("slug").values_list("slug", flat=True)),
    "themes": list(Theme.objects.order_by("slug").values_list("slug", flat=True)),
    "actors_in_database": Actor.objects.count(),
}))
"""


def write_params(config: Config) -> dict:
    output = subprocess.run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", PARAMS_SCRIPT],
        cwd=ROOT,
        env=config.django_env(),
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    params = json.loads(output.strip().splitlines()[-1])
    params.update(actor_count=config.actors, slug_prefix=f"synth-{SEED}")
    (RESULTS / "params.json").write_text(json.dumps(params, indent=2), encoding="utf-8")
    return params


# --------------------------------------------------------------------------------------------
# 2. gunicorn
# --------------------------------------------------------------------------------------------


def port_is_free(port: int) -> bool:
    with socket.socket() as probe:
        # As gunicorn does: connections of the previous run left in TIME_WAIT do not count.
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return False
    return True


def choose_port(preferred: int) -> int:
    if port_is_free(preferred):
        return preferred
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    log(f"port {preferred} occupé : gunicorn écoutera sur {port}")
    return port


def wait_until_ready(process: subprocess.Popen, url: str, timeout: float = 60) -> None:
    """Poll until gunicorn answers (any HTTP status counts: the server is up)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise HarnessError(f"gunicorn s’est arrêté (code {process.returncode}) : voir le log")
        try:
            with urllib.request.urlopen(url, timeout=5):
                return
        except urllib.error.HTTPError:
            return
        except OSError:
            time.sleep(0.3)
    raise HarnessError(f"gunicorn ne répond pas sur {url} après {timeout:.0f} s")


def stop(process: subprocess.Popen) -> None:
    """SIGTERM to gunicorn's whole process group (arbiter and workers), SIGKILL if it lingers."""
    if process.poll() is not None:
        return
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()


@contextmanager
def gunicorn(config: Config) -> Iterator[str]:
    port = choose_port(config.port)
    command = [
        sys.executable,
        "-m",
        "gunicorn",
        "mailleurs.wsgi",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(config.workers),
        "--worker-class",
        config.worker_class,
        "--threads",
        str(config.threads),
        # gunicorn 27 otherwise creates a control socket under ~/.gunicorn.
        "--no-control-socket",
        "--timeout",
        "60",
        "--error-logfile",
        "-",
    ]
    with (
        tempfile.TemporaryDirectory(prefix="mailleurs-bench-static-") as static_root,
        # Django logs every 500 with its traceback on stderr: into the log, not over the table.
        open(RESULTS / "gunicorn.log", "w", encoding="utf-8") as server_log,
    ):
        env = config.django_env()
        # An empty, existing STATIC_ROOT keeps WhiteNoise from warning in every worker.
        env["STATIC_ROOT"] = static_root
        # A session of its own: Ctrl-C reaches run.py, which then stops gunicorn in order.
        process = subprocess.Popen(
            command,
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_ready(process, f"{base_url}/")
            log(
                f"gunicorn prêt sur {base_url} ({config.workers} workers {config.worker_class}"
                + (f", {config.threads} threads" if config.worker_class == "gthread" else "")
                + ")"
            )
            yield base_url
        finally:
            stop(process)
            log("gunicorn arrêté")


# --------------------------------------------------------------------------------------------
# 3. Load
# --------------------------------------------------------------------------------------------


def cpu_times() -> tuple[int, int] | None:
    """(busy, total) jiffies of all CPUs since boot, from /proc/stat (Linux); None elsewhere."""
    try:
        with open("/proc/stat", encoding="ascii") as stat:
            fields = [int(value) for value in stat.readline().split()[1:]]
    except OSError:
        return None
    idle = fields[3] + fields[4]  # idle + iowait
    return sum(fields) - idle, sum(fields)


def cpu_busy(before: tuple[int, int] | None, after: tuple[int, int] | None) -> float | None:
    if before is None or after is None or after[1] == before[1]:
        return None
    return 100 * (after[0] - before[0]) / (after[1] - before[1])


def background_cpu(seconds: float = 3) -> float | None:
    # The 2 cores are shared with whatever else runs (a test suite, a dev server): measured
    # before the load starts, so that a noisy run can be told from a slow application.
    before = cpu_times()
    time.sleep(seconds)
    return cpu_busy(before, cpu_times())


def run_locust(
    base_url: str, *, user_class: str, users: int, seconds: int, prefix: str
) -> tuple[dict, float | None]:
    """Samples per endpoint (see locustfile.py), and the CPU share busy during the load.

    Files are named after ``prefix``: ``<prefix>_stats.csv``… and ``<prefix>-samples.json``.
    """
    samples_file = RESULTS / f"{prefix}-samples.json"
    samples_file.unlink(missing_ok=True)
    env = dict(
        os.environ, BENCH_PARAMS=str(RESULTS / "params.json"), BENCH_SAMPLES=str(samples_file)
    )
    command = [
        sys.executable,
        "-m",
        "locust",
        "--locustfile",
        str(LOCUSTFILE),
        user_class,
        "--headless",
        # One process (no --processes): the load generator shares the 2 cores with gunicorn and
        # PostgreSQL, and must take as little of them as it can.
        "--users",
        str(users),
        "--spawn-rate",
        str(users),
        "--run-time",
        f"{seconds}s",
        "--stop-timeout",
        "10",
        "--host",
        base_url,
        "--csv",
        str(RESULTS / prefix),
        "--only-summary",
        # Failed requests are results, not a broken harness.
        "--exit-code-on-error",
        "0",
        "--logfile",
        str(RESULTS / f"{prefix}.log"),
    ]
    log(f"charge : {users} utilisateur(s) pendant {seconds} s")
    before = cpu_times()
    with open(RESULTS / f"{prefix}-summary.txt", "w", encoding="utf-8") as summary:
        completed = subprocess.run(command, cwd=ROOT, env=env, stdout=summary, stderr=summary)
    load_cpu = cpu_busy(before, cpu_times())
    if completed.returncode != 0 or not samples_file.exists():
        raise HarnessError(
            f"locust a échoué (code {completed.returncode}) : voir {RESULTS / f'{prefix}.log'}"
        )
    return json.loads(samples_file.read_text(encoding="utf-8")), load_cpu


def measure_solo(config: Config, base_url: str) -> dict[str, float]:
    """p50 per endpoint with a single user, before the load: the time a page takes to compute,
    without queueing behind the others. Beside the loaded figures, it tells a slow page from a
    saturated server. It also warms the workers up (imports, connections, caches)."""
    if not config.solo_seconds:
        return {}
    samples, _ = run_locust(
        base_url, user_class="SoloVisitor", users=1, seconds=config.solo_seconds, prefix="solo"
    )
    return {name: percentile(sample["ms"], 0.50) for name, sample in samples.items()}


# --------------------------------------------------------------------------------------------
# 4. Report
# --------------------------------------------------------------------------------------------

ENDPOINTS = [
    "annuaire texte+facettes",
    "fiche",
    "carte France",
    "carte département",
    "carte commune",
    "territoire",
]

# Issue 3, "Speed": (label, measured value, limit). "No errors" applies to every endpoint.
TOTAL = "ensemble"
P95 = "p95_ms"
MAX_KB = "max_kb"
TARGETS: dict[str, list[tuple[str, str, float]]] = {
    "annuaire texte+facettes": [("p95 ≤ 150 ms", P95, 150)],
    "fiche": [("p95 ≤ 80 ms", P95, 80)],
    "carte France": [("p95 ≤ 200 ms", P95, 200), ("≤ 150 Ko", MAX_KB, 150)],
    "carte département": [("p95 ≤ 200 ms", P95, 200)],
    "carte commune": [("p95 ≤ 200 ms", P95, 200)],
    "territoire": [],
}


@dataclass(frozen=True)
class Machine:
    """CPU busy share (%, both cores) before the load (others' work) and during it."""

    before: float | None
    during: float | None

    def describe(self) -> str:
        def show(share: float | None) -> str:
            return "?" if share is None else f"{share:.0f} %"

        text = f"CPU occupé avant la charge {show(self.before)}, pendant {show(self.during)}"
        if self.before is not None and self.before > 15:
            text += " — d’autres processus tournaient : chiffres pessimistes, relancer au calme"
        return text


def percentile(values: list[float], share: float) -> float:
    """Nearest-rank percentile: a value that was actually measured, no interpolation."""
    ordered = sorted(values)
    rank = max(1, math.ceil(share * len(ordered)))
    return ordered[rank - 1]


def summarise(name: str, sample: dict) -> dict:
    times, sizes, errors = sample["ms"], sample["bytes"], sample["errors"]
    return {
        "name": name,
        "requests": len(times),
        "failures": len(errors),
        "errors": Counter(errors),
        "p50_ms": percentile(times, 0.50),
        "p95_ms": percentile(times, 0.95),
        "p99_ms": percentile(times, 0.99),
        "avg_kb": sum(sizes) / len(sizes) / 1024,
        "max_kb": max(sizes) / 1024,
    }


def verdicts(row: dict) -> str:
    checks = [(label, row[key] <= limit) for label, key, limit in TARGETS.get(row["name"], [])]
    checks.append(("0 erreur", row["failures"] == 0))
    return " · ".join(f"{label} {'OK' if passed else 'KO'}" for label, passed in checks)


def describe_failures(row: dict) -> str:
    # "404 ×512": which statuses failed, so a missing endpoint reads differently from a crash.
    return ", ".join(f"{status} ×{count}" for status, count in row["errors"].most_common())


def show_ms(value: float | None) -> str:
    return "–" if value is None else f"{value:.0f}"


def render_table(rows: list[dict], solo: dict[str, float]) -> list[str]:
    lines = [
        "| point d’accès | requêtes | échecs | p50 ms | p95 ms | p99 ms | moy. Ko | max Ko "
        "| p50 seul ms | objectifs |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    for row in rows:
        if row["requests"] == 0:
            lines.append(f"| {row['name']} | 0 | – | – | – | – | – | – | – | aucune requête |")
            continue
        failures = str(row["failures"])
        if row["failures"]:
            failures += f" ({describe_failures(row)})"
        lines.append(
            f"| {row['name']} | {row['requests']} | {failures} | {row['p50_ms']:.0f} "
            f"| {row['p95_ms']:.0f} | {row['p99_ms']:.0f} | {row['avg_kb']:.1f} "
            f"| {row['max_kb']:.1f} | {show_ms(solo.get(row['name']))} | {verdicts(row)} |"
        )
    return lines


def build_rows(samples: dict) -> list[dict]:
    """One row per endpoint (those without any request too), then all requests together."""
    rows = []
    merged = {"ms": [], "bytes": [], "errors": []}
    for name in ENDPOINTS + sorted(set(samples) - set(ENDPOINTS)):
        sample = samples.get(name, {"ms": [], "bytes": [], "errors": []})
        rows.append(summarise(name, sample) if sample["ms"] else {"name": name, "requests": 0})
        for key, values in sample.items():
            merged[key].extend(values)
    if merged["ms"]:
        rows.append(summarise(TOTAL, merged))
    return rows


def git_revision() -> str:
    # Read-only: which code was measured.
    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "inconnue"


def render_report(
    config: Config,
    params: dict,
    timings: dict[str, float],
    machine: Machine,
    rows: list[dict],
    solo: dict[str, float],
    extra: list[str],
) -> str:
    total = sum(row["requests"] for row in rows if row["name"] != TOTAL)
    setup = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    server = f"gunicorn {config.workers} workers {config.worker_class}"
    wait = float(os.environ.get("BENCH_WAIT", "0") or 0)
    pause = f"{wait:g} s de pause entre deux requêtes" if wait else "sans pause"
    if config.worker_class == "gthread":
        server += f" × {config.threads} threads"
    lines = [
        f"# Benchmark Mailleurs — {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"- révision : {git_revision()} ; base `{config.database}` : "
        f"{params['actors_in_database']} acteurs, fiches tirées parmi synth-{SEED}-1 à "
        f"synth-{SEED}-{config.actors}",
        f"- {server}, DEBUG=0 ; locust 1 processus, {config.users} utilisateurs, {pause}, "
        f"{config.seconds} s, {total} requêtes ({total / config.seconds:.1f}/s)",
        f"- 2 cœurs partagés par locust, gunicorn et PostgreSQL ; {machine.describe()}",
        f"- préparation : {setup}",
        "",
        *render_table(rows, solo),
        "",
        "Percentiles exacts (rang le plus proche) sur chaque requête ; tailles des corps reçus ; "
        f"« p50 seul » : 1 utilisateur pendant {config.solo_seconds} s avant la charge. "
        "Erreurs serveur : `bench/results/gunicorn.log`.",
        "",
        *extra,
    ]
    return "\n".join(lines).rstrip() + "\n"


# --------------------------------------------------------------------------------------------
# Later measurements
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Bench:
    """What a later measurement gets: the configuration and the running server's address
    (None with BENCH_ONLY, which starts no server)."""

    config: Config
    base_url: str | None


def export_probe(config: Config, mode: str) -> dict:
    result = subprocess.run(
        [sys.executable, "bench/export_probe.py", mode],
        cwd=ROOT,
        env=config.django_env(),
        check=True,
        capture_output=True,
        text=True,
    )
    return json.loads(result.stdout.strip().splitlines()[-1])


def measure_exports(bench: Bench) -> list[str]:
    """Export every visible actor as CSV and XLSX (time, peak memory) beside a bare openpyxl
    write-only run over the same rows; the XLSX/bare ratio is the figure to keep low."""
    log("exports : CSV, XLSX et openpyxl seul")
    results = {mode: export_probe(bench.config, mode) for mode in ("csv", "xlsx", "bare")}
    ratio = results["xlsx"]["seconds"] / max(results["bare"]["seconds"], 0.01)
    lines = ["", "| export | lignes | secondes | mémoire max (Mo) |", "|---|--:|--:|--:|"]
    labels = {"csv": "CSV (flux)", "xlsx": "XLSX (écriture en flux)", "bare": "openpyxl seul"}
    for mode, label in labels.items():
        row = results[mode]
        lines.append(
            f"| {label} | {row['rows']} | {row['seconds']:.1f} | {row['peak_kb'] / 1024:.0f} |"
        )
    lines.append(f"\nRapport de temps XLSX / openpyxl seul : {ratio:.2f} (objectif ≤ 2).")
    return lines


# Issue 5: importing 10,000 rows takes under a minute.
IMPORT_TARGET_ROWS, IMPORT_TARGET_SECONDS = 10_000, 60
IMPORT_MODES = {
    "preview": "nouvelles fiches, aperçu",
    "import": "nouvelles fiches, import",
    "unchanged": "fiches inchangées, import",
}
# What each run should report: every row new, or every row unchanged.
IMPORT_EXPECTED = {"preview": "new", "import": "new", "unchanged": "unchanged"}
IMPORT_COUNTS = {
    "new": "nouvelles",
    "updated": "modifiées",
    "unchanged": "inchangées",
    "invalid": "en erreur",
}


def import_probe(config: Config, mode: str) -> dict:
    """One run of bench/import_probe.py (its stderr goes to results/import-<mode>.log). An
    import that crashes is a result to report, not a broken harness: {"failure": …}."""
    result = subprocess.run(
        [sys.executable, "bench/import_probe.py", mode, "--rows", str(config.import_rows)],
        cwd=ROOT,
        env=config.django_env(),
        capture_output=True,
        text=True,
    )
    (RESULTS / f"import-{mode}.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        return {"mode": mode, "failure": f"code {result.returncode} : {last}"}
    return json.loads(result.stdout.strip().splitlines()[-1])


def fr(value: float, decimals: int = 1) -> str:
    """12 345,6: French separators, as in the sentences of the report."""
    return f"{value:,.{decimals}f}".replace(",", " ").replace(".", ",")


def rows_per_second(row: dict) -> float:
    return row["rows"] / max(row["seconds"], 0.01)


def queries_per_row(row: dict) -> str:
    return f"{row['queries'] / max(row['rows'], 1):.1f}" if "queries" in row else "?"


def import_growth_kb(row: dict) -> int:
    """How far the import raised the process's peak, over what Django and the file held."""
    return row["peak_kb"] - row["peak_kb_before"]


def import_verdict(row: dict) -> str:
    # The target scaled to the rows measured: 10,000 rows in 60 s is 167 rows/s.
    return "OK" if rows_per_second(row) >= IMPORT_TARGET_ROWS / IMPORT_TARGET_SECONDS else "KO"


def import_anomalies(mode: str, row: dict) -> list[str]:
    """What differs from the expected report: rows not all new (or unchanged), nothing
    written, rows left in the database."""
    problems = []
    expected = IMPORT_EXPECTED[mode]
    if row["counts"].get(expected, 0) != row["rows"]:
        problems.append(f"attendu : {row['rows']} {IMPORT_COUNTS[expected]}")
    if mode == "import" and not row["written"]:
        problems.append("import refusé, rien n’aurait été écrit")
    if row["file_error"]:
        problems.append(f"fichier refusé : {row['file_error']}")
    if not row["rolled_back"]:
        problems.append("ATTENTION : la base du banc n’est pas revenue à l’état initial")
    return problems


def measure_imports(bench: Bench) -> list[str]:
    """Import N exported actors (BENCH_IMPORT_ROWS, 10,000) made new fiches — preview, then the
    import itself — and the unchanged export, each in a process of its own and a transaction
    rolled back: time, rows/s and peak memory against issue 5's target."""
    count = bench.config.import_rows
    log(f"imports : {count} nouvelles fiches (aperçu, import), {count} fiches inchangées")
    results = {}
    for mode in IMPORT_MODES:
        results[mode] = import_probe(bench.config, mode)
        row = results[mode]
        log(f"import {mode} : " + (row.get("failure") or f"{row['seconds']:.1f} s"))
    lines = [
        "",
        "| import (CSV) | lignes | secondes | lignes/s | requêtes SQL / ligne | mémoire max (Mo) | "
        + " | ".join(IMPORT_COUNTS.values())
        + " | < 1 min pour 10 000 |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    notes = []
    for mode, label in IMPORT_MODES.items():
        row = results[mode]
        if "failure" in row:
            lines.append(f"| {label} | – | – | – | – | – | – | – | – | – | échec |")
            notes.append(f"- {label} : la mesure a échoué ({row['failure']}), voir "
                         f"`bench/results/import-{mode}.log`.")  # fmt: skip
            continue
        counts = " | ".join(str(row["counts"].get(key, 0)) for key in IMPORT_COUNTS)
        lines.append(
            f"| {label} | {row['rows']} | {row['seconds']:.1f} | {rows_per_second(row):.0f} "
            f"| {queries_per_row(row)} | {row['peak_kb'] / 1024:.0f} | {counts} "
            f"| {import_verdict(row)} |"
        )
        for problem in import_anomalies(mode, row):
            notes.append(f"- {label} : {problem}.")
        if row.get("changed_columns"):
            changed = ", ".join(f"{name} ×{n}" for name, n in row["changed_columns"].items())
            notes.append(f"- {label} : colonnes vues modifiées : {changed}.")
        for error in row["errors"][:3]:
            notes.append(
                f"- {label}, ligne {error['line']}, {error['column'] or 'ligne entière'} : "
                f"{error['message']} ({error['value']!r})"
            )
        if row["error_count"] > 3:
            notes.append(f"- {label} : {row['error_count']} erreurs en tout.")
    new, preview, unchanged = results["import"], results["preview"], results["unchanged"]
    if "failure" not in new and "failure" not in preview:
        lines.append(
            f"\nImport de {fr(new['rows'], 0)} nouvelles fiches (CSV) : "
            f"aperçu {fr(preview['seconds'])} s, import {fr(new['seconds'])} s, "
            f"{fr(rows_per_second(new), 0)} lignes/s, "
            f"pic mémoire {fr(max(new['peak_kb'], preview['peak_kb']) / 1024, 0)} Mo "
            f"(+{fr(import_growth_kb(new) / 1024, 0)} Mo pendant l’import) ; objectif moins "
            f"d’une minute pour 10 000 lignes : aperçu {import_verdict(preview)}, "
            f"import {import_verdict(new)}."
        )
    if "failure" not in unchanged:
        lines.append(
            f"Réimport de {fr(unchanged['rows'], 0)} fiches inchangées (CSV) : "
            f"{fr(unchanged['seconds'])} s, {fr(rows_per_second(unchanged), 0)} lignes/s, "
            f"pic mémoire {fr(unchanged['peak_kb'] / 1024, 0)} Mo "
            f"(+{fr(import_growth_kb(unchanged) / 1024, 0)} Mo pendant l’import) ; "
            f"objectif : {import_verdict(unchanged)}."
        )
    measured = next((row for row in results.values() if "failure" not in row), None)
    if measured:
        lines.append(
            f"Fichiers : export « équipe » de {measured['rows']} acteurs, "
            f"{fr(measured['file_kb'] / 1024)} Mo (limite d’envoi IMPORT_MAX_MEGABYTES : "
            f"{fr(measured['upload_limit_kb'] / 1024, 0)} Mo) ; nouvelles fiches : "
            "identifiant et SIRET vidés, nom numéroté. Chaque mesure tourne dans son propre "
            "processus (mémoire : pic résident du processus, Django et fichier compris) et "
            "une transaction annulée à la fin : la base du banc ne change pas."
        )
    if notes:
        lines += ["", *notes]
    return lines


# Each function runs after the HTTP load, gunicorn still up, and returns Markdown lines.
# BENCH_ONLY=<name>[,<name>] runs some of them alone, without server nor load.
MEASUREMENTS: dict[str, Callable[[Bench], list[str]]] = {
    "export": measure_exports,
    "import": measure_imports,
}
EXTRA_MEASUREMENTS: list[Callable[[Bench], list[str]]] = list(MEASUREMENTS.values())


# --------------------------------------------------------------------------------------------


def run_only(config: Config, params: dict, timings: dict[str, float], started: float) -> int:
    """BENCH_ONLY: the chosen measurements on the prepared database, no server, no load; the
    report goes to results/only-<names>.md (latest.md is the whole benchmark's)."""
    bench = Bench(config=config, base_url=None)
    extra = [line for name in config.only for line in MEASUREMENTS[name](bench)]
    setup = ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())
    report = "\n".join(
        [
            f"# Benchmark Mailleurs (BENCH_ONLY={','.join(config.only)}) — "
            f"{datetime.now():%Y-%m-%d %H:%M}",
            "",
            f"- révision : {git_revision()} ; base `{config.database}` : "
            f"{params['actors_in_database']} acteurs",
            f"- préparation : {setup}",
            *extra,
        ]
    ).rstrip()
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
        config = Config.from_env()
        RESULTS.mkdir(parents=True, exist_ok=True)
        timings = prepare_data(config)
        params = write_params(config)
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
            )
            bench = Bench(config=config, base_url=base_url)
            extra = [line for measure in EXTRA_MEASUREMENTS for line in measure(bench)]
    except HarnessError as error:
        log(f"ÉCHEC : {error}")
        return 1
    except subprocess.CalledProcessError as error:
        log(f"ÉCHEC : {' '.join(map(str, error.cmd))} a rendu {error.returncode}")
        return 1
    machine = Machine(before=idle, during=load_cpu)
    report = render_report(config, params, timings, machine, build_rows(samples), solo, extra)
    (RESULTS / "latest.md").write_text(report, encoding="utf-8")
    print()
    print(report)
    log(f"résultats : {RESULTS / 'latest.md'} (CSV de locust à côté)")
    log(f"durée totale : {time.perf_counter() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
