"""Step 3: the HTTP load, locust headless and in one process against the running server, and
the CPU share the machine spent around it."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

from config import Config
from harness import LOCUSTFILE, RESULTS, ROOT, HarnessError, log
from samples import percentile


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


def locust_command(
    base_url: str, *, user_class: str, users: int, seconds: int, prefix: str
) -> list[str]:
    return [
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


def run_locust(
    base_url: str, *, user_class: str, users: int, seconds: int, prefix: str, wait: float = 0
) -> tuple[dict, float | None]:
    """Samples per endpoint (see locustfile.py), and the CPU share busy during the load.

    Files are named after ``prefix``: ``<prefix>_stats.csv``… and ``<prefix>-samples.json``.
    """
    samples_file = RESULTS / f"{prefix}-samples.json"
    samples_file.unlink(missing_ok=True)
    env = dict(
        os.environ,
        BENCH_PARAMS=str(RESULTS / "params.json"),
        BENCH_SAMPLES=str(samples_file),
        BENCH_WAIT=str(wait),
    )
    command = locust_command(
        base_url, user_class=user_class, users=users, seconds=seconds, prefix=prefix
    )
    log(f"charge : {users} utilisateur(s) pendant {seconds} s, pause {wait:g} s")
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
