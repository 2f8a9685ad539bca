"""The moderation queue: each button says which fiche it acts on, and a new fiche can be
refused with a comment (back to draft, its author told by e-mail, the refusal in its history)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from actors.models import Actor
from tests.actors.factories import ActorFactory

pytestmark = pytest.mark.django_db


def _button_names(content: str) -> list[str]:
    """Each button's accessible name: its text, the visually hidden part included."""
    buttons = re.findall(r"<button[^>]*>(.*?)</button>", content, flags=re.S)
    return [" ".join(re.sub(r"<[^>]+>", "", b).split()) for b in buttons]


@pytest.fixture
def new_fiche(member, world):
    return ActorFactory(
        name="Centre social de Die", status="review", created_by=member, commune=world["die"]
    )


def test_each_button_names_the_fiche_it_acts_on(client, moderator, new_fiche):
    ActorFactory(name="Foyer rural d’Aucelon", status="archived")
    client.force_login(moderator)
    names = _button_names(client.get(reverse("actors:moderation")).content.decode())
    assert "Publier la fiche Centre social de Die" in names
    assert "Refuser la fiche Centre social de Die" in names
    assert "Sortir des archives la fiche Foyer rural d’Aucelon" in names
    assert "Publier" not in names  # no anonymous button


def test_a_refused_fiche_goes_back_to_draft_and_its_author_is_told_why(
    client, moderator, member, new_fiche
):
    client.force_login(moderator)
    comment = "Ajoutez les horaires d’accueil et un contact."
    response = client.post(
        reverse("actors:actor_refuse", kwargs={"slug": new_fiche.slug}), {"commentaire": comment}
    )
    assert response.status_code == 302
    new_fiche.refresh_from_db()
    assert new_fiche.status == "draft"
    message = mail.outbox[-1]
    assert message.to == [member.email]
    assert "Centre social de Die" in message.subject
    assert comment in message.body
    assert reverse("actors:actor_edit", kwargs={"slug": new_fiche.slug}) in message.body
    history = client.get(reverse("actors:actor_history", kwargs={"slug": new_fiche.slug}))
    assert "Refusée : Ajoutez les horaires d’accueil" in history.content.decode()
    queue = client.get(reverse("actors:moderation")).content.decode()
    assert "Refuser la fiche Centre social de Die" not in _button_names(queue)


def test_refusing_without_a_comment_says_so_next_to_the_field(client, moderator, new_fiche):
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_refuse", kwargs={"slug": new_fiche.slug}), {"commentaire": "  "}
    )
    assert response.status_code == 400
    content = response.content.decode()
    field_id = f"refus-{new_fiche.pk}"
    assert f'aria-describedby="{field_id}-erreur"' in content
    assert re.search(rf'id="{field_id}-erreur"[^>]*>Dites en quelques mots', content)
    new_fiche.refresh_from_db()
    assert new_fiche.status == "review"
    assert not mail.outbox


def test_a_fiche_already_published_is_not_refused(client, moderator, new_fiche):
    Actor.objects.filter(pk=new_fiche.pk).update(status="published")
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_refuse", kwargs={"slug": new_fiche.slug}),
        {"commentaire": "Non"},
        follow=True,
    )
    assert "n’attend plus de relecture" in response.content.decode()
    new_fiche.refresh_from_db()
    assert new_fiche.status == "published"
    assert not mail.outbox
