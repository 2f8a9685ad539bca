"""Later measurement "export": every visible actor as CSV and XLSX (bench/export_probe.py, one
process per run), beside a bare openpyxl write of the same rows."""

from __future__ import annotations

from config import Bench, Config
from harness import last_json_line, log, run_python

EXPORT_LABELS = {"csv": "CSV (flux)", "xlsx": "XLSX (écriture en flux)", "bare": "openpyxl seul"}


def export_probe(config: Config, mode: str) -> dict:
    result = run_python(config, "bench/export_probe.py", mode, capture=True)
    return last_json_line(result.stdout)


def measure_exports(bench: Bench) -> list[str]:
    """Export every visible actor as CSV and XLSX (time, peak memory) beside a bare openpyxl
    write-only run over the same rows; the XLSX/bare ratio is the figure to keep low."""
    log("exports : CSV, XLSX et openpyxl seul")
    results = {mode: export_probe(bench.config, mode) for mode in ("csv", "xlsx", "bare")}
    ratio = results["xlsx"]["seconds"] / max(results["bare"]["seconds"], 0.01)
    lines = ["", "| export | lignes | secondes | mémoire max (Mo) |", "|---|--:|--:|--:|"]
    for mode, label in EXPORT_LABELS.items():
        row = results[mode]
        lines.append(
            f"| {label} | {row['rows']} | {row['seconds']:.1f} | {row['peak_kb'] / 1024:.0f} |"
        )
    lines.append(f"\nRapport de temps XLSX / openpyxl seul : {ratio:.2f} (objectif ≤ 2).")
    return lines
