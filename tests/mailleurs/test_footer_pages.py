"""The footer of every page links to the accessibility statement, the legal notice, the personal
data page and the contact form; each says what a public-service directory must say."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from tests.actors.factories import ActorFactory
from tests.pages import assert_page_shows
from tests.public_forms import post_as_person

pytestmark = pytest.mark.django_db

FOOTER_PAGES = ["pages:accessibility", "pages:legal_notice", "pages:personal_data", "pages:contact"]


def _footer(content: str) -> str:
    return content[content.index('<footer class="site-footer">') :]


@pytest.mark.parametrize("name", FOOTER_PAGES)
def test_each_footer_page_opens_for_a_visitor(client, name):
    assert client.get(reverse(name)).status_code == 200


def test_every_kind_of_page_links_to_the_footer_pages(client):
    pages = [
        reverse("home"),
        reverse("actors:actor_list"),
        ActorFactory().get_absolute_url(),
        reverse("accounts:login"),
        reverse("pages:contact"),
    ]
    for url in pages:
        footer = _footer(client.get(url).content.decode())
        for name in FOOTER_PAGES:
            assert f'href="{reverse(name)}"' in footer, (url, name)
    not_found = client.get("/nulle-part/")
    assert not_found.status_code == 404
    assert f'href="{reverse("pages:accessibility")}"' in _footer(not_found.content.decode())


def test_the_statement_says_what_is_checked_how_and_when(client):
    content = assert_page_shows(
        client.get(reverse("pages:accessibility")),
        "Déclaration d’accessibilité",
        "partiellement conforme",
        "axe-core",
        "390 × 844",
        "clavier",
        "OpenStreetMap",
        "Défenseur des droits",
        "établie le 2 décembre 2026",
    )
    assert f'href="{reverse("pages:contact")}"' in content


def test_the_publisher_and_the_address_come_from_the_settings(client, settings):
    settings.SITE_PUBLISHER = "Fédération des centres sociaux de la Drôme"
    settings.SITE_CONTACT_EMAIL = "donnees@federation.example.org"
    for name in ("pages:legal_notice", "pages:personal_data"):
        assert_page_shows(
            client.get(reverse(name)),
            "Fédération des centres sociaux de la Drôme",
            "mailto:donnees@federation.example.org",
        )


def test_the_personal_data_page_says_what_is_kept_who_sees_it_and_how_to_remove_it(client):
    assert_page_shows(
        client.get(reverse("pages:personal_data")),
        "historique des modifications",
        "réponses à la grille",
        "réservé au réseau",
        "Durée",
        "supprimer",
        "CNIL",
    )


MESSAGE = {"name": "Camille Martin", "email": "camille@example.org", "message": "Bonjour !"}


def test_a_visitor_writes_to_the_team(client, settings):
    settings.SITE_CONTACT_EMAIL = "equipe@mailleurs.example.org"
    response = post_as_person(client, reverse("pages:contact"), MESSAGE)
    assert response.status_code == 302
    assert_page_shows(client.get(response["Location"]), "votre message est envoyé")
    (sent,) = mail.outbox
    assert sent.to == ["equipe@mailleurs.example.org"]
    assert "Camille Martin" in sent.subject
    assert "camille@example.org" in sent.body and "Bonjour !" in sent.body


def test_a_wrong_address_is_said_next_to_the_field_and_the_message_is_kept(client):
    response = post_as_person(client, reverse("pages:contact"), {**MESSAGE, "email": "camille"})
    content = assert_page_shows(response, "Saisissez une adresse de courriel valide", "Bonjour !")
    assert re.search(r'class="field-error"', content)
    assert mail.outbox == []


@pytest.mark.parametrize(
    "trap",
    [{"website": "http://spam.example"}, {"shown_at": "forge"}],
    ids=["hidden field filled", "no token"],
)
def test_a_robot_is_answered_as_if_sent_and_nothing_goes_out(client, trap):
    response = post_as_person(client, reverse("pages:contact"), {**MESSAGE, **trap})
    assert response.status_code == 302
    assert_page_shows(client.get(response["Location"]), "votre message est envoyé")
    assert mail.outbox == []


def test_a_form_sent_within_a_second_of_being_shown_is_a_robots(client):
    post_as_person(client, reverse("pages:contact"), MESSAGE, seconds_ago=0)
    assert mail.outbox == []


def test_the_sixth_message_in_an_hour_is_refused_in_french_and_kept(client):
    for _ in range(5):
        assert post_as_person(client, reverse("pages:contact"), MESSAGE).status_code == 302
    response = post_as_person(client, reverse("pages:contact"), MESSAGE)
    assert_page_shows(response, "Trop d’envois", "Bonjour !", status=429)
    assert len(mail.outbox) == 5
    other_ip = post_as_person(client, reverse("pages:contact"), MESSAGE, ip="192.0.2.99")
    assert other_ip.status_code == 302


def test_a_form_left_open_for_days_asks_to_send_again_and_keeps_the_message(client):
    three_days = 3 * 24 * 3600
    response = post_as_person(client, reverse("pages:contact"), MESSAGE, seconds_ago=three_days)
    assert_page_shows(response, "ouvert depuis trop longtemps", "Bonjour !", "Camille Martin")
    assert mail.outbox == []
    token = re.search(r'name="shown_at" value="([^"]+)"', response.content.decode()).group(1)
    assert post_as_person(client, reverse("pages:contact"), {**MESSAGE, "shown_at": token})
    # Sent at once with the new token: taken for a robot, as any form sent within a second.
    assert mail.outbox == []


def test_people_do_not_see_the_field_robots_fill(client):
    content = client.get(reverse("pages:contact")).content.decode()
    hidden_block = re.search(r"<div hidden>(.*?)</div>\s*</div>", content, re.S).group(1)
    assert 'name="website"' in hidden_block
    assert 'tabindex="-1"' in hidden_block
