"""Step 4: the Markdown report — one table row per endpoint against the targets of issues 3
and 15, the throughput without pause, the context needed to read it, and the lines of the later
measurements."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from config import Config
from harness import SEED, git_revision
from samples import TOTAL

# Issues 3 and 15: (label, measured value, limit). "No errors" applies to every endpoint.
# SOLO is the p50 of one user alone; the others are read under the load (10 users, 1 s pause).
P95 = "p95_ms"
MAX_KB = "max_kb"
SOLO = "solo_p50"
TARGETS: dict[str, list[tuple[str, str, float]]] = {
    "annuaire texte+facettes": [("seul p50 ≤ 40 ms", SOLO, 40), ("p95 ≤ 150 ms", P95, 150)],
    "fiche": [("seul p50 ≤ 15 ms", SOLO, 15), ("p95 ≤ 80 ms", P95, 80)],
    "carte France": [("p95 ≤ 200 ms", P95, 200), ("≤ 150 Ko", MAX_KB, 150)],
    "carte département": [("p95 ≤ 200 ms", P95, 200)],
    "carte commune": [("p95 ≤ 200 ms", P95, 200)],
    "territoire": [("seul p50 ≤ 50 ms", SOLO, 50)],
    "maillage": [("seul p50 ≤ 300 ms", SOLO, 300)],
}
# Issue 15: without pause, 3× the 20 requests a second measured before it, with no error.
THROUGHPUT_TARGET = 60


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


def verdicts(row: dict, solo: dict[str, float]) -> str:
    def within(key: str, limit: float) -> bool:
        value = solo.get(row["name"]) if key == SOLO else row[key]
        return value is not None and value <= limit

    checks = [(label, within(key, limit)) for label, key, limit in TARGETS.get(row["name"], [])]
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
            f"| {row['max_kb']:.1f} | {show_ms(solo.get(row['name']))} | {verdicts(row, solo)} |"
        )
    return lines


def describe_setup(timings: dict[str, float]) -> str:
    return ", ".join(f"{step} {seconds:.1f} s" for step, seconds in timings.items())


def describe_revision(config: Config, params: dict | None) -> str:
    if params is None:
        return f"- révision : {git_revision()} ; sans base de données"
    return (
        f"- révision : {git_revision()} ; base `{config.database}` : "
        f"{params['actors_in_database']} acteurs"
    )


def describe_postgres(params: dict | None) -> list[str]:
    return [f"- {params['server']}"] if params and "server" in params else []


def render_throughput(config: Config, rows: list[dict] | None) -> list[str]:
    """The no-pause run: requests a second the server sustained, and its errors."""
    total = next((row for row in rows or [] if row["name"] == TOTAL), None)
    if total is None:
        return []
    rate = total["requests"] / config.throughput_seconds
    passed = rate >= THROUGHPUT_TARGET and total["failures"] == 0
    failures = f" ({describe_failures(total)})" if total["failures"] else ""
    return [
        "",
        f"Débit sans pause ({config.users} utilisateurs, {config.throughput_seconds} s, même "
        f"mélange) : **{rate:.1f} requêtes/s**, p50 {total['p50_ms']:.0f} ms, p95 "
        f"{total['p95_ms']:.0f} ms, {total['failures']} erreur(s){failures} — objectif "
        f"≥ {THROUGHPUT_TARGET} requêtes/s sans erreur : {'OK' if passed else 'KO'}",
    ]


def render_report(
    config: Config,
    params: dict,
    timings: dict[str, float],
    machine: Machine,
    rows: list[dict],
    solo: dict[str, float],
    extra: list[str],
    throughput: list[dict] | None = None,
) -> str:
    total = sum(row["requests"] for row in rows if row["name"] != TOTAL)
    server = f"gunicorn {config.workers} workers {config.worker_class}"
    wait = config.wait
    pause = f"{wait:g} s de pause entre deux requêtes" if wait else "sans pause"
    if config.worker_class == "gthread":
        server += f" × {config.threads} threads"
    server += ", cache Redis partagé (vidé au départ)" if config.redis_url else ", cache par worker"
    lines = [
        f"# Benchmark Mailleurs — {datetime.now():%Y-%m-%d %H:%M}",
        "",
        f"{describe_revision(config, params)}, fiches tirées parmi synth-{SEED}-1 à "
        f"synth-{SEED}-{config.actors}",
        *describe_postgres(params),
        f"- {server}, DEBUG=0 ; locust 1 processus, {config.users} utilisateurs, {pause}, "
        f"{config.seconds} s, {total} requêtes ({total / config.seconds:.1f}/s)",
        f"- 2 cœurs partagés par locust, gunicorn et PostgreSQL ; {machine.describe()}",
        f"- préparation : {describe_setup(timings)}",
        "",
        *render_table(rows, solo),
        "",
        "Percentiles exacts (rang le plus proche) sur chaque requête ; tailles des corps reçus ; "
        f"« p50 seul » : 1 utilisateur pendant {config.solo_seconds} s avant la charge. "
        "Erreurs serveur : `bench/results/gunicorn.log`.",
        *render_throughput(config, throughput),
        "",
        *extra,
    ]
    return "\n".join(lines).rstrip() + "\n"


def render_only_report(
    config: Config, params: dict | None, timings: dict[str, float], extra: list[str]
) -> str:
    """BENCH_ONLY's report (no final newline): the chosen measurements alone, no load figures;
    `params` is None when they needed no database (nothing was prepared)."""
    lines = [
        f"# Benchmark Mailleurs (BENCH_ONLY={','.join(config.only)}) — "
        f"{datetime.now():%Y-%m-%d %H:%M}",
        "",
        describe_revision(config, params),
        *describe_postgres(params),
        *([f"- préparation : {describe_setup(timings)}"] if timings else []),
        *extra,
    ]
    return "\n".join(lines).rstrip()
