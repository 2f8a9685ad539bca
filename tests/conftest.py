import pytest
from django.contrib.auth.models import Group
from django.core.cache import cache

from mailleurs.roles import MEMBER, MODERATOR, STAFF, sync_role_groups
from tests.actors.factories import ActorTypeFactory, CommuneFactory, SphereFactory


@pytest.fixture(autouse=True)
def _fast_password_hasher(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _directory_pages_built(settings):
    # Tests read the directory view's context, which a visitor's kept page does not carry;
    # tests/actors/directory/test_visitor_pages.py turns the keeping on.
    settings.DIRECTORY_PAGE_SECONDS = 0


@pytest.fixture(autouse=True)
def _plain_static_storage(settings):
    # The manifest storage needs collectstatic; tests render pages without it.
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


def _user_in(django_user_model, username: str, group_name: str | None, **extra):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="motdepasse-test", **extra
    )
    if group_name:
        sync_role_groups()
        user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def member(django_user_model):
    return _user_in(django_user_model, "membre", MEMBER)


@pytest.fixture
def moderator(django_user_model):
    return _user_in(django_user_model, "moderateur", MODERATOR)


@pytest.fixture
def staff_user(django_user_model):
    return _user_in(django_user_model, "equipe", STAFF, is_staff=True)


@pytest.fixture
def world(db):
    """What the fiche form needs to accept a fiche: a commune, a type and a sphere (the data of
    tests.actors.fiche_data.form_data)."""
    return {
        "die": CommuneFactory(name="Die", code="26113", key="26113"),
        "type": ActorTypeFactory(name="Centre social", slug="centre-social"),
        "sphere": SphereFactory(name="Action sociale", slug="action-sociale"),
    }


@pytest.fixture(autouse=True)
def _empty_cache():
    # Facet counts and territory summaries are cached: each test starts from nothing.
    cache.clear()
    yield
    cache.clear()
