"""Measurement "growth" (BENCH_ONLY=growth): the directory page at several sizes of the
directory (BENCH_GROWTH, 10,000, 100,000 and 300,000 fiches by default), each in its own
database `<BENCH_DATABASE>_<size>` (BENCH_ACTORS's size: the main one) prepared like the main
one and kept for the next run, with
bench/directory_probe.py. Issue 15: a paged list with facets grows far slower than the
directory (at most 2× from the smallest size to the largest).

Beside them, the bare count of each word's matches (« compter seulement »): PostgreSQL finds
a word's fiches in its GIN index, then visits each of them in the search table (visibility,
status) before it can count them, so this floor grows with the word's matches. The report
prints the growth a first read would have if everything else on the page stayed as at the
smallest size: when that floor alone exceeds the target, no ordering or counting done after the
match can meet it."""

from __future__ import annotations

import os
import statistics
from dataclasses import replace

from config import Bench
from database import prepare_data
from harness import HarnessError, last_json_line, log, run_python

DEFAULT_SIZES = "10000,100000,300000"
GROWTH_TARGET = 2.0


def growth_sizes() -> list[int]:
    raw = os.environ.get("BENCH_GROWTH") or DEFAULT_SIZES
    try:
        sizes = sorted({int(size) for size in raw.split(",") if size.strip()})
    except ValueError:
        raise HarnessError(
            f"BENCH_GROWTH : des nombres séparés par des virgules ({raw!r})."
        ) from None
    if len(sizes) < 2 or sizes[0] < 1:
        raise HarnessError(f"BENCH_GROWTH : au moins deux tailles positives ({raw!r}).")
    return sizes


def measure_size(bench: Bench, size: int) -> dict:
    # The main database serves its own size; any other size gets a database of its own.
    database = bench.config.database
    if size != bench.config.actors:
        database = f"{database}_{size}"
    config = replace(bench.config, database=database, actors=size)
    log(f"croissance : {size} fiches dans {config.database}")
    prepare_data(config)
    found = last_json_line(run_python(config, "bench/directory_probe.py", capture=True).stdout)
    words = found["words"]
    broadest = max(words, key=lambda row: row["matches"])
    return {
        "size": size,
        "page_p50": statistics.median(row["page_ms"] for row in words),
        "cached_p50": statistics.median(row["cached_ms"] for row in words),
        "other_p50": statistics.median(row["other_filters_ms"] for row in words),
        "broadest": broadest,
        "ratio_p50": statistics.median(row["ratio"] for row in words if row["ratio"]),
        "count_p50": statistics.median(row["count_ms"] for row in words),
        "after_edit_p50": statistics.median(row["after_edit_ms"] for row in words),
        "maillage_cold": found["maillage"]["cold_ms"],
    }


def measure_growth(bench: Bench) -> list[str]:
    rows = [measure_size(bench, size) for size in growth_sizes()]
    lines = [
        "",
        "Croissance de l’annuaire (un visiteur, médiane des mots ; à froid : caches vidés, "
        "autres filtres : le mot déjà cherché avec un thème coché, en cache : la même "
        "recherche redemandée, après une modification : juste après l’enregistrement d’une "
        "fiche tirée au hasard) :",
        "",
        "| fiches | page à froid p50 ms | mot le plus large (fiches, ms) | page ÷ SQL "
        "| autres filtres p50 ms | page en cache p50 ms | après une modification p50 ms "
        "| compter seulement p50 ms | maillage à froid ms |",
        "|--:|--:|---|--:|--:|--:|--:|--:|--:|",
    ]
    for row in rows:
        broadest = row["broadest"]
        lines.append(
            f"| {row['size']} | {row['page_p50']:.0f} | {broadest['word']} "
            f"({broadest['matches']}, {broadest['page_ms']:.0f}) | {row['ratio_p50']:.2f} "
            f"| {row['other_p50']:.0f} | {row['cached_p50']:.0f} | {row['after_edit_p50']:.0f} "
            f"| {row['count_p50']:.1f} "
            f"| {row['maillage_cold']:.0f} |"
        )
    lines.append("")
    for key, label in (
        ("page_p50", "à froid"),
        ("other_p50", "mot déjà cherché, autres filtres"),
        ("cached_p50", "en cache"),
        ("after_edit_p50", "après une modification"),
    ):
        growth = rows[-1][key] / rows[0][key]
        passed = growth <= GROWTH_TARGET
        lines.append(
            f"- de {rows[0]['size']} à {rows[-1]['size']} fiches, la page {label} p50 est "
            f"multipliée par {growth:.1f} (objectif ≤ {GROWTH_TARGET:g} : "
            f"{'OK' if passed else 'KO'})"
        )
    lines.append(floor_line(rows[0], rows[-1]))
    return lines


def floor_line(smallest: dict, largest: dict) -> str:
    """The growth of a first read in SQL whose only cost growing with the directory would be
    the bare count of the word's matches: the floor of searches the posting lists do not
    answer (several words), which one-word searches no longer go through."""
    floor_ms = smallest["page_p50"] - smallest["count_p50"] + largest["count_p50"]
    growth = floor_ms / smallest["page_p50"]
    return (
        f"- plancher d’une page à froid lue en SQL (plusieurs mots ; un mot seul lit les "
        f"listes de mots) : compter seulement les fiches du mot passe de "
        f"{smallest['count_p50']:.1f} à {largest['count_p50']:.1f} ms ; une page dont rien "
        f"d’autre ne grandirait serait multipliée par {growth:.1f} "
        f"({'sous' if growth <= GROWTH_TARGET else 'au-dessus de'} l’objectif)"
    )
