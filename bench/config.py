"""The benchmark's settings, read from environment variables (listed in README.md,
"Benchmarks"), and the environment of every Django process it starts."""

from __future__ import annotations

import getpass
import os
import secrets
from collections.abc import Collection
from dataclasses import dataclass

from harness import PG_HOST, PG_PORT, HarnessError


def env_int(name: str, default: int, minimum: int = 1) -> int:
    raw = os.environ.get(name) or str(default)
    try:
        value = int(raw)
    except ValueError:
        raise HarnessError(f"{name} doit être un entier (reçu : {raw!r}).") from None
    if value < minimum:
        raise HarnessError(f"{name} doit valoir au moins {minimum} (reçu : {value}).")
    return value


def env_float(name: str, default: float) -> float:
    raw = os.environ.get(name) or str(default)
    try:
        value = float(raw)
    except ValueError:
        raise HarnessError(f"{name} doit être un nombre (reçu : {raw!r}).") from None
    if value < 0:
        raise HarnessError(f"{name} ne peut pas être négatif (reçu : {value}).")
    return value


DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/14"


def redis_url(raw: str) -> str:
    """BENCH_REDIS_URL: a redis:// address, or "0" (or empty) for each worker's own cache."""
    raw = raw.strip()
    if raw in {"", "0"}:
        return ""
    if not raw.startswith(("redis://", "rediss://", "unix://")):
        raise HarnessError(f"BENCH_REDIS_URL doit commencer par redis:// (reçu : {raw!r}).")
    return raw


def only_measurements(raw: str, known: Collection[str]) -> tuple[str, ...]:
    """BENCH_ONLY=import (or directory, export, grid, autolink, growth…): those measurements
    alone, no server and no load; empty: the whole benchmark."""
    names = tuple(name.strip() for name in raw.split(",") if name.strip())
    unknown = [name for name in names if name not in known]
    if unknown:
        raise HarnessError(
            f"BENCH_ONLY : {', '.join(unknown)} inconnu(s) ; au choix : {', '.join(known)}."
        )
    return names


@dataclass(frozen=True)
class Config:
    database: str
    actors: int
    port: int
    seconds: int
    solo_seconds: int
    users: int
    workers: int
    worker_class: str
    threads: int
    reset: bool
    only: tuple[str, ...]
    import_rows: int
    wait: float
    throughput_seconds: int
    redis_url: str

    @classmethod
    def from_env(cls, measurements: Collection[str]) -> Config:
        """``measurements``: the names BENCH_ONLY may choose from."""
        worker_class = os.environ.get("BENCH_WORKER_CLASS") or "sync"
        if worker_class not in {"sync", "gthread"}:
            raise HarnessError("BENCH_WORKER_CLASS vaut sync ou gthread.")
        return cls(
            database=os.environ.get("BENCH_DATABASE") or "mailleurs_bench",
            actors=env_int("BENCH_ACTORS", 100_000),
            port=env_int("BENCH_PORT", 8765),
            seconds=env_int("BENCH_SECONDS", 60),
            solo_seconds=env_int("BENCH_SOLO_SECONDS", 30, minimum=0),
            users=env_int("BENCH_USERS", 10),
            # 3 sync workers measured best on 2 cores (README.md, "Benchmarks").
            workers=env_int("BENCH_WORKERS", 3),
            worker_class=worker_class,
            threads=env_int("BENCH_THREADS", 1 if worker_class == "sync" else 4),
            reset=os.environ.get("BENCH_RESET") == "1",
            only=only_measurements(os.environ.get("BENCH_ONLY") or "", measurements),
            import_rows=env_int("BENCH_IMPORT_ROWS", 10_000),
            # Issue 15's targets: p95 with a 1 s pause; throughput with none, after it.
            wait=env_float("BENCH_WAIT", 1.0),
            throughput_seconds=env_int("BENCH_THROUGHPUT_SECONDS", 30, minimum=0),
            # As in production (README.md): one cache shared by the workers. "0": each its own.
            redis_url=redis_url(os.environ.get("BENCH_REDIS_URL", DEFAULT_REDIS_URL)),
        )

    @property
    def database_url(self) -> str:
        # Local server, trust authentication: the connecting user is the shell's.
        return f"postgres://{getpass.getuser()}@{PG_HOST}:{PG_PORT}/{self.database}"

    def django_env(self) -> dict[str, str]:
        """The environment of every manage.py and gunicorn process: production-like settings."""
        env = dict(os.environ)
        env.update(
            DATABASE_URL=self.database_url,
            DEBUG="0",
            # Throwaway key: sessions and signed values of a benchmark are worth nothing.
            SECRET_KEY=secrets.token_urlsafe(50),
            ALLOWED_HOSTS="127.0.0.1",
            # Unhashed static storage: no collectstatic (and no manifest) needed to render pages.
            MAILLEURS_PLAIN_STATIC="1",
            SECURE_SSL_REDIRECT="0",
            LOG_LEVEL="WARNING",
        )
        if self.redis_url:
            env["REDIS_URL"] = self.redis_url
        else:
            env.pop("REDIS_URL", None)
        return env


@dataclass(frozen=True)
class Bench:
    """What a later measurement gets: the configuration and the running server's address
    (None with BENCH_ONLY, which starts no server)."""

    config: Config
    base_url: str | None
