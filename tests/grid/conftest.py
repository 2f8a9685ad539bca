from datetime import date

import pytest
from django.contrib.auth.models import Group

from mailleurs.grid import services
from mailleurs.grid.models import GridVersion
from mailleurs.grid.reference_data import load_grid_version
from mailleurs.roles import FACILITATOR, MEMBER, sync_role_groups
from tests.actors.factories import ActorFactory, ActorTypeFactory
from tests.conftest import _user_in
from tests.grid.helpers import grid_v1_data, invite, make_manager


@pytest.fixture
def grid_v1(db):
    """Version 1 of the grid, as `load_grid` loads it from fixtures/grid/."""
    load_grid_version(grid_v1_data())
    return GridVersion.objects.get(number=1)


@pytest.fixture
def structure(db):
    return ActorFactory(
        name="Centre social de la Vallée",
        slug="centre-social-de-la-vallee",
        actor_type=ActorTypeFactory(name="Centre social", slug="centre-social"),
    )


@pytest.fixture
def manager(django_user_model, structure):
    return make_manager(_user_in(django_user_model, "gestionnaire", MEMBER), structure)


@pytest.fixture
def facilitator(django_user_model):
    user = django_user_model.objects.create_user(
        username="accompagnatrice", email="accompagnatrice@example.org", password="motdepasse-test"
    )
    sync_role_groups()
    user.groups.add(Group.objects.get(name=FACILITATOR))
    return user


@pytest.fixture
def open_round(grid_v1, structure, manager):
    return services.round_open(
        actor=structure,
        user=manager,
        data=services.RoundData(
            title="Évaluation 2026", period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
        ),
    )


@pytest.fixture
def partner(open_round, manager):
    return invite(open_round, manager)
