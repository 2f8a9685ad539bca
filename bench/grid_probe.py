"""The grid's measurement, in its own process on the benchmark's PostgreSQL database.

    python bench/grid_probe.py

1. Version 1 of the grid, then BENCH_GRID_STRUCTURES structures (the first published fiches) with
   3 rounds each, 6 respondents per round (one per role) and 32 answers each, written once
   with COPY (about 576,000 answers for 1,000 structures; a second run reuses them).
2. A manager of the first structure opens the results page of its latest round (radar,
   crossed views, evolution over the two earlier rounds, network median over the 999 others):
   its queries are counted and its time taken (median of several renders, after a warm-up),
   beside the bare SQL aggregate the network median rests on, timed alone.
Prints one JSON line."""

import json
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "mailleurs.settings")

import django  # noqa: E402

django.setup()

from django.contrib.auth import get_user_model  # noqa: E402
from django.db import connection, transaction  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402
from django.urls import reverse  # noqa: E402
from django.utils import timezone  # noqa: E402

from actors.models import Actor, StructureMembership  # noqa: E402
from mailleurs.grid.choices import RespondentRole  # noqa: E402
from mailleurs.grid.models import GridVersion, Respondent, Round  # noqa: E402
from mailleurs.grid.network import (  # noqa: E402
    NetworkFilter,
    criterion_means,
    latest_published_rounds,
)
from mailleurs.grid.reference_data import load_grid_version  # noqa: E402

TITLE = "Banc d’essai"
ROUNDS = 3
RUNS = 5
ROOT = Path(__file__).resolve().parent.parent


def ensure_grid() -> GridVersion:
    if not GridVersion.objects.filter(number=1).exists():
        path = ROOT / "fixtures" / "grid" / "grid-v1.json"
        load_grid_version(json.loads(path.read_text(encoding="utf-8")))
    return GridVersion.objects.get(number=1)


def _copy_answers(respondents: list[tuple[int, int]], criteria: list[int], seed: int) -> int:
    """Every respondent answers every criterion: COPY, the fastest way in."""
    rng = random.Random(seed)
    now = timezone.now()
    with (
        connection.cursor() as cursor,
        cursor.copy(
            "COPY grid_answer (respondent_id, criterion_id, level, comment, comment_shared, "
            "updated_at) FROM STDIN"
        ) as copy,
    ):
        for respondent, base in respondents:
            for criterion in criteria:
                level = 0 if rng.random() < 0.08 else max(1, min(4, base + rng.choice((-1, 0, 1))))
                copy.write_row((respondent, criterion, level, "", True, now))
    return len(respondents) * len(criteria)


@transaction.atomic
def ensure_rounds(version: GridVersion, structures: int) -> dict:
    """The benchmark's rounds, created once (a partial set from an interrupted run is
    replaced)."""
    existing = Round.objects.filter(title__startswith=TITLE)
    if existing.count() == structures * ROUNDS:
        return {"created": 0, "seconds": 0.0}
    started = time.perf_counter()
    existing.delete()
    actors = list(
        Actor.objects.published().order_by("pk").values_list("pk", flat=True)[:structures]
    )
    if len(actors) < structures:
        raise SystemExit(f"{structures} fiches publiées sont nécessaires ({len(actors)} trouvées)")
    published = timezone.now()
    rounds = Round.objects.bulk_create(
        Round(actor_id=actor, grid_version=version, title=f"{TITLE} {2023 + k}",
              period_start=date(2023 + k, 1, 1), period_end=date(2023 + k, 3, 31),
              status=Round.Status.CLOSED, results_published_at=published, is_fictional=True)
        for actor in actors for k in range(ROUNDS)
    )  # fmt: skip
    rng = random.Random(1)
    respondents = Respondent.objects.bulk_create(
        (Respondent(round=round, role=role, label=f"Répondant·e {index + 1}")
         for round in rounds for index, role in enumerate(RespondentRole.values)),
        batch_size=5000,
    )  # fmt: skip
    criteria = list(version.criteria.values_list("pk", flat=True))
    answers = _copy_answers([(r.pk, rng.randint(1, 4)) for r in respondents], criteria, seed=2)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE grid_round, grid_respondent, grid_answer")
    return {"created": answers, "seconds": round(time.perf_counter() - started, 1)}


def manager_of(actor_id: int):
    user, _created = get_user_model().objects.get_or_create(username="banc-gestionnaire")
    StructureMembership.objects.get_or_create(
        actor_id=actor_id, user=user,
        defaults={"status": StructureMembership.Status.ACCEPTED, "is_manager": True},
    )  # fmt: skip
    return user


def _median_ms(action) -> float:
    action()  # warm-up
    times = []
    for _run in range(RUNS):
        started = time.perf_counter()
        action()
        times.append((time.perf_counter() - started) * 1000)
    return round(statistics.median(times), 1)


def measure(structures: int) -> dict:
    version = ensure_grid()
    created = ensure_rounds(version, structures)
    latest = Round.objects.filter(title__startswith=TITLE).order_by("actor_id", "-period_end")[0]
    client = Client(HTTP_HOST="127.0.0.1")
    client.force_login(manager_of(latest.actor_id))
    url = reverse("grid:results", kwargs={"pk": latest.pk})
    with CaptureQueriesContext(connection) as queries:
        status = client.get(url).status_code
    # Read now: every later request clears the connection's query log.
    query_count = len(queries)
    page_ms = _median_ms(lambda: client.get(url))
    others = NetworkFilter(exclude_actor_id=latest.actor_id)
    aggregate_ms = _median_ms(lambda: criterion_means(latest_published_rounds(others)))
    return {
        "structures": structures,
        "rounds": Round.objects.filter(title__startswith=TITLE).count(),
        "answers_created": created["created"],
        "setup_seconds": created["seconds"],
        "status": status,
        "queries": query_count,
        "page_ms": page_ms,
        "aggregate_ms": aggregate_ms,
    }


if __name__ == "__main__":
    print(json.dumps(measure(int(os.environ.get("BENCH_GRID_STRUCTURES") or "1000"))))
