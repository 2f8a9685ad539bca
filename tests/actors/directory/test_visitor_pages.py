"""A visitor's directory page is kept until the directory changes: the same search asked
again is read back whole, and any change shows at once."""

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from tests.actors.factories import ActorFactory

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


@pytest.fixture(autouse=True)
def _pages_kept(settings):
    settings.DIRECTORY_PAGE_SECONDS = 3600


def test_the_same_search_again_is_read_back_without_a_query(
    client, sample, django_assert_num_queries
):
    first = client.get(URL, {"q": "garage"})
    with django_assert_num_queries(0):
        again = client.get(URL, {"q": "garage"})
    assert again.status_code == 200
    assert again.content == first.content
    assert "Garage solidaire" in again.content.decode()
    vary = {part.strip().lower() for part in again["Vary"].split(",")}
    assert "hx-request" in vary


def test_a_new_fiche_shows_at_once_in_a_page_already_seen(client, sample):
    assert "Garage associatif" not in client.get(URL, {"q": "garage"}).content.decode()
    ActorFactory(name="Garage associatif", commune=sample["die"])
    assert "Garage associatif" in client.get(URL, {"q": "garage"}).content.decode()


def test_the_page_and_its_fragment_are_kept_apart(client, sample):
    client.get(URL, {"q": "garage"})
    fragment = client.get(URL, {"q": "garage"}, headers={"HX-Request": "true"})
    page = client.get(URL, {"q": "garage"})
    assert "<html" not in fragment.content.decode()
    assert "<html" in page.content.decode()


def test_a_signed_in_member_never_gets_a_visitor_s_page(client, sample, member):
    client.get(URL, {"q": "garage"})
    client.force_login(member)
    page = client.get(URL, {"q": "garage"}).content.decode()
    assert "Se déconnecter" in page and member.username in page


def test_a_page_with_a_message_to_show_is_built_and_shows_it(client, sample):
    response = client.get(URL, {"q": "garage"})  # kept
    # What a form leaves for the next page, as the messages' cookie.
    storage = get_messages(response.wsgi_request)
    storage.add(25, "Merci, votre signalement a bien été envoyé.")
    storage.update(response)
    client.cookies.update(response.cookies)
    shown = client.get(URL, {"q": "garage"}).content.decode()
    assert "Merci, votre signalement a bien été envoyé." in shown


def test_a_refused_search_is_not_kept(client, sample):
    assert client.get(URL, {"tri": "n'importe"}).status_code == 400
    assert client.get(URL, {"tri": "n'importe"}).context is not None
