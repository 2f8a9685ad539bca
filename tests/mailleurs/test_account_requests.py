"""« Demander un compte » from the sign-in page: the request reaches the staff who manage
accounts, never a robot's, and a flood gets a French 429."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.pages import assert_page_shows
from tests.public_forms import post_as_person

pytestmark = pytest.mark.django_db

REQUEST = {
    "name": "Léa Fabre",
    "email": "lea@centre-social.example.org",
    "structure": "Centre social du Diois",
    "reason": "Mettre à jour notre fiche.",
}


def test_the_sign_in_page_offers_to_ask_for_an_account(client):
    assert_page_shows(
        client.get(reverse("accounts:login")), f'href="{reverse("accounts:account_request")}"'
    )


def test_a_request_reaches_the_staff_who_manage_accounts(client, staff_user, moderator):
    response = post_as_person(client, reverse("accounts:account_request"), REQUEST)
    assert response["Location"] == reverse("accounts:login")
    assert_page_shows(client.get(response["Location"]), "votre demande est transmise")
    (sent,) = mail.outbox
    assert sent.to == [staff_user.email]
    assert "Léa Fabre" in sent.subject
    for value in REQUEST.values():
        assert value in sent.body


def test_a_missing_field_is_said_and_nothing_typed_is_lost(client, staff_user):
    response = post_as_person(
        client, reverse("accounts:account_request"), {**REQUEST, "structure": ""}
    )
    assert_page_shows(response, "Ce champ est obligatoire", "Mettre à jour notre fiche.")
    assert mail.outbox == []


def test_a_robots_request_is_answered_as_sent_and_dropped(client, staff_user):
    response = post_as_person(
        client, reverse("accounts:account_request"), {**REQUEST, "website": "x"}
    )
    assert response["Location"] == reverse("accounts:login")
    assert mail.outbox == []


def test_the_sixth_request_in_an_hour_is_refused_in_french(client, staff_user):
    for _ in range(5):
        post_as_person(client, reverse("accounts:account_request"), REQUEST)
    response = post_as_person(client, reverse("accounts:account_request"), REQUEST)
    assert_page_shows(response, "Trop d’envois", "Léa Fabre", status=429)
    assert len(mail.outbox) == 5


def test_a_signed_in_person_is_sent_home(client, member):
    client.force_login(member)
    assert client.get(reverse("accounts:account_request"))["Location"] == reverse("home")
