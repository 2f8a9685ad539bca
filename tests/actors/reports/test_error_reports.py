"""« Signaler une erreur » on every fiche: a visitor tells the moderators, who get the fiche's
name and link; robots get nothing through, and floods a French 429."""

import pytest
from django.core import mail
from django.urls import reverse

from tests.actors.factories import ActorFactory
from tests.pages import assert_page_shows
from tests.public_forms import post_as_person

pytestmark = pytest.mark.django_db

REPORT = {"message": "Le téléphone a changé : 04 75 00 00 00.", "email": "lea@example.org"}


def _report_url(actor):
    return reverse("actors:actor_report", kwargs={"slug": actor.slug})


def test_every_fiche_offers_to_report_an_error_to_visitors(client):
    actor = ActorFactory()
    assert_page_shows(client.get(actor.get_absolute_url()), f'href="{_report_url(actor)}"')
    assert_page_shows(client.get(_report_url(actor)), actor.name, "Votre courriel (facultatif)")


def test_a_visitors_report_reaches_the_moderators_with_the_fiche(client, moderator, member):
    actor = ActorFactory(name="Centre social du Diois")
    response = post_as_person(client, _report_url(actor), REPORT)
    assert response["Location"] == actor.get_absolute_url()
    assert_page_shows(client.get(response["Location"]), "votre signalement est transmis")
    (sent,) = mail.outbox
    assert sent.to == [moderator.email]
    assert "Centre social du Diois" in sent.subject
    assert f"http://testserver{actor.get_absolute_url()}" in sent.body
    assert REPORT["message"] in sent.body and "lea@example.org" in sent.body


def test_the_email_is_optional_and_the_message_is_not(client, moderator):
    actor = ActorFactory()
    assert post_as_person(client, _report_url(actor), {"message": "Fermé."}).status_code == 302
    assert "pas laissé de courriel" in mail.outbox[0].body
    response = post_as_person(client, _report_url(actor), {"email": "lea@example.org"})
    assert_page_shows(response, "Ce champ est obligatoire", "lea@example.org")
    assert len(mail.outbox) == 1


def test_a_filled_hidden_field_sends_nothing_and_says_nothing(client, moderator):
    actor = ActorFactory()
    response = post_as_person(client, _report_url(actor), {**REPORT, "website": "spam"})
    assert response["Location"] == actor.get_absolute_url()
    assert_page_shows(client.get(response["Location"]), "votre signalement est transmis")
    assert mail.outbox == []


def test_the_sixth_report_from_one_address_in_an_hour_is_refused_in_french(client, moderator):
    actors = ActorFactory.create_batch(2)
    for index in range(5):
        post_as_person(client, _report_url(actors[index % 2]), REPORT)
    response = post_as_person(client, _report_url(actors[0]), REPORT)
    assert_page_shows(response, "Trop d’envois", REPORT["message"], status=429)
    assert len(mail.outbox) == 5


def test_one_fiche_takes_a_limited_number_of_reports_from_everywhere(client, moderator, settings):
    settings.ERROR_REPORT_LIMIT_PER_FICHE = 2
    actor, other = ActorFactory.create_batch(2)
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert post_as_person(client, _report_url(actor), REPORT, ip=ip).status_code == 302
    refused = post_as_person(client, _report_url(actor), REPORT, ip="192.0.2.3")
    assert refused.status_code == 429
    assert post_as_person(client, _report_url(other), REPORT, ip="192.0.2.4").status_code == 302


def test_an_unpublished_fiche_cannot_be_reported_by_a_visitor(client):
    assert client.get(_report_url(ActorFactory(status="draft"))).status_code == 404
