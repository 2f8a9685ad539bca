"""Later measurement "directory": the directory page ÷ its own SQL for each word of the load,
and the maillage of a département cold and cached (bench/directory_probe.py, its own
process), against the targets of issue 15."""

from __future__ import annotations

import statistics

from config import Bench
from harness import last_json_line, log, run_python

# Issue 15: the rest of the page may not cost more than the database work.
RATIO_TARGET = 2.0
PAGE_TARGET_MS = 40
MAILLAGE_CACHED_MS = 300
MAILLAGE_COLD_MS = 3000


def verdict(passed: bool) -> str:
    return "OK" if passed else "KO"


def word_rows(words: list[dict]) -> list[str]:
    lines = [
        "| mot | fiches trouvées | requêtes SQL | page à froid ms | SQL seul ms "
        "| SQL enchaîné ms | page ÷ SQL | autres filtres ms | page en cache ms |",
        "|---|--:|--:|--:|--:|--:|--:|--:|--:|",
    ]
    for row in sorted(words, key=lambda row: -row["matches"]):
        ratio = "–" if row["ratio"] is None else f"{row['ratio']:.2f}"
        lines.append(
            f"| {row['word']} | {row['matches']} | {row['queries']} | {row['page_ms']:.0f} "
            f"| {row['sql_ms']:.0f} | {row.get('back_to_back_sql_ms', 0):.0f} | {ratio} "
            f"| {row['other_filters_ms']:.0f} "
            f"| {row['cached_ms']:.0f} |"
        )
    return lines


def by_reading(words: list[dict]) -> str:
    """The ratio apart for the two ways a word is read, and what the page costs beyond its data
    work: a one-word search reads posting lists in a few ms, and the rest of the page (the
    same whatever the word) then weighs more than its data, which no longer grows with it."""
    parts = []
    for from_postings, how in ((True, "lus dans les listes de mots"), (False, "lus en SQL")):
        rows = [row for row in words if row.get("from_postings") == from_postings and row["ratio"]]
        if rows:
            ratio = statistics.median(row["ratio"] for row in rows)
            rest = statistics.median(row["page_ms"] - row["sql_ms"] for row in rows)
            parts.append(
                f"{len(rows)} mot(s) {how} : page ÷ SQL {ratio:.2f}, "
                f"page hors travail des données {rest:.0f} ms"
            )
    return "- selon la lecture : " + " ; ".join(parts) if parts else ""


def measure_directory(bench: Bench) -> list[str]:
    log("annuaire : chaque mot de la charge, page puis son SQL seul (EXPLAIN ANALYZE)")
    result = run_python(bench.config, "bench/directory_probe.py", capture=True)
    found = last_json_line(result.stdout)
    words, maillage = found["words"], found["maillage"]
    page_p50 = statistics.median(row["page_ms"] for row in words)
    cached_p50 = statistics.median(row["cached_ms"] for row in words)
    other_p50 = statistics.median(row["other_filters_ms"] for row in words)
    ratios = [row["ratio"] for row in words if row["ratio"] is not None]
    ratio_p50 = statistics.median(ratios) if ratios else None
    ratio_text = "–" if ratio_p50 is None else f"{ratio_p50:.2f}"
    ratio_ok = ratio_p50 is not None and ratio_p50 <= RATIO_TARGET
    return [
        "",
        "Annuaire, un visiteur : à froid (caches vidés : un mot que personne n’a cherché "
        "depuis la dernière modification de l’annuaire), puis le même mot avec un thème coché "
        "(une combinaison jamais demandée, ses correspondances déjà lues), puis la même "
        "recherche redemandée (médianes de 5 rendus par mot) :",
        "",
        *word_rows(words),
        "",
        f"- médiane des mots : page à froid {page_p50:.0f} ms, page ÷ SQL {ratio_text} "
        f"(objectif ≤ {RATIO_TARGET:g} : {verdict(ratio_ok)}) ; mot déjà cherché, autres "
        f"filtres {other_p50:.0f} ms (objectif ≤ {PAGE_TARGET_MS} ms : "
        f"{verdict(other_p50 <= PAGE_TARGET_MS)}) ; page en cache {cached_p50:.0f} ms "
        f"(objectif ≤ {PAGE_TARGET_MS} ms : {verdict(cached_p50 <= PAGE_TARGET_MS)})",
        *filter(None, [by_reading(words)]),
        f"- maillage de la Drôme (`/maillage/?territoire=26`, statut {maillage['status']}) : "
        f"à froid {maillage['cold_ms']:.0f} ms (objectif < {MAILLAGE_COLD_MS} ms : "
        f"{verdict(maillage['cold_ms'] < MAILLAGE_COLD_MS)}), en cache "
        f"{maillage['cached_ms']:.0f} ms (objectif < {MAILLAGE_CACHED_MS} ms : "
        f"{verdict(maillage['cached_ms'] < MAILLAGE_CACHED_MS)})",
    ]
