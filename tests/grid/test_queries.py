"""The results page reads a bounded number of queries: more rounds, respondents, answers or
structures in the network do not add any."""

from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from mailleurs.grid.models import Respondent
from tests.actors.factories import ActorFactory
from tests.grid.helpers import answer, published_round

pytestmark = pytest.mark.django_db

LEVELS = {"1.1.1": 3, "1.1.2": 2, "2.2.1": 4, "3.4.2": 1}


def _count(client, round) -> int:
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("grid:results", kwargs={"pk": round.pk}))
    assert response.status_code == 200
    return len(queries)


def test_the_results_page_does_not_grow_with_the_data(client, grid_v1, structure, manager):
    """From one earlier round and one other structure to three and eight, with more respondents:
    the same queries."""
    current = published_round(structure, grid_v1, end=date(2026, 3, 31), levels=LEVELS)
    published_round(structure, grid_v1, end=date(2022, 3, 31), levels=LEVELS)
    published_round(ActorFactory(), grid_v1, end=date(2025, 6, 30), levels=LEVELS)
    client.force_login(manager)
    small = _count(client, current)
    for year in (2023, 2024, 2025):
        earlier = published_round(structure, grid_v1, end=date(year, 3, 31), levels=LEVELS)
        partner = Respondent.objects.create(round=earlier, role="elu", label="Élu")
        answer(partner, LEVELS)
    for _index in range(7):
        published_round(ActorFactory(), grid_v1, end=date(2025, 6, 30), levels=LEVELS)
    for role in ("benevole", "elu", "habitant", "technicien_collectivite"):
        answer(Respondent.objects.create(round=current, role=role, label=role), LEVELS)
    assert _count(client, current) == small
    assert small <= 22
