"""Structures and their people: requests, decisions, managers, "toujours à jour", stale fiches."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.test import override_settings
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from actors.models import Actor, ActorProposal, StructureMembership
from actors.structures import selectors, services
from tests.actors.factories import ActorFactory, ActorTypeFactory, CommuneFactory, SphereFactory
from tests.actors.fiches.test_editing import edit_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(db):
    return {
        "die": CommuneFactory(name="Die", code="26113", key="26113"),
        "type": ActorTypeFactory(name="Centre social", slug="centre-social"),
        "sphere": SphereFactory(name="Action sociale", slug="action-sociale"),
    }


@pytest.fixture
def actor(world):
    return ActorFactory(
        name="Centre social du Diois",
        commune=world["die"],
        actor_type=world["type"],
        spheres=[world["sphere"]],
    )


@pytest.fixture
def other_member(django_user_model, member):
    user = django_user_model.objects.create_user(
        "camille", "camille@example.org", "motdepasse-test"
    )
    user.groups.set(member.groups.all())
    return user


def membership(actor, user, *, status="accepted", is_manager=False, **extra):
    return StructureMembership.objects.create(
        actor=actor, user=user, status=status, is_manager=is_manager, **extra
    )


def team_url(actor):
    return reverse("actors:structure_team", kwargs={"slug": actor.slug})


def decide_url(row):
    return reverse("actors:structure_decide", kwargs={"slug": row.actor.slug, "pk": row.pk})


# --- asking to join ----------------------------------------------------------------------------


def test_member_asks_to_join_and_sees_the_request_pending(client, member, actor):
    client.force_login(member)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Je fais partie de cette structure" in page

    response = client.post(
        reverse("actors:structure_join", kwargs={"slug": actor.slug}),
        {"message": "Je coordonne le secteur familles."},
    )

    assert response.status_code == 302
    row = StructureMembership.objects.get()
    assert (row.actor, row.user, row.status, row.is_manager) == (actor, member, "requested", False)
    assert row.message == "Je coordonne le secteur familles."
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Demande envoyée" in page
    assert "Je fais partie de cette structure" not in page
    mine = client.get(reverse("actors:my_structures")).content.decode()
    assert actor.name in mine
    assert "Demande envoyée" in mine


def test_a_second_request_gets_a_french_message_not_an_error(client, member, actor):
    client.force_login(member)
    url = reverse("actors:structure_join", kwargs={"slug": actor.slug})
    client.post(url)
    response = client.post(url, follow=True)
    assert response.status_code == 200
    assert "Vous avez déjà demandé à faire partie de cette structure." in response.content.decode()
    assert StructureMembership.objects.count() == 1


def test_the_service_refuses_a_duplicate_with_a_message(member, actor):
    services.membership_request(actor=actor, user=member)
    with pytest.raises(services.MembershipError, match="déjà demandé"):
        services.membership_request(actor=actor, user=member)


def test_managers_are_told_of_a_new_request(client, member, other_member, actor):
    membership(actor, other_member, is_manager=True)
    client.force_login(member)
    client.post(
        reverse("actors:structure_join", kwargs={"slug": actor.slug}), {"message": "Bonjour"}
    )
    assert mail.outbox[-1].to == [other_member.email]
    assert "demande à faire partie" in mail.outbox[-1].body


def test_visitors_see_no_join_button_and_are_sent_to_sign_in(client, actor):
    assert (
        "Je fais partie de cette structure"
        not in client.get(actor.get_absolute_url()).content.decode()
    )
    response = client.post(reverse("actors:structure_join", kwargs={"slug": actor.slug}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not StructureMembership.objects.exists()


def test_an_account_without_role_cannot_ask(client, django_user_model, actor):
    nobody = django_user_model.objects.create_user("sansrole", "x@example.org", "x")
    client.force_login(nobody)
    response = client.post(reverse("actors:structure_join", kwargs={"slug": actor.slug}))
    assert response.status_code == 403
    assert not StructureMembership.objects.exists()


def test_joining_an_unpublished_or_unknown_fiche_is_not_found(client, member, world):
    hidden = ActorFactory(status="archived", commune=world["die"])
    client.force_login(member)
    for slug in (hidden.slug, "nulle-part"):
        response = client.post(reverse("actors:structure_join", kwargs={"slug": slug}))
        assert response.status_code == 404
    assert not StructureMembership.objects.exists()


# --- deciding ----------------------------------------------------------------------------------


def test_a_moderator_accepts_the_first_member_as_manager_and_the_requester_is_told(
    client, member, moderator, actor
):
    row = membership(actor, member, status="requested", message="Directrice")
    client.force_login(moderator)
    page = client.get(team_url(actor)).content.decode()
    assert member.get_username() in page
    assert "Directrice" in page

    response = client.post(decide_url(row), {"decision": "accepter", "gestionnaire": "oui"})

    assert response.status_code == 302
    row.refresh_from_db()
    assert (row.status, row.is_manager, row.decided_by) == ("accepted", True, moderator)
    assert row.decided_at is not None
    assert mail.outbox[-1].to == [member.email]
    assert "acceptée" in mail.outbox[-1].body
    assert "gestionnaire" in mail.outbox[-1].body


def test_a_manager_refuses_a_request_and_the_requester_is_told(client, member, other_member, actor):
    membership(actor, other_member, is_manager=True)
    row = membership(actor, member, status="requested")
    client.force_login(other_member)
    client.post(decide_url(row), {"decision": "refuser"})
    row.refresh_from_db()
    assert row.status == "refused"
    assert not row.is_manager
    assert mail.outbox[-1].to == [member.email]
    assert "refusée" in mail.outbox[-1].body


def test_a_manager_accepts_a_plain_member(client, member, other_member, actor):
    membership(actor, other_member, is_manager=True)
    row = membership(actor, member, status="requested")
    client.force_login(other_member)
    client.post(decide_url(row), {"decision": "accepter"})
    row.refresh_from_db()
    assert (row.status, row.is_manager) == ("accepted", False)
    assert "est acceptée" in mail.outbox[-1].body


def test_a_decided_request_cannot_be_decided_again(client, member, moderator, actor):
    row = membership(actor, member, status="refused")
    client.force_login(moderator)
    response = client.post(decide_url(row), {"decision": "accepter"}, follow=True)
    assert "Cette demande a déjà été traitée." in response.content.decode()
    row.refresh_from_db()
    assert row.status == "refused"
    assert not mail.outbox


def test_a_moderator_names_a_manager_for_a_structure_without_one(client, member, moderator, actor):
    row = membership(actor, member)
    client.force_login(moderator)
    assert "pas encore de gestionnaire" in client.get(team_url(actor)).content.decode()
    url = reverse("actors:structure_make_manager", kwargs={"slug": actor.slug, "pk": row.pk})
    client.post(url)
    row.refresh_from_db()
    assert row.is_manager


def test_a_plain_member_cannot_see_or_decide_requests(client, member, other_member, actor):
    row = membership(actor, other_member, status="requested")
    membership(actor, member)  # accepted, but not manager
    client.force_login(member)
    assert client.get(team_url(actor)).status_code == 403
    assert client.post(decide_url(row), {"decision": "accepter"}).status_code == 403
    url = reverse("actors:structure_make_manager", kwargs={"slug": actor.slug, "pk": row.pk})
    assert client.post(url).status_code == 403
    row.refresh_from_db()
    assert row.status == "requested"


def test_a_manager_of_one_structure_cannot_manage_another(
    client, member, other_member, actor, world
):
    other = ActorFactory(commune=world["die"])
    membership(actor, member, is_manager=True)
    row = membership(other, other_member, status="requested")
    client.force_login(member)
    assert client.get(team_url(other)).status_code == 403
    assert client.post(decide_url(row), {"decision": "accepter"}).status_code == 403
    # Nor through the structure they manage: the request belongs to the other one.
    wrong = reverse("actors:structure_decide", kwargs={"slug": actor.slug, "pk": row.pk})
    assert client.post(wrong, {"decision": "accepter"}).status_code == 404
    row.refresh_from_db()
    assert row.status == "requested"


def test_services_check_permissions_themselves(member, other_member, actor):
    row = membership(actor, other_member, status="requested")
    with pytest.raises(PermissionDenied):
        services.membership_decide(membership=row, user=member, accept=True)
    with pytest.raises(PermissionDenied):
        services.membership_make_manager(membership=row, user=member)
    with pytest.raises(PermissionDenied):
        services.actor_confirm_up_to_date(actor=actor, user=member)


def test_visitors_are_sent_to_sign_in(client, member, actor):
    row = membership(actor, member, status="requested")
    urls = [
        team_url(actor),
        decide_url(row),
        reverse("actors:structure_confirm_up_to_date", kwargs={"slug": actor.slug}),
        reverse("actors:my_structures"),
        reverse("actors:stale_fiches"),
    ]
    for url in urls:
        response = client.post(url, {"decision": "accepter"})
        assert response.status_code == 302, url
        assert reverse("accounts:login") in response["Location"]
    row.refresh_from_db()
    assert row.status == "requested"


def test_post_only_addresses_refuse_get(client, member, moderator, actor):
    row = membership(actor, member, status="requested")
    client.force_login(moderator)
    urls = [
        reverse("actors:structure_join", kwargs={"slug": actor.slug}),
        decide_url(row),
        reverse("actors:structure_make_manager", kwargs={"slug": actor.slug, "pk": row.pk}),
        reverse("actors:structure_confirm_up_to_date", kwargs={"slug": actor.slug}),
    ]
    for url in urls:
        assert client.get(url).status_code == 405, url


def test_unknown_ids_are_not_found(client, moderator, actor):
    client.force_login(moderator)
    url = reverse("actors:structure_team", kwargs={"slug": "inconnue"})
    assert client.get(url).status_code == 404
    url = reverse("actors:structure_decide", kwargs={"slug": actor.slug, "pk": 999999})
    assert client.post(url, {"decision": "accepter"}).status_code == 404
    url = reverse("actors:structure_make_manager", kwargs={"slug": actor.slug, "pk": 999999})
    assert client.post(url).status_code == 404


def test_an_unknown_decision_changes_nothing(client, member, moderator, actor):
    row = membership(actor, member, status="requested")
    client.force_login(moderator)
    client.post(decide_url(row), {"decision": "peut-etre"})
    row.refresh_from_db()
    assert row.status == "requested"


# --- my structures -----------------------------------------------------------------------------


def test_my_structures_lists_only_mine(client, member, other_member, actor, world):
    other = ActorFactory(name="Maison des services de Luc", commune=world["die"])
    membership(actor, member, is_manager=True)
    membership(other, other_member)
    client.force_login(member)
    page = client.get(reverse("actors:my_structures")).content.decode()
    assert actor.name in page
    assert "Gestionnaire" in page
    assert other.name not in page


# --- managers publish directly and confirm "toujours à jour" ------------------------------------


def test_a_managers_edit_is_published_without_review(client, member, actor, world):
    membership(actor, member, is_manager=True)
    client.force_login(member)
    client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Mis à jour par la structure"),
    )
    actor.refresh_from_db()
    assert actor.pitch == "Mis à jour par la structure"
    assert not ActorProposal.objects.exists()


def test_a_plain_members_edit_goes_to_review(client, member, actor, world):
    membership(actor, member)  # accepted member, not manager
    client.force_login(member)
    client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Proposition d’un membre"),
    )
    actor.refresh_from_db()
    assert actor.pitch != "Proposition d’un membre"
    assert ActorProposal.objects.get().status == "pending"


def test_a_manager_of_another_structure_still_goes_to_review(client, member, actor, world):
    membership(ActorFactory(commune=world["die"]), member, is_manager=True)
    client.force_login(member)
    client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Proposition"),
    )
    assert ActorProposal.objects.count() == 1


def test_toujours_a_jour_sets_the_check_date_and_shows_on_the_fiche(client, member, actor):
    membership(actor, member, is_manager=True)
    client.force_login(member)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "jamais vérifiée" in page
    assert "Toujours à jour" in page
    history_before = actor.history.count()

    response = client.post(
        reverse("actors:structure_confirm_up_to_date", kwargs={"slug": actor.slug})
    )

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.last_checked_at is not None
    assert timezone.now() - actor.last_checked_at < datetime.timedelta(minutes=1)
    assert actor.version == 1  # no new version, no proposal
    assert not ActorProposal.objects.exists()
    assert actor.history.count() == history_before + 1
    history = client.get(reverse("actors:actor_history", kwargs={"slug": actor.slug}))
    assert history.status_code == 200
    client.logout()
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Vérifiée le" in page
    assert "Toujours à jour" not in page


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_only_managers_confirm_a_fiche(client, request, actor, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert "Toujours à jour" not in client.get(actor.get_absolute_url()).content.decode()
    url = reverse("actors:structure_confirm_up_to_date", kwargs={"slug": actor.slug})
    assert client.post(url).status_code == 403
    actor.refresh_from_db()
    assert actor.last_checked_at is None


# --- stale fiches ------------------------------------------------------------------------------


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

    response = client.get(reverse("actors:stale_fiches"))

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
    client.get(reverse("actors:stale_fiches"))  # warm the session and permission caches
    with CaptureQueriesContext(connection) as small:
        client.get(reverse("actors:stale_fiches"))
    fill(25)
    with CaptureQueriesContext(connection) as large:
        response = client.get(reverse("actors:stale_fiches"))
    assert len(response.context["page"]) == 27
    assert len(large.captured_queries) == len(small.captured_queries)


def test_stale_list_is_paginated(client, staff_user, world):
    for _index in range(35):
        ActorFactory(commune=world["die"])
    client.force_login(staff_user)
    first = client.get(reverse("actors:stale_fiches"))
    second = client.get(reverse("actors:stale_fiches"), {"page": 2})
    assert len(first.context["page"]) == 30
    assert len(second.context["page"]) == 5
    assert "35 fiches publiées" in first.content.decode()


@pytest.mark.parametrize(
    ("role", "status"), [("member", 403), ("moderator", 200), ("staff_user", 200)]
)
def test_who_sees_the_stale_list(client, request, role, status):
    client.force_login(request.getfixturevalue(role))
    response = client.get(reverse("actors:stale_fiches"))
    assert response.status_code == status
    nav_link = "Fiches à vérifier" in client.get(reverse("actors:my_structures")).content.decode()
    assert nav_link == (status == 200)


def leave_url(row):
    return reverse("actors:structure_leave", kwargs={"slug": row.actor.slug, "pk": row.pk})


def test_a_member_withdraws_a_request_and_leaves_a_structure(client, member, actor, world):
    other = ActorFactory(name="Autre structure")
    pending = membership(actor, member, status="requested")
    accepted = membership(other, member)
    client.force_login(member)
    page = client.get(reverse("actors:my_structures")).content.decode()
    assert "Retirer ma demande" in page and "Quitter la structure" in page
    response = client.post(leave_url(pending), follow=True)
    assert "Votre demande pour" in response.content.decode()
    response = client.post(leave_url(accepted), follow=True)
    assert "Vous ne faites plus partie de « Autre structure »" in response.content.decode()
    assert not StructureMembership.objects.exists()


def test_a_manager_removes_someone_but_a_member_cannot(client, member, other_member, actor):
    manager_row = membership(actor, other_member, is_manager=True)
    member_row = membership(actor, member)
    client.force_login(member)
    assert client.post(leave_url(manager_row)).status_code == 403
    client.force_login(other_member)
    assert "Retirer de la structure" in client.get(team_url(actor)).content.decode()
    response = client.post(leave_url(member_row))
    assert response.status_code == 302 and response.url == team_url(actor)
    assert list(StructureMembership.objects.all()) == [manager_row]
    client.logout()
    response = client.post(leave_url(manager_row))
    assert response.status_code == 302 and "connexion" in response.url
    assert client.get(leave_url(manager_row)).status_code in (302, 405)
