import pytest

from tests.grid.helpers import grid_v1_data
from tests.grid.world import build_grid_world


@pytest.fixture
def grid_world(django_user_model):
    """The mailleur grid's cells of the permission matrix: see tests/grid/world.py."""
    return build_grid_world(django_user_model, grid_v1_data())


@pytest.fixture
def as_grid_role(client, grid_world, member, moderator, staff_user):
    users = {"member": member, "moderator": moderator, "staff": staff_user, **grid_world.users}

    def sign_in(role):
        client.logout()
        if role != "visitor":
            client.force_login(users[role])
        return client

    return sign_in
