"""Later measurement "import" (10,000 rows imported in under a minute): new fiches previewed
then imported, and an unchanged export imported again, each in a process of its own
(bench/import_probe.py) and a transaction rolled back; then the same new fiches through the
import pages as background jobs: the web request that queues each job, and the job until done."""

from __future__ import annotations

from config import Bench, Config
from harness import RESULTS, last_json_line, log, run_python

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
IMPORT_TABLE_HEAD = [
    "",
    "| import (CSV) | lignes | secondes | lignes/s | requêtes SQL / ligne | mémoire max (Mo) | "
    + " | ".join(IMPORT_COUNTS.values())
    + " | < 1 min pour 10 000 |",
    "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|",
]


def import_probe(config: Config, mode: str) -> dict:
    """One run of bench/import_probe.py (its stderr goes to results/import-<mode>.log). An
    import that crashes is a result to report, not a broken harness: {"failure": …}."""
    result = run_python(
        config,
        "bench/import_probe.py",
        mode,
        "--rows",
        str(config.import_rows),
        capture=True,
        check=False,
    )
    (RESULTS / f"import-{mode}.log").write_text(result.stderr, encoding="utf-8")
    if result.returncode != 0:
        last = (result.stderr.strip().splitlines() or ["?"])[-1]
        return {"mode": mode, "failure": f"code {result.returncode} : {last}"}
    return last_json_line(result.stdout)


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


def run_import_probes(config: Config) -> dict[str, dict]:
    count = config.import_rows
    log(f"imports : {count} nouvelles fiches (aperçu, import), {count} fiches inchangées")
    results = {}
    for mode in IMPORT_MODES:
        row = results[mode] = import_probe(config, mode)
        log(f"import {mode} : " + (row.get("failure") or f"{row['seconds']:.1f} s"))
    row = results["background"] = import_probe(config, "background")
    log("import en arrière-plan : " + (row.get("failure") or (
        f"requêtes {row['preview_request_ms']:.0f} et {row['import_request_ms']:.0f} ms, "
        f"tâches {row['preview_job']['seconds']:.1f} et {row['import_job']['seconds']:.1f} s"
    )))  # fmt: skip
    return results


def import_table_row(label: str, row: dict) -> str:
    if "failure" in row:
        return f"| {label} | – | – | – | – | – | – | – | – | – | échec |"
    counts = " | ".join(str(row["counts"].get(key, 0)) for key in IMPORT_COUNTS)
    return (
        f"| {label} | {row['rows']} | {row['seconds']:.1f} | {rows_per_second(row):.0f} "
        f"| {queries_per_row(row)} | {row['peak_kb'] / 1024:.0f} | {counts} "
        f"| {import_verdict(row)} |"
    )


def import_notes(mode: str, label: str, row: dict) -> list[str]:
    """What the table cannot say about one run: its failure, anomalies, columns, errors."""
    if "failure" in row:
        return [f"- {label} : la mesure a échoué ({row['failure']}), voir "
                f"`bench/results/import-{mode}.log`."]  # fmt: skip
    notes = [f"- {label} : {problem}." for problem in import_anomalies(mode, row)]
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
    return notes


def import_summary(results: dict[str, dict]) -> list[str]:
    """The sentences that compare the runs with issue 5's target, and describe the file."""
    new, preview, unchanged = results["import"], results["preview"], results["unchanged"]
    lines = []
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
    return lines


def measure_imports(bench: Bench) -> list[str]:
    """Import N exported actors (BENCH_IMPORT_ROWS, 10,000) made new fiches — preview, then the
    import itself — and the unchanged export, each in a process of its own and a transaction
    rolled back: time, rows/s and peak memory against issue 5's target."""
    results = run_import_probes(bench.config)
    lines = [*IMPORT_TABLE_HEAD]
    notes = []
    for mode, label in IMPORT_MODES.items():
        lines.append(import_table_row(label, results[mode]))
        notes += import_notes(mode, label, results[mode])
    lines += import_summary(results)
    if notes:
        lines += ["", *notes]
    return lines + background_lines(results["background"], results)


BACKGROUND_STEPS = {"preview": "aperçu", "import": "import"}
JOB_STATES = {"done": "terminée", "failed": "échouée", "cancelled": "annulée"}
BACKGROUND_TABLE_HEAD = [
    "",
    "| en arrière-plan (CSV) | lignes | requête qui lance la tâche (ms) | tâche jusqu’à la fin (s) "
    "| lignes/s | mesure directe (s) | état |",
    "|---|--:|--:|--:|--:|--:|---|",
]


def background_lines(row: dict, results: dict[str, dict]) -> list[str]:
    """The new fiches previewed then imported as the pages run a heavy file: each web request
    only queues a job (milliseconds), the worker runs it; beside, the direct measurement."""
    if "failure" in row:
        return ["", f"- En arrière-plan : la mesure a échoué ({row['failure']}), voir "
                    "`bench/results/import-background.log`."]  # fmt: skip
    lines = [*BACKGROUND_TABLE_HEAD]
    for step, label in BACKGROUND_STEPS.items():
        job, direct = row[f"{step}_job"], results[step]
        direct_seconds = "–" if "failure" in direct else f"{direct['seconds']:.1f}"
        lines.append(
            f"| {label} | {job['rows_total'] or 0} | {row[f'{step}_request_ms']:.0f} "
            f"| {job['seconds']:.1f} | {(job['rows_done'] / max(job['seconds'], 0.01)):.0f} "
            f"| {direct_seconds} | {JOB_STATES.get(job['status'], job['status'])} |"
        )
    preview, imported = row["preview_job"], row["import_job"]
    lines.append(
        f"\nEn arrière-plan, {fr(row['rows'], 0)} nouvelles fiches : la requête du dépôt "
        f"répond en {fr(row['preview_request_ms'], 0)} ms (le fichier de "
        f"{fr(row['file_kb'] / 1024)} Mo enregistré, la tâche mise en file), l’aperçu prend "
        f"{fr(preview['seconds'])} s au travailleur ; la requête de confirmation répond en "
        f"{fr(row['import_request_ms'], 0)} ms, l’import prend {fr(imported['seconds'])} s. "
        "La barre de progression compte les lignes des deux tâches."
    )
    return lines + [f"- En arrière-plan : {problem}." for problem in background_anomalies(row)]


def background_anomalies(row: dict) -> list[str]:
    problems = []
    for step, label in BACKGROUND_STEPS.items():
        job = row[f"{step}_job"]
        if not job["queued"]:
            problems.append(f"{label} : la requête n’a pas mené à la page de la tâche")
        if job["status"] != "done":
            problems.append(f"{label} : tâche « {job['status']} » ({job['error']})")
        elif job["rows_done"] != job["rows_total"]:
            problems.append(f"{label} : {job['rows_done']} lignes comptées sur {job['rows_total']}")
    if row["counts"].get("new", 0) != row["rows"] or not row["written"]:
        problems.append(f"attendu : {row['rows']} nouvelles, écrites ({row['counts']})")
    if not row["rolled_back"]:
        problems.append("ATTENTION : la base du banc n’est pas revenue à l’état initial")
    return problems
