"""Fiches to check: published fiches never confirmed, or confirmed too long ago, oldest first."""

import datetime

import pytest
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor
from actors.structures import selectors, services
from tests.actors.factories import ActorFactory
from tests.actors.structures.helpers import membership

pytestmark = pytest.mark.django_db
STALE_FICHES = reverse("actors:stale_fiches")


def test_staff_see_old_and_never_checked_fiches_oldest_first(client, staff_user, member, world):
    now = timezone.now()
    never = ActorFactory(name="Jamais vérifiée", commune=world["die"])
    old = ActorFactory(name="Vérifiée il y a deux ans", commune=world["die"])
    older = ActorFactory(name="Vérifiée il y a trois ans", commune=world["die"])
    fresh = ActorFactory(name="Vérifiée ce mois-ci", commune=world["die"])
    ActorFactory(name="Brouillon ancien", commune=world["die"], status="draft")
    Actor.objects.filter(pk=old.pk).update(last_checked_at=now - datetime.timedelta(days=730))
    Actor.objects.filter(pk=older.pk).update(last_checked_at=now - datetime.timedelta(days=1095))
    Actor.objects.filter(pk=fresh.pk).update(last_checked_at=now - datetime.timedelta(days=5))
    membership(old, member, is_manager=True)
    client.force_login(staff_user)

    response = client.get(STALE_FICHES)

    assert response.status_code == 200
    assert [a.name for a in response.context["page"]] == [never.name, older.name, old.name]
    content = response.content.decode()
    assert "3 fiches publiées" in content
    assert "jamais vérifiée" in content
    assert member.get_username() in content
    assert fresh.name not in content
    assert "Brouillon ancien" not in content


def test_a_fiche_confirmed_by_its_manager_leaves_the_stale_list(client, staff_user, member, actor):
    membership(actor, member, is_manager=True)
    assert actor in selectors.stale_fiches()
    services.actor_confirm_up_to_date(actor=actor, user=member)
    assert actor not in selectors.stale_fiches()


@override_settings(STALE_FICHE_MONTHS=3)
def test_the_number_of_months_is_a_setting(actor):
    Actor.objects.filter(pk=actor.pk).update(
        last_checked_at=timezone.now() - datetime.timedelta(days=120)
    )
    assert actor in selectors.stale_fiches()
    assert actor not in selectors.stale_fiches(months=12)


def test_months_ago_clamps_to_the_end_of_the_month():
    moment = datetime.datetime(2026, 3, 31, 10, 0, tzinfo=datetime.UTC)
    assert selectors.months_ago(moment, 1) == datetime.datetime(
        2026, 2, 28, 10, 0, tzinfo=datetime.UTC
    )
    assert selectors.months_ago(moment, 12) == datetime.datetime(
        2025, 3, 31, 10, 0, tzinfo=datetime.UTC
    )
    assert selectors.months_ago(moment, 15).month == 12


def test_stale_list_queries_do_not_grow_with_the_page(client, staff_user, django_user_model, world):
    def fill(count):
        for index in range(count):
            fiche = ActorFactory(commune=world["die"])
            user = django_user_model.objects.create_user(f"gestion{fiche.pk}-{index}", "")
            membership(fiche, user, is_manager=True)

    client.force_login(staff_user)
    fill(2)
    client.get(STALE_FICHES)  # warm the session and permission caches
    with CaptureQueriesContext(connection) as small:
        client.get(STALE_FICHES)
    fill(25)
    with CaptureQueriesContext(connection) as large:
        response = client.get(STALE_FICHES)
    assert len(response.context["page"]) == 27
    assert len(large.captured_queries) == len(small.captured_queries)


def test_stale_list_is_paginated(client, staff_user, world):
    for _index in range(35):
        ActorFactory(commune=world["die"])
    client.force_login(staff_user)
    first = client.get(STALE_FICHES)
    second = client.get(STALE_FICHES, {"page": 2})
    assert len(first.context["page"]) == 30
    assert len(second.context["page"]) == 5
    assert "35 fiches publiées" in first.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("moderator", 200), ("staff_user", 200)]
)
def test_who_sees_the_stale_list(client, request, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.get(STALE_FICHES)
    assert response.status_code == status
    nav_link = "Fiches à vérifier" in client.get(reverse("actors:my_structures")).content.decode()
    assert nav_link == (status == 200)
