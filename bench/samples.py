"""From the samples locust recorded (bench/locustfile.py) to one row of figures per endpoint."""

from __future__ import annotations

import math
from collections import Counter

ENDPOINTS = [
    "annuaire texte+facettes",
    "fiche",
    "carte France",
    "carte département",
    "carte commune",
    "territoire",
    "maillage",
]
TOTAL = "ensemble"


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
