import pytest
from django.urls import reverse

from actors.models import Actor
from tests.actors.factories import ActorFactory, ActorTypeFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_history_shows_who_changed_which_field_with_old_and_new_values(client, member):
    actor = ActorFactory(name="Centre social du Diois", pitch="Ancienne présentation")
    client.force_login(member)
    # A change made through a request is signed by its user (simple-history middleware).
    actor.pitch = "Nouvelle présentation"
    actor.actor_type = ActorTypeFactory(name="Espace de vie sociale")
    actor._history_user = member
    actor.save()

    response = client.get(reverse("actors:actor_history", kwargs={"slug": actor.slug}))
    content = response.content.decode()
    assert response.status_code == 200
    versions = response.context["versions"]
    assert [v.kind for v in versions] == ["Modification", "Création"]
    changes = {c.label: (c.old, c.new) for c in versions[0].changes}
    assert changes["en une phrase"] == ("Ancienne présentation", "Nouvelle présentation")
    assert changes["type"][1] == "Espace de vie sociale"
    assert "membre" in content


def test_history_needs_an_account(client):
    actor = ActorFactory()
    response = client.get(reverse("actors:actor_history", kwargs={"slug": actor.slug}))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_history_of_an_unknown_or_hidden_fiche_is_not_found(client, member):
    client.force_login(member)
    draft = ActorFactory(status="draft")
    for slug in ("inconnue", draft.slug):
        response = client.get(reverse("actors:actor_history", kwargs={"slug": slug}))
        assert response.status_code == 404


def test_fiche_links_to_its_history_for_signed_in_users(client, member):
    actor = ActorFactory()
    history_url = reverse("actors:actor_history", kwargs={"slug": actor.slug})
    assert history_url not in client.get(actor.get_absolute_url()).content.decode()
    client.force_login(member)
    assert history_url in client.get(actor.get_absolute_url()).content.decode()


def test_history_shows_changed_themes_and_a_restore_brings_them_back(client, moderator):
    food, health = ThemeFactory(name="Alimentation"), ThemeFactory(name="Santé")
    actor = ActorFactory(themes=[food])
    actor.save()  # a first version holding the themes
    first = actor.history.first()
    actor.skip_history_when_saving = True
    actor.themes.set([health])
    del actor.skip_history_when_saving
    actor.version = 2
    actor.save()

    client.force_login(moderator)
    versions = client.get(reverse("actors:actor_history", args=[actor.slug])).context["versions"]
    changes = {c.label: (c.old, c.new) for c in versions[0].changes}
    assert changes["thèmes"] == ("Alimentation", "Santé")

    client.post(reverse("actors:actor_restore_version", args=[actor.slug, first.history_id]))
    assert [t.name for t in Actor.objects.get(pk=actor.pk).themes.all()] == ["Alimentation"]
