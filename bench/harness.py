"""What every part of the benchmark shares: paths, the harness's own error, its log lines, and
the Python child processes it runs in the benchmark's environment."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # config.py imports this module: the type alone, to avoid a cycle.
    from config import Config

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


def run_python(
    config: Config, *args: str, capture: bool = False, check: bool = True
) -> subprocess.CompletedProcess:
    """Run ``python <args>`` from the project root with the benchmark's Django settings."""
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env=config.django_env(),
        check=check,
        capture_output=capture,
        text=True,
    )


def last_json_line(output: str) -> dict:
    # The probes print one JSON line last, after whatever Django or a library printed first.
    return json.loads(output.strip().splitlines()[-1])


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
