from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import AnonymousUser
from django.core.management import CommandError, call_command

from mailleurs.roles import role_of

pytestmark = pytest.mark.django_db


def test_each_role_has_its_own_permissions(member, moderator, staff_user):
    assert member.has_perm("actors.change_actor")
    assert member.has_perm("actors.view_member_contacts")
    assert not member.has_perm("actors.moderate_actor")
    assert moderator.has_perm("actors.moderate_actor")
    assert moderator.has_perm("actors.change_theme")
    assert not moderator.has_perm("actors.import_data")
    assert staff_user.has_perm("actors.import_data")
    assert staff_user.has_perm("actors.export_all_columns")
    assert staff_user.has_perm("auth.change_user")


def test_role_names_shown_to_users(member, moderator, staff_user):
    assert role_of(AnonymousUser()) == "visiteur"
    assert role_of(member) == "membre"
    assert role_of(moderator) == "moderateur"
    assert role_of(staff_user) == "equipe"


def test_demo_accounts_are_created_once_per_role(settings):
    settings.DEBUG = True
    out = StringIO()
    call_command("create_demo_accounts", stdout=out)
    call_command("create_demo_accounts", stdout=StringIO())
    users = get_user_model().objects.order_by("username")
    assert [u.username for u in users] == ["accompagnateur", "equipe", "membre", "moderateur"]
    assert role_of(users.get(username="accompagnateur")) == "accompagnateur"
    assert role_of(users.get(username="equipe")) == "equipe"
    assert users.get(username="equipe").is_staff
    assert not users.get(username="membre").is_staff
    assert users.get(username="membre").check_password("demo-mailleurs-2026")
    assert "demo-mailleurs-2026" in out.getvalue()


def test_demo_accounts_are_refused_without_debug(settings):
    settings.DEBUG = False
    with pytest.raises(CommandError, match="DEBUG"):
        call_command("create_demo_accounts")
    assert not get_user_model().objects.exists()
