"""The network median: other structures' latest published round, shown per function only when
at least 5 structures contribute, filterable by type of structure and territory."""

from datetime import date

import pytest
from django.urls import reverse

from mailleurs.grid import services
from mailleurs.grid.models import Round
from mailleurs.grid.network import NetworkFilter, network_medians
from mailleurs.grid.results import grid_shape
from mailleurs.grid.selectors import grid_reference
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CommuneFactory,
    DepartementFactory,
)
from tests.grid.helpers import answer, criterion, published_round
from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db


def _medians(version, **filters):
    shape = grid_shape(grid_reference(version=version))
    return network_medians(
        shape=shape, version_number=version.number, network_filter=NetworkFilter(**filters)
    )


@pytest.fixture
def centres(grid_v1):
    """Five centres sociaux whose own view of function 1.1 is 1, 2, 3, 3.5 and 4."""
    kind = ActorTypeFactory(name="Centre social", slug="centre-social")
    ardeche = DepartementFactory(code="07", key="07", name="Ardèche", slug="ardeche")
    actors = []
    for index, levels in enumerate([
        {"1.1.1": 1}, {"1.1.1": 2}, {"1.1.1": 3}, {"1.1.1": 3, "1.1.2": 4}, {"1.1.1": 4},
    ]):  # fmt: skip
        commune = CommuneFactory(departement=ardeche) if index == 0 else CommuneFactory()
        actor = ActorFactory(actor_type=kind, commune=commune)
        published_round(actor, grid_v1, end=date(2025, 6, 30), levels=levels)
        actors.append(actor)
    return actors


def test_the_median_of_five_structures_is_shown(grid_v1, centres):
    function = criterion(grid_v1, "1.1.1").function
    result = _medians(grid_v1)
    assert result.contributors[function.pk] == 5
    assert result.medians[function.pk] == 3  # of 1, 2, 3, 3.5, 4
    other = criterion(grid_v1, "2.1.1").function
    assert result.medians[other.pk] is None and result.contributors[other.pk] == 0


def test_below_five_structures_nothing_is_shown(grid_v1, centres):
    function = criterion(grid_v1, "1.1.1").function
    result = _medians(grid_v1, exclude_actor_id=centres[0].pk)
    assert result.contributors[function.pk] == 4
    assert result.medians[function.pk] is None and not result.shown


def test_only_the_latest_published_round_of_each_structure_counts(grid_v1, centres):
    function = criterion(grid_v1, "1.1.1").function
    published_round(centres[0], grid_v1, end=date(2026, 6, 30), levels={"1.1.1": 4})
    unpublished = published_round(centres[1], grid_v1, end=date(2026, 6, 30), levels={"1.1.1": 4})
    Round.objects.filter(pk=unpublished.pk).update(results_published_at=None)
    result = _medians(grid_v1)
    assert result.contributors[function.pk] == 5
    assert result.medians[function.pk] == 3.5  # of 4, 2, 3, 3.5, 4


def test_partners_answers_do_not_count_in_the_structures_own_view(grid_v1, centres):
    function = criterion(grid_v1, "1.1.1").function
    published_round(ActorFactory(), grid_v1, end=date(2025, 1, 1), levels={"1.1.1": 1},
                    role="elu")  # fmt: skip
    assert _medians(grid_v1).contributors[function.pk] == 5


def test_filters_by_type_and_territory(grid_v1, centres):
    function = criterion(grid_v1, "1.1.1").function
    evs = ActorTypeFactory(name="Espace de vie sociale", slug="evs")
    published_round(ActorFactory(actor_type=evs), grid_v1, end=date(2025, 1, 1),
                    levels={"1.1.1": 2})  # fmt: skip
    assert _medians(grid_v1).contributors[function.pk] == 6
    assert _medians(grid_v1, actor_type=evs).contributors[function.pk] == 1
    assert _medians(grid_v1, actor_type=centres[0].actor_type).medians[function.pk] == 3
    ardeche = centres[0].commune.departement
    assert _medians(grid_v1, territory=ardeche).contributors[function.pk] == 1


def test_the_public_page_shows_medians_only_above_the_threshold(client, grid_v1, centres):
    page = assert_page_shows(
        client.get(reverse("grid:network")), "Médiane du réseau", "radar-network"
    )
    assert "Pratiques inclusives" in page
    response = client.get(reverse("grid:network"), {"type": "centre-social", "territoire": "07"})
    content = assert_page_shows(response, "1 structure seulement")
    assert "radar-network" not in content


def test_a_bad_filter_gets_a_french_message(client, grid_v1, centres):
    response = client.get(reverse("grid:network"), {"type": "inconnu", "territoire": "Atlantide"})
    assert_page_shows(response, "Ce territoire est introuvable", "Sélectionnez un choix valide",
                      status=400)  # fmt: skip


def test_the_results_page_compares_with_the_other_structures(client, centres, open_round, manager):
    team = services.respondent_answer_myself(round=open_round, user=manager)
    answer(team, {"1.1.1": 2})
    client.force_login(manager)
    response = client.get(reverse("grid:results", kwargs={"pk": open_round.pk}))
    content = assert_page_shows(response, "Médiane du réseau", "radar-network")
    assert "Structures comparées" in content
    filtered = client.get(
        reverse("grid:results", kwargs={"pk": open_round.pk}), {"territoire": "07", "type": ""}
    )
    assert_page_shows(filtered, "pas assez pour montrer une médiane")
