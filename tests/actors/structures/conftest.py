import pytest

from tests.actors.factories import ActorFactory


@pytest.fixture
def actor(world):
    """A published structure without members yet."""
    return ActorFactory(
        name="Centre social du Diois",
        commune=world["die"],
        actor_type=world["type"],
        spheres=[world["sphere"]],
    )


@pytest.fixture
def other_member(django_user_model, member):
    """A second account with the member role."""
    user = django_user_model.objects.create_user(
        "camille", "camille@example.org", "motdepasse-test"
    )
    user.groups.set(member.groups.all())
    return user
