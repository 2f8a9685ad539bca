"""Load profile of ``make bench`` (issue 3): what 10 visitors do on Mailleurs, endpoint by endpoint.

Run by ``bench/run.py``, which starts gunicorn and writes the parameters file first; it is not meant
to be launched by hand against anything else. ``Visitor`` is the load; ``SoloVisitor`` goes round
every endpoint alone, before the load, for the "p50 seul" column. Every task carries a ``name`` so
that locust (and the table printed by ``run.py``) keeps one line per endpoint whatever the query
string.

Besides locust's own CSV files, this module records every sample (response time, payload size,
status) and writes them to ``BENCH_SAMPLES`` when locust quits: locust's percentiles are rounded
(to 10 ms above 100 ms) and it keeps no maximum payload size, while the targets of issue 3 are
"p95 ≤ 150 ms" and "≤ 150 KB": close calls must not be rounded into an OK.
"""

import json
import os
import random
from collections import defaultdict
from urllib.parse import urlencode, urlsplit

from locust import FastHttpUser, SequentialTaskSet, constant, events

# Words people type in "Qui fait quoi ?" (accents left out on purpose: the search must cope).
SEARCH_WORDS = [
    "mobilite",
    "centre social",
    "alimentation",
    "jeunesse",
    "insertion",
    "culture",
    "sante",
    "logement",
    "ecole",
    "numerique",
    "petite enfance",
    "vieillissement",
    "tiers-lieu",
    "agriculture",
    "emploi",
]

# Map views: the whole of metropolitan France, the Drôme, and the commune of Die.
BBOX_FRANCE = {"bbox": "-5.5,41.2,9.8,51.2", "zoom": "6"}
BBOX_DEPARTEMENT = {"bbox": "4.6,44.1,5.9,45.4", "zoom": "9"}
BBOX_COMMUNE = {"bbox": "5.33,44.73,5.41,44.77", "zoom": "14"}

# Only the local gunicorn started by run.py is ever a target (the network rules of this workplace).
ALLOWED_HOSTS = {"127.0.0.1"}


def load_params() -> dict:
    """Slugs and counts taken from the benchmark database by run.py (see ``write_params``)."""
    with open(os.environ["BENCH_PARAMS"], encoding="utf-8") as handle:
        return json.load(handle)


PARAMS = load_params()


def sometimes(values: list[str]) -> str | None:
    """A random value, or none at all one time in two: facets are not always used."""
    if values and random.random() < 0.5:
        return random.choice(values)
    return None


def fetch(client, path: str, name: str, params: dict | None = None) -> None:
    """GET ``path`` under the endpoint ``name``; parameters set to None are left out."""
    query = {key: value for key, value in (params or {}).items() if value is not None}
    client.get(f"{path}?{urlencode(query)}" if query else path, name=name)


# Each task gets the running user (or task set): anything with a ``client``.


def directory(user) -> None:
    query = {
        "q": random.choice(SEARCH_WORDS),
        "sphere": sometimes(PARAMS["spheres"]),
        "theme": sometimes(PARAMS["themes"]),
    }
    fetch(user.client, "/acteurs/", "annuaire texte+facettes", query)


def fiche(user) -> None:
    # generate_actors numbers actors from 1: synth-<seed>-1 … synth-<seed>-<count>.
    number = random.randint(1, PARAMS["actor_count"])
    fetch(user.client, f"/acteurs/{PARAMS['slug_prefix']}-{number}/", "fiche")


def map_france(user) -> None:
    fetch(user.client, "/api/acteurs.geojson", "carte France", BBOX_FRANCE)


def map_departement(user) -> None:
    fetch(user.client, "/api/acteurs.geojson", "carte département", BBOX_DEPARTEMENT)


def map_commune(user) -> None:
    fetch(user.client, "/api/acteurs.geojson", "carte commune", BBOX_COMMUNE)


def territory(user) -> None:
    fetch(user.client, "/territoires/26/", "territoire")


def maillage(user) -> None:
    fetch(user.client, "/maillage/", "maillage", {"territoire": "26"})


class LocalOnly(FastHttpUser):
    abstract = True
    # Timeouts far above any target: a slow answer is measured, not dropped.
    connection_timeout = 10.0
    network_timeout = 30.0

    def on_start(self):
        host = urlsplit(self.host or "").hostname
        if host not in ALLOWED_HOSTS:
            raise RuntimeError(f"bench: refusing to load {self.host!r}, only 127.0.0.1 is allowed")


class Visitor(LocalOnly):
    """The load: endpoints drawn at random, by weight (searches and fiches are most of it)."""

    # Closed loop without think time: 10 users = 10 requests always in flight, as `wrk -c 10`.
    # BENCH_WAIT (seconds) adds a pause between two requests of one user.
    wait_time = constant(float(os.environ.get("BENCH_WAIT", "0")))
    tasks = {
        directory: 4,
        fiche: 4,
        map_france: 1,
        map_departement: 1,
        map_commune: 1,
        territory: 1,
        maillage: 1,
    }


class EveryEndpoint(SequentialTaskSet):
    tasks = [directory, fiche, map_france, map_departement, map_commune, territory, maillage]


class SoloVisitor(LocalOnly):
    """One user going round every endpoint in turn: each page's own time, without queueing."""

    wait_time = constant(0)
    tasks = [EveryEndpoint]


# --- exact samples, for run.py's table ------------------------------------------------------

SAMPLES: dict[str, dict[str, list]] = defaultdict(lambda: {"ms": [], "bytes": [], "errors": []})


@events.request.add_listener
def record_sample(name, response_time, response_length, response, exception, **_kwargs):
    sample = SAMPLES[name]
    sample["ms"].append(response_time)
    sample["bytes"].append(response_length or 0)
    if exception is not None:
        status = getattr(response, "status_code", None) or 0
        # 0 = no HTTP answer at all (refused connection, timeout).
        sample["errors"].append(str(status) if status else type(exception).__name__)


@events.quitting.add_listener
def write_samples(environment, **_kwargs):
    path = os.environ.get("BENCH_SAMPLES")
    if path:
        with open(path, "w", encoding="utf-8") as handle:
            json.dump(SAMPLES, handle)
