"""Step 1: the benchmark's PostgreSQL database, created if missing, migrated and filled with
the reference data and the synthetic actors; then what the load profile needs from it."""

from __future__ import annotations

import getpass
import json
import time

import psycopg
from config import Config
from harness import PG_HOST, PG_PORT, RESULTS, SEED, HarnessError, last_json_line, log, run_python
from psycopg import sql


def ensure_database(config: Config) -> None:
    """Create the benchmark database if it does not exist; drop it first only on BENCH_RESET=1.

    Reusing the data is the point (generation takes minutes), but rows already generated are
    never rewritten: after a change to the generator or to a data migration, BENCH_RESET=1
    rebuilds everything from scratch.
    """
    if config.reset and "bench" not in config.database:
        # A typo in BENCH_DATABASE must not cost someone their development database.
        raise HarnessError(f"BENCH_RESET refusé : {config.database!r} ne contient pas « bench ».")
    try:
        with psycopg.connect(
            host=PG_HOST, port=PG_PORT, user=getpass.getuser(), dbname="postgres", autocommit=True
        ) as connection:
            if config.reset:
                connection.execute(
                    sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(
                        sql.Identifier(config.database)
                    )
                )
                log(f"base {config.database} : supprimée (BENCH_RESET=1)")
            exists = connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = %s", [config.database]
            ).fetchone()
            if exists:
                log(f"base {config.database} : déjà là, réutilisée")
                return
            connection.execute(
                sql.SQL("CREATE DATABASE {}").format(sql.Identifier(config.database))
            )
            log(f"base {config.database} : créée")
    except psycopg.OperationalError as error:
        raise HarnessError(f"PostgreSQL injoignable sur {PG_HOST}:{PG_PORT} : {error}") from error


# The per-session settings README.md recommends for a 2-core server ("PostgreSQL sur un serveur
# à 2 cœurs"), set on the benchmark's database so that it measures what production would run
# (shared_buffers needs a server restart: left to the machine's own setting).
# Server settings of the README that need a restart or a reload: reported, not set.
RECOMMENDED_SERVER_SETTINGS = {"shared_buffers": "1GB", "max_wal_size": "4GB"}
RECOMMENDED_SETTINGS = {
    "work_mem": "16MB",
    "effective_cache_size": "2GB",
    "random_page_cost": "1.1",
    "max_parallel_workers_per_gather": "0",
    "jit": "off",
}


def apply_recommended_settings(config: Config) -> None:
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        for name, value in RECOMMENDED_SETTINGS.items():
            connection.execute(
                sql.SQL("ALTER DATABASE {} SET {} = {}").format(
                    sql.Identifier(config.database), sql.Identifier(name), sql.Literal(value)
                )
            )
    log(
        "réglages PostgreSQL du README appliqués à la base : "
        + ", ".join(f"{name} = {value}" for name, value in RECOMMENDED_SETTINGS.items())
    )


def manage(config: Config, *args: str) -> float:
    """Run one manage.py command in the benchmark's environment; return its duration (s)."""
    started = time.perf_counter()
    run_python(config, "manage.py", *args)
    return time.perf_counter() - started


def analyze(config: Config) -> float:
    # Fresh planner statistics: bulk inserts leave them stale, and plans at 100 rows and at
    # 100,000 rows differ.
    started = time.perf_counter()
    with psycopg.connect(config.database_url, autocommit=True) as connection:
        connection.execute("VACUUM ANALYZE")
    return time.perf_counter() - started


def prepare_data(config: Config) -> dict[str, float]:
    ensure_database(config)
    apply_recommended_settings(config)
    timings = {"migrate": manage(config, "migrate", "--noinput", "--verbosity", "0")}
    timings["données de référence"] = manage(config, "load_reference_data", "--demo")
    log(f"{config.actors} acteurs (graine {SEED}) : 1 à 2 min la 1re fois, puis le manquant seul")
    timings["génération"] = manage(
        config, "generate_actors", "--count", str(config.actors), "--seed", str(SEED)
    )
    log(f"génération : {timings['génération']:.1f} s")
    # As the worker would after an import: the one-word searches read these (README.md).
    timings["listes de mots"] = manage(config, "build_search_postings", "--if-stale")
    log(f"listes de mots : {timings['listes de mots']:.1f} s")
    timings["VACUUM ANALYZE"] = analyze(config)
    timings["mise en mémoire"] = warm(config)
    return timings


def warm(config: Config) -> float:
    """Read every table and index once into the system's file cache (`pg_prewarm`, read mode),
    then the directory's own tables into PostgreSQL's buffers, as far as `shared_buffers` holds.

    A production server of the README's size keeps a base of this size in memory. On a
    virtual machine that hands idle file cache back to its host, the base left unread a few
    minutes comes back from disk, and the first fiches and maillages would measure the disk
    (a cold maillage of the Drôme was seen at 6 s instead of 3). A fiche drawn at random
    among 100,000 reads pages no earlier request read: outside PostgreSQL's buffers each of its
    queries cost about 1 ms more here. Skipped, with a line saying so, where the extension
    cannot be created."""
    started = time.perf_counter()
    try:
        with psycopg.connect(config.database_url, autocommit=True) as connection:
            connection.execute("CREATE EXTENSION IF NOT EXISTS pg_prewarm")
            blocks = connection.execute(
                "SELECT sum(pg_prewarm(c.oid, 'read')) FROM pg_class c "
                "JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE c.relkind IN ('r', 'i', 't', 'm') AND n.nspname IN ('public', 'pg_toast')"
            ).fetchone()[0]
            buffered = warm_buffers(connection)
    except psycopg.Error as error:
        log(f"mise en mémoire de la base impossible ({error}) : mesures faites sans")
        return time.perf_counter() - started
    log(
        f"mise en mémoire : {blocks or 0} blocs lus, dont {buffered} dans les tampons de "
        f"PostgreSQL ({time.perf_counter() - started:.1f} s)"
    )
    return time.perf_counter() - started


# What the measured pages read, most read first: the fiches, the visitors' search rows, then
# what a fiche lists. Each with its indexes and TOAST (and the TOAST's index).
HOT_TABLES = [
    "actors_actor",
    "actors_actorsearchrow",
    "actors_relation",
    "actors_contact",
    "actors_actor_intervention_territories",
    "actors_territory",
    "actors_participation",
    "actors_actor_themes",
    "actors_actor_spheres",
    "actors_actor_competences",
]
HOT_RELATIONS = """
WITH relation AS (
    SELECT rel.oid, rel.relkind,
           COALESCE((SELECT indrelid FROM pg_index WHERE indexrelid = rel.oid), rel.oid) AS base
    FROM pg_class rel WHERE rel.relkind IN ('r', 'i', 't')
), owned AS (
    SELECT relation.oid, relation.relkind,
           COALESCE((SELECT t.oid FROM pg_class t WHERE t.reltoastrelid = relation.base),
                    relation.base) AS owner
    FROM relation
)
SELECT owned.oid, pg_relation_size(owned.oid) / current_setting('block_size')::int
FROM owned
JOIN pg_class owner ON owner.oid = owned.owner
JOIN pg_namespace n ON n.oid = owner.relnamespace AND n.nspname = 'public'
WHERE owner.relname = ANY(%(tables)s)
ORDER BY array_position(%(tables)s, owner.relname::text), owned.relkind <> 'r',
         pg_relation_size(owned.oid) DESC
"""


def warm_buffers(connection) -> int:
    """Load the hot relations into `shared_buffers`, in `HOT_TABLES`' order, as long as they
    fit in 90 % of it (one too big is skipped, the next ones still tried); returns the blocks
    read."""
    (capacity,) = connection.execute(
        "SELECT setting::bigint FROM pg_settings WHERE name = 'shared_buffers'"
    ).fetchone()
    room, loaded = int(capacity * 0.9), 0
    for oid, blocks in connection.execute(HOT_RELATIONS, {"tables": HOT_TABLES}).fetchall():
        if loaded + blocks > room:
            continue
        connection.execute("SELECT pg_prewarm(%s::regclass, 'buffer')", [oid])
        loaded += blocks
    return loaded


def describe_server_settings(config: Config) -> str:
    """The server's own settings against the README's advice (`RECOMMENDED_SERVER_SETTINGS`):
    the benchmark cannot set them on its database alone."""
    shown, short = [], []
    try:
        with psycopg.connect(config.database_url, autocommit=True) as connection:
            for name, advised in RECOMMENDED_SERVER_SETTINGS.items():
                value, enough = connection.execute(
                    "SELECT current_setting(%s), "
                    "pg_size_bytes(current_setting(%s)) >= pg_size_bytes(%s)",
                    [name, name, advised],
                ).fetchone()
                shown.append(f"{name} {value} (README : {advised})")
                if not enough:
                    short.append(f"ALTER SYSTEM SET {name} = '{advised}'")
    except psycopg.Error as error:
        return f"PostgreSQL : réglages du serveur illisibles ({error})"
    text = "PostgreSQL : " + ", ".join(shown)
    if short:
        text += (
            f" — moins que conseillé par le README ({' ; '.join(short)}, puis redémarrer "
            "PostgreSQL ; avec moins de tampons, les fiches tirées au hasard sont lues hors "
            "de ceux de PostgreSQL)"
        )
    return text


# What the load profile needs from the database, read through the ORM rather than table names.
PARAMS_SCRIPT = """
import json
from actors.models import Actor, Sphere, Theme
print(json.dumps({
    "spheres": list(Sphere.objects.order_by("slug").values_list("slug", flat=True)),
    "themes": list(Theme.objects.order_by("slug").values_list("slug", flat=True)),
    "actors_in_database": Actor.objects.count(),
}))
"""


def write_params(config: Config) -> dict:
    output = run_python(
        config, "manage.py", "shell", "--no-imports", "-c", PARAMS_SCRIPT, capture=True
    ).stdout
    params = last_json_line(output)
    params.update(actor_count=config.actors, slug_prefix=f"synth-{SEED}")
    (RESULTS / "params.json").write_text(json.dumps(params, indent=2), encoding="utf-8")
    return params
