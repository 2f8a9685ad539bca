"""Signing in by username or e-mail address (one lockout for both), the way back after
signing in, and password reset requests throttled without telling which accounts exist."""

import re

import pytest
from axes.models import AccessAttempt
from django.core import mail
from django.urls import reverse

from tests.pages import assert_page_shows

pytestmark = pytest.mark.django_db

GENERIC_ERROR = "Identifiant ou mot de passe incorrect"


def _sign_in(client, identifier, password="motdepasse-test"):
    return client.post(reverse("accounts:login"), {"username": identifier, "password": password})


def _signed_in_as(client):
    return client.get(reverse("home")).context["user"]


@pytest.mark.parametrize(
    "identifier", ["membre@example.org", "Membre@Example.ORG", " membre@example.org "]
)
def test_the_email_address_signs_in_in_any_case(client, member, identifier):
    response = _sign_in(client, identifier)
    assert response.status_code == 302
    assert _signed_in_as(client) == member


def test_the_username_still_signs_in_and_the_email_needs_the_right_password(client, member):
    assert_page_shows(_sign_in(client, "membre@example.org", "mauvais"), GENERIC_ERROR)
    assert not _signed_in_as(client).is_authenticated
    assert _sign_in(client, "membre").status_code == 302
    assert _signed_in_as(client) == member


def test_an_address_two_accounts_share_is_refused_with_the_generic_message(
    client, django_user_model, member
):
    django_user_model.objects.create_user("jumeau", "MEMBRE@example.org", "motdepasse-test")
    assert_page_shows(_sign_in(client, "membre@example.org"), GENERIC_ERROR)
    assert_page_shows(_sign_in(client, "inconnu@example.org"), GENERIC_ERROR)
    assert not _signed_in_as(client).is_authenticated


def test_failures_by_username_and_by_email_lock_the_same_account(client, member):
    for identifier in ["membre", "membre@example.org", "MEMBRE@example.org", "membre", "membre"]:
        _sign_in(client, identifier, "non")
    assert list(AccessAttempt.objects.values_list("username", flat=True)) == ["membre"]
    for identifier in ["membre", "Membre@Example.org"]:
        assert_page_shows(_sign_in(client, identifier), "Trop de tentatives", status=429)
    assert not _signed_in_as(client).is_authenticated


def test_five_failures_by_email_lock_the_username_too(client, member):
    for _ in range(5):
        _sign_in(client, "membre@example.org", "non")
    assert_page_shows(_sign_in(client, "membre"), "Trop de tentatives", status=429)


def test_a_signed_in_person_sent_to_the_sign_in_page_goes_home_not_in_a_loop(client, member):
    client.force_login(member)
    login = reverse("accounts:login")
    for next_url in [login, f"{login}?next={login}", f"http://testserver{login}"]:
        response = client.get(login, {"next": next_url})
        assert response.status_code == 302, next_url
        assert response["Location"] == reverse("home")
    response = client.get(login, {"next": reverse("actors:actor_list")})
    assert response["Location"] == reverse("actors:actor_list")


def _ask_reset(client, email, ip="192.0.2.1"):
    return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=ip)


def test_password_reset_requests_for_one_address_are_throttled(client, member, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        assert _ask_reset(client, member.email).status_code == 302
    sent = len(mail.outbox)
    response = _ask_reset(client, member.email.upper(), ip="192.0.2.2")
    assert_page_shows(response, "Trop de demandes de nouveau mot de passe", status=429)
    assert len(mail.outbox) == sent
    # Another address is still served.
    assert _ask_reset(client, "autre@example.org", ip="192.0.2.2").status_code == 302


def test_password_reset_requests_from_one_ip_are_throttled(client, member, settings):
    limit = settings.PASSWORD_RESET_LIMIT_PER_IP
    answers = [_ask_reset(client, f"personne{n}@example.org").status_code for n in range(limit)]
    assert answers == [302] * limit
    response = _ask_reset(client, member.email)
    assert_page_shows(response, "Trop de demandes de nouveau mot de passe", status=429)
    assert mail.outbox == []
    assert _ask_reset(client, member.email, ip="198.51.100.7").status_code == 302


def test_a_throttled_answer_does_not_tell_whether_the_account_exists(client, member, settings):
    for _ in range(settings.PASSWORD_RESET_LIMIT_PER_EMAIL):
        _ask_reset(client, member.email)
        _ask_reset(client, "personne@example.org")
    known = _ask_reset(client, member.email)
    unknown = _ask_reset(client, "personne@example.org")
    assert known.status_code == unknown.status_code == 429
    assert _without(known, member.email) == _without(unknown, "personne@example.org")


def _without(response, email):
    """The page without the address typed and the CSRF token (new on every page)."""
    content = response.content.decode().replace(email, "")
    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]*"', "", content)
