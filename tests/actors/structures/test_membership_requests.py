"""People and their structures: asking to join, the decision on a request, leaving."""

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from actors.models import Actor, StructureMembership
from actors.structures import services
from tests.actors.factories import ActorFactory
from tests.actors.structures.helpers import (
    confirm_url,
    decide_url,
    join_url,
    leave_url,
    make_manager_url,
    membership,
    team_url,
)

pytestmark = pytest.mark.django_db


# --- asking to join ----------------------------------------------------------------------------


def test_member_asks_to_join_and_sees_the_request_pending(client, member, actor):
    client.force_login(member)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Je fais partie de cette structure" in page

    response = client.post(join_url(actor), {"message": "Je coordonne le secteur familles."})

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
    client.post(join_url(actor))
    response = client.post(join_url(actor), follow=True)
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
    client.post(join_url(actor), {"message": "Bonjour"})
    assert mail.outbox[-1].to == [other_member.email]
    assert "demande à faire partie" in mail.outbox[-1].body


def test_a_stored_name_with_a_line_break_does_not_break_the_join(
    client, member, other_member, moderator, actor
):
    # Imports and the admin may have stored such a name: the e-mail subjects stay one line.
    Actor.objects.filter(pk=actor.pk).update(name="Centre social\r\ndu Diois\u2028(Die)")
    membership(actor, other_member, is_manager=True)
    client.force_login(member)
    response = client.post(join_url(actor), {"message": "Bonjour"})
    assert response.status_code == 302
    assert mail.outbox[-1].subject == "Mailleurs : demande pour « Centre social du Diois (Die) »"
    client.force_login(moderator)
    row = StructureMembership.objects.get(user=member)
    client.post(decide_url(row), {"decision": "refuser"})
    assert mail.outbox[-1].subject == (
        "Mailleurs : votre demande pour « Centre social du Diois (Die) »"
    )


def test_visitors_see_no_join_button_and_are_sent_to_sign_in(client, actor):
    assert (
        "Je fais partie de cette structure"
        not in client.get(actor.get_absolute_url()).content.decode()
    )
    response = client.post(join_url(actor))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]
    assert not StructureMembership.objects.exists()


def test_an_account_without_role_cannot_ask(client, django_user_model, actor):
    nobody = django_user_model.objects.create_user("sansrole", "x@example.org", "x")
    client.force_login(nobody)
    response = client.post(join_url(actor))
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


@pytest.mark.parametrize(
    ("decision", "status", "told"),
    [("refuser", "refused", "refusée"), ("accepter", "accepted", "est acceptée")],
    ids=["refuses", "accepts-a-plain-member"],
)
def test_a_manager_decides_a_request_and_the_requester_is_told(
    client, member, other_member, actor, decision, status, told
):
    membership(actor, other_member, is_manager=True)
    row = membership(actor, member, status="requested")
    client.force_login(other_member)
    client.post(decide_url(row), {"decision": decision})
    row.refresh_from_db()
    assert (row.status, row.is_manager) == (status, False)
    assert mail.outbox[-1].to == [member.email]
    assert told in mail.outbox[-1].body


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
    client.post(make_manager_url(row))
    row.refresh_from_db()
    assert row.is_manager


def test_a_plain_member_cannot_see_or_decide_requests(client, member, other_member, actor):
    row = membership(actor, other_member, status="requested")
    membership(actor, member)  # accepted, but not manager
    client.force_login(member)
    assert client.get(team_url(actor)).status_code == 403
    assert client.post(decide_url(row), {"decision": "accepter"}).status_code == 403
    assert client.post(make_manager_url(row)).status_code == 403
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
        confirm_url(actor),
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
    urls = [join_url(actor), decide_url(row), make_manager_url(row), confirm_url(actor)]
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


# --- leaving -----------------------------------------------------------------------------------


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


def test_a_refused_request_stays_refused_and_the_managers_get_one_email(
    client, member, other_member, actor
):
    manager_row = membership(actor, other_member, is_manager=True)
    refused = membership(actor, member, status="refused")
    client.force_login(member)
    assert client.post(leave_url(refused)).status_code == 403
    with pytest.raises(PermissionDenied):
        services.membership_end(membership=refused, user=member)
    response = client.post(join_url(actor), follow=True)
    assert "Votre demande pour cette structure a été refusée" in response.content.decode()
    assert StructureMembership.objects.get(pk=refused.pk).status == "refused"
    assert mail.outbox == []
    # The managers (and moderators) may still remove it; then the person may ask again.
    client.force_login(other_member)
    assert client.post(leave_url(refused)).status_code == 302
    assert list(StructureMembership.objects.all()) == [manager_row]
