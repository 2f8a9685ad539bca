"""Later measurement "grid": the results page of a round of the mailleur grid with 1,000
structures × 3 rounds × 6 respondents × 32 answers (bench/grid_probe.py, its own process),
its number of queries and its time beside the bare SQL aggregate it rests on."""

from __future__ import annotations

from config import Bench
from harness import last_json_line, log, run_python


def measure_grid(bench: Bench) -> list[str]:
    log("grille : page de résultats (1re fois : création des évaluations, environ 1 min)")
    result = run_python(bench.config, "bench/grid_probe.py", capture=True)
    row = last_json_line(result.stdout)
    lines = [
        "",
        f"Grille « fonction mailleur » : {row['structures']} structures, {row['rounds']} "
        f"évaluations, 6 répondant·e·s et 32 réponses chacune"
        + (f" (créées en {row['setup_seconds']} s)" if row["answers_created"] else "")
        + ".",
        "",
        "| mesure | requêtes | ms (médiane) |",
        "|---|--:|--:|",
        f"| page de résultats (radar, regards croisés, évolution, médiane du réseau), "
        f"statut {row['status']} | {row['queries']} | {row['page_ms']} |",
        f"| agrégat SQL seul de la médiane du réseau | 1 | {row['aggregate_ms']} |",
    ]
    return lines
