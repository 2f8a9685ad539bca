"""Editing fiches in the browser: review workflow, moderation, no lost update, permissions."""

import pytest
from django.core import mail
from django.urls import reverse

from actors.models import Actor, ActorProposal
from tests.actors.factories import ActorFactory, ContactFactory
from tests.actors.fiche_data import edit_data, form_data
from tests.pages import table_rows

pytestmark = pytest.mark.django_db


def test_new_member_creates_a_fiche_that_waits_for_review(client, member, world):
    client.force_login(member)
    response = client.post(reverse("actors:actor_create"), form_data(world))
    actor = Actor.objects.get(name="Centre social des Trois Rivières")
    assert response.status_code == 302
    assert actor.status == "review"
    assert actor.created_by == member
    assert (actor.latitude, actor.longitude) == (world["die"].latitude, world["die"].longitude)
    assert client.get(actor.get_absolute_url()).status_code == 200  # its author sees it
    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404


def test_moderator_creates_a_published_fiche(client, moderator, world):
    client.force_login(moderator)
    client.post(reverse("actors:actor_create"), form_data(world))
    assert Actor.objects.get().status == "published"


def test_member_change_to_a_published_fiche_waits_and_the_moderator_accepts_it(
    client, member, moderator, world
):
    actor = ActorFactory(
        name="Centre social du Diois", commune=world["die"], actor_type=world["type"]
    )
    client.force_login(member)
    response = client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Une nouvelle présentation"),
    )
    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.pitch != "Une nouvelle présentation"  # the published fiche stays as it was
    proposal = ActorProposal.objects.get()
    assert proposal.status == "pending"

    client.force_login(moderator)
    review = client.get(reverse("actors:proposal", kwargs={"pk": proposal.pk}))
    assert "Une nouvelle présentation" in review.content.decode()
    client.post(
        reverse("actors:proposal", kwargs={"pk": proposal.pk}),
        {"decision": "accepter", "commentaire": "Merci !"},
    )
    actor.refresh_from_db()
    assert actor.pitch == "Une nouvelle présentation"
    assert actor.version == 2
    assert mail.outbox[-1].to == [member.email]
    assert "acceptée" in mail.outbox[-1].body
    assert actor.history.count() == 2


def test_rejecting_needs_a_comment_and_tells_the_author(client, member, moderator, world):
    actor = ActorFactory(commune=world["die"], actor_type=world["type"])
    typed = edit_data(world, actor, pitch="x")
    proposal = ActorProposal.objects.create(
        actor=actor,
        author=member,
        data={
            key: value if isinstance(value, list) else [str(value)] for key, value in typed.items()
        },
        base_version=1,
    )
    client.force_login(moderator)
    url = reverse("actors:proposal", kwargs={"pk": proposal.pk})
    client.post(url, {"decision": "refuser", "commentaire": ""})
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    client.post(url, {"decision": "refuser", "commentaire": "Doublon d’une autre fiche."})
    proposal.refresh_from_db()
    assert proposal.status == "rejected"
    assert "Doublon d’une autre fiche." in mail.outbox[-1].body


def test_second_save_of_the_same_fiche_is_refused_and_the_first_is_kept(
    client, moderator, django_user_model, world
):
    other = django_user_model.objects.create_user("autre", "autre@example.org", "x")
    other.groups.set(moderator.groups.all())
    actor = ActorFactory(commune=world["die"], actor_type=world["type"])
    url = reverse("actors:actor_edit", kwargs={"slug": actor.slug})
    first, second = client, client.__class__()
    first.force_login(moderator)
    second.force_login(other)
    opened_by_both = edit_data(world, actor)

    first.post(url, {**opened_by_both, "pitch": "Version de la première personne"})
    response = second.post(url, {**opened_by_both, "pitch": "Version de la seconde personne"})

    actor.refresh_from_db()
    assert response.status_code == 409
    content = response.content.decode()
    assert "Quelqu’un a modifié cette fiche" in content
    rows = {row[0]: row[1:] for row in table_rows(content)}  # the current version, side by side
    assert rows["En une phrase"] == [
        "Version de la première personne",
        "Version de la seconde personne",
    ]
    assert 'value="Version de la seconde personne"' in content  # their typing is kept in the form
    assert actor.pitch == "Version de la première personne"
    assert actor.version == 2


def test_creating_a_likely_duplicate_shows_it_first(client, moderator, world):
    ActorFactory(name="Centre social des 3 Rivières", commune=world["die"])
    client.force_login(moderator)
    response = client.post(reverse("actors:actor_create"), form_data(world))
    assert "Cette structure existe peut-être déjà" in response.content.decode()
    assert Actor.objects.count() == 1
    client.post(reverse("actors:actor_create"), {**form_data(world), "confirmer_doublon": "oui"})
    assert Actor.objects.count() == 2


def test_bad_input_gets_french_messages_and_writes_nothing(client, moderator, world):
    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_create"),
        form_data(world, commune="Atlantide", siret="12345678901234", latitude="44.7"),
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Commune inconnue" in content
    assert "clé de contrôle" in content
    assert "latitude et la longitude" in content
    assert not Actor.objects.exists()


def test_contacts_are_edited_with_the_fiche(client, moderator, world):
    actor = ActorFactory(commune=world["die"], actor_type=world["type"])
    contact = ContactFactory(actor=actor, name="Camille Exemple")
    client.force_login(moderator)
    data = edit_data(world, actor, **{"contacts-0-role": "Directrice"})
    client.post(reverse("actors:actor_edit", kwargs={"slug": actor.slug}), data)
    contact.refresh_from_db()
    assert contact.role == "Directrice"


@pytest.mark.parametrize("url_name", ["actors:actor_create", "actors:moderation"])
def test_visitors_are_sent_to_sign_in(client, url_name):
    response = client.post(reverse(url_name))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


def test_members_cannot_moderate(client, member, world):
    actor = ActorFactory(status="review", commune=world["die"])
    proposal = ActorProposal.objects.create(actor=actor, author=member, data={}, base_version=1)
    client.force_login(member)
    assert client.get(reverse("actors:moderation")).status_code == 403
    assert (
        client.post(reverse("actors:actor_publish", kwargs={"slug": actor.slug})).status_code == 403
    )
    response = client.post(
        reverse("actors:proposal", kwargs={"pk": proposal.pk}), {"decision": "accepter"}
    )
    assert response.status_code == 403


def test_direct_post_by_visitor_to_edit_changes_nothing(client, world):
    actor = ActorFactory(commune=world["die"], actor_type=world["type"], pitch="Intacte")
    client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Vandalisme"),
    )
    actor.refresh_from_db()
    assert actor.pitch == "Intacte"


def test_script_payloads_in_free_text_are_inert_on_the_fiche(client, moderator, world):
    client.force_login(moderator)
    payload = "<script>alert(1)</script><img src=x onerror=alert(2)>[x](javascript:alert(3))"
    client.post(
        reverse("actors:actor_create"),
        form_data(world, name=payload[:150], pitch=payload, description=payload, missions=payload),
    )
    actor = Actor.objects.get()
    content = client.get(actor.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in content
    assert "<img src=x onerror" not in content
    assert 'href="javascript:' not in content


def test_commune_autocomplete_answers_in_json(client, world):
    response = client.get(reverse("actors:communes_autocomplete"), {"q": "di"})
    assert response.json()["resultats"][0]["cle"] == "26113"
    assert client.get(reverse("actors:communes_autocomplete"), {"q": "d"}).json() == {
        "resultats": []
    }


def test_a_member_keeps_a_draft_then_sends_it_for_review(client, world, member, moderator):
    client.force_login(member)
    page = client.get(reverse("actors:actor_create")).content.decode()
    assert "Enregistrer comme brouillon" in page
    client.post(reverse("actors:actor_create"), {**form_data(world), "brouillon": "oui"})
    actor = Actor.objects.get()
    assert actor.status == "draft"
    # Nobody else sees it, and it is not waiting for review.
    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404
    client.force_login(moderator)
    assert actor.name not in client.get(reverse("actors:moderation")).content.decode()
    # Its author edits it, still as a draft, then sends it.
    client.force_login(member)
    edit_url = reverse("actors:actor_edit", args=[actor.slug])
    assert "Envoyer en relecture" in client.get(edit_url).content.decode()
    client.post(
        edit_url, {**edit_data(world, actor, pitch="Encore en chantier"), "brouillon": "oui"}
    )
    actor.refresh_from_db()
    assert (actor.status, actor.pitch) == ("draft", "Encore en chantier")
    response = client.post(edit_url, edit_data(world, actor, pitch="Prête"), follow=True)
    actor.refresh_from_db()
    assert (actor.status, actor.pitch) == ("review", "Prête")
    assert "après relecture" in response.content.decode()
    client.force_login(moderator)
    assert actor.name in client.get(reverse("actors:moderation")).content.decode()


def test_staff_publish_their_draft_when_it_is_ready(client, world, staff_user):
    client.force_login(staff_user)
    client.post(reverse("actors:actor_create"), {**form_data(world), "brouillon": "oui"})
    actor = Actor.objects.get()
    assert actor.status == "draft"
    client.post(reverse("actors:actor_edit", args=[actor.slug]), edit_data(world, actor))
    actor.refresh_from_db()
    assert actor.status == "published"


def test_a_forged_number_of_contacts_builds_a_bounded_number_of_forms(client, moderator, world):
    client.force_login(moderator)
    data = form_data(world, **{"contacts-TOTAL_FORMS": "9" * 20})
    response = client.post(reverse("actors:actor_create"), data)
    assert response.status_code == 400
    assert "au plus 30 formulaires" in response.content.decode()
    assert len(response.context["contacts"].forms) <= 40
    assert not Actor.objects.exists()
