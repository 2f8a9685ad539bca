"""Step 2: gunicorn serving the benchmark database on 127.0.0.1 as in production (DEBUG=0),
stopped whatever happens."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager

import redis
from config import Config
from harness import RESULTS, ROOT, HarnessError, log


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


def gunicorn_command(config: Config, port: int) -> list[str]:
    return [
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


def describe_server(config: Config) -> str:
    threads = f", {config.threads} threads" if config.worker_class == "gthread" else ""
    return f"{config.workers} workers {config.worker_class}{threads}"


def empty_shared_cache(config: Config) -> None:
    """Every run starts with nothing cached: its first requests pay the cold costs."""
    if not config.redis_url:
        return
    try:
        redis.Redis.from_url(config.redis_url).flushdb()
    except redis.RedisError as error:
        raise HarnessError(f"Redis injoignable ({config.redis_url}) : {error}") from None
    log(f"cache partagé vidé : {config.redis_url}")


@contextmanager
def gunicorn(config: Config) -> Iterator[str]:
    """The server's base URL while the block runs."""
    port = choose_port(config.port)
    with (
        tempfile.TemporaryDirectory(prefix="mailleurs-bench-static-") as static_root,
        # Django logs every 500 with its traceback on stderr: into the log, not over the table.
        open(RESULTS / "gunicorn.log", "w", encoding="utf-8") as server_log,
    ):
        env = config.django_env()
        # An empty, existing STATIC_ROOT keeps WhiteNoise from warning in every worker.
        env["STATIC_ROOT"] = static_root
        empty_shared_cache(config)
        # A session of its own: Ctrl-C reaches run.py, which then stops gunicorn in order.
        process = subprocess.Popen(
            gunicorn_command(config, port),
            cwd=ROOT,
            env=env,
            start_new_session=True,
            stdout=server_log,
            stderr=subprocess.STDOUT,
        )
        try:
            base_url = f"http://127.0.0.1:{port}"
            wait_until_ready(process, f"{base_url}/")
            log(f"gunicorn prêt sur {base_url} ({describe_server(config)})")
            yield base_url
        finally:
            stop(process)
            log("gunicorn arrêté")
