"""What a moderator sees before accepting a member's proposal, what the history keeps of it,
and what the conflict page shows: every real change (contacts included), words highlighted."""

import pytest
from django.urls import reverse

from actors.models import ActorProposal, Contact
from tests.actors.factories import ActorFactory, ContactFactory, EpciFactory
from tests.actors.fiche_data import browser_edit_data
from tests.pages import table_rows

pytestmark = pytest.mark.django_db

PITCH = "Accueil et animation pour les familles du Diois."


@pytest.fixture
def fiche(world):
    actor = ActorFactory(
        name="Centre social du Diois",
        pitch=PITCH,
        description="Un lieu ouvert.\nDes ateliers chaque semaine.",
        commune=world["die"],
        actor_type=world["type"],
        spheres=[world["sphere"]],
    )
    actor.intervention_territories.set([EpciFactory()])
    ContactFactory(
        actor=actor, name="Camille Martin", email="camille@example.org", phone="04 75 22 00 00"
    )
    ContactFactory(actor=actor, name="Dominique Roux", email="dominique@example.org")
    return actor


def _propose(client, member, world, actor, **changes):
    client.force_login(member)
    response = client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        browser_edit_data(world, actor, **changes),
    )
    assert response.status_code == 302
    return ActorProposal.objects.get()


CONTACT_SWAP = {
    "pitch": "Accueil et animation pour les habitants du Diois.",
    "contacts-0-email": "attaquant@evil.example",
    "contacts-0-phone": "06 66 66 66 66",
    "contacts-1-DELETE": "on",
    "contacts-TOTAL_FORMS": "3",
    "contacts-2-name": "Alex Nouveau",
    "contacts-2-email": "alex@example.org",
    "contacts-2-visibility": "public",
}


def test_review_shows_each_contact_field_a_proposal_adds_changes_or_removes(
    client, member, moderator, world, fiche
):
    proposal = _propose(client, member, world, fiche, **CONTACT_SWAP)
    client.force_login(moderator)
    response = client.get(reverse("actors:proposal", kwargs={"pk": proposal.pk}))

    rows = {row[0]: row[1:] for row in table_rows(response.content.decode())}
    assert rows["Contact « Camille Martin » — courriel"] == [
        "camille@example.org",
        "attaquant@evil.example",
    ]
    assert rows["Contact « Camille Martin » — téléphone"] == ["04 75 22 00 00", "06 66 66 66 66"]
    assert rows["Contact supprimé « Dominique Roux » — courriel"] == [
        "dominique@example.org",
        "—",
    ]
    assert rows["Nouveau contact « Alex Nouveau » — nom"] == ["—", "Alex Nouveau"]
    assert rows["Nouveau contact « Alex Nouveau » — courriel"] == ["—", "alex@example.org"]
    # Fields of the changed contact that stay the same are not listed.
    assert "Contact « Camille Martin » — nom" not in rows


def test_accepted_proposal_is_credited_to_its_author_with_its_contacts_in_the_history(
    client, member, moderator, world, fiche
):
    proposal = _propose(client, member, world, fiche, **CONTACT_SWAP)
    client.force_login(moderator)
    client.post(reverse("actors:proposal", kwargs={"pk": proposal.pk}), {"decision": "accepter"})
    assert Contact.objects.get(name="Camille Martin").email == "attaquant@evil.example"

    response = client.get(reverse("actors:actor_history", kwargs={"slug": fiche.slug}))
    latest = response.context["versions"][0]
    assert latest.user == member
    assert latest.reason == "Proposition de membre acceptée par moderateur"
    content = response.content.decode()
    assert "Proposition de membre acceptée par moderateur" in content
    rows = {row[0]: row[1:] for row in table_rows(content)}
    assert rows["En une phrase"] == [PITCH, "Accueil et animation pour les habitants du Diois."]
    assert rows["Contact « Camille Martin » — courriel"] == [
        "camille@example.org",
        "attaquant@evil.example",
    ]
    assert rows["Contact supprimé « Dominique Roux » — nom"] == ["Dominique Roux", "—"]
    assert rows["Nouveau contact « Alex Nouveau » — courriel"] == ["—", "alex@example.org"]
    contact_versions = Contact.history.filter(name="Camille Martin").order_by("-history_date")
    assert contact_versions.first().history_user == member


def test_review_lists_only_real_changes_with_the_changed_words_marked(
    client, member, moderator, world, fiche
):
    proposal = _propose(
        client, member, world, fiche, pitch="Accueil et animation pour les <b>habitants</b>."
    )
    client.force_login(moderator)
    response = client.get(reverse("actors:proposal", kwargs={"pk": proposal.pk}))
    content = response.content.decode()

    labels = [row[0] for row in table_rows(content)[1:]]
    assert labels == ["En une phrase"]  # not the commune, territories or description
    assert "<del>familles du Diois.</del>" in content
    assert "<ins>&lt;b&gt;habitants&lt;/b&gt;.</ins>" in content
    assert "<b>habitants" not in content


def test_conflict_page_lists_only_real_changes_with_the_changed_words_marked(
    client, moderator, world, fiche
):
    client.force_login(moderator)
    url = reverse("actors:actor_edit", kwargs={"slug": fiche.slug})
    opened = browser_edit_data(world, fiche)
    client.post(url, {**opened, "missions": "Accueil de jour."})
    response = client.post(
        url, {**opened, "pitch": "Accueil et animation pour les habitants du Diois."}
    )

    assert response.status_code == 409
    content = response.content.decode()
    rows = {row[0]: row[1:] for row in table_rows(content)[1:]}
    assert list(rows) == ["En une phrase", "Missions"]
    assert rows["Missions"] == ["Accueil de jour.", "—"]
    assert "<del>familles</del>" in content
    assert "<ins>habitants</ins>" in content


def test_accepting_a_review_the_fiche_has_moved_on_from_publishes_nothing(
    client, member, moderator, world, fiche
):
    proposal = _propose(client, member, world, fiche, **CONTACT_SWAP)
    client.force_login(moderator)
    url = reverse("actors:proposal", kwargs={"pk": proposal.pk})
    reviewed = client.get(url).content.decode()
    edit = reverse("actors:actor_edit", kwargs={"slug": fiche.slug})
    client.post(edit, browser_edit_data(world, fiche, missions="Accueil de jour."))

    response = client.post(url, {"decision": "accepter", "version": "1"})

    assert response.status_code == 400
    assert "La fiche a changé pendant votre relecture" in response.content.decode()
    proposal.refresh_from_db()
    assert proposal.status == "pending"
    assert Contact.objects.get(name="Camille Martin").email == "camille@example.org"
    assert 'name="version" value="1"' in reviewed  # what the review page sends back


@pytest.mark.parametrize("decision", ["accept", "reject"])
def test_a_proposal_decided_meanwhile_by_another_moderator_is_not_decided_twice(
    moderator, django_user_model, decision
):
    from django.core import mail

    from actors.fiches import services

    author = django_user_model.objects.create_user("auteur", "auteur@example.org", "x-1-y-2")
    actor = ActorFactory(pitch="Avant")
    proposal = ActorProposal.objects.create(
        actor=actor, author=author, data={}, base_version=actor.version
    )
    ActorProposal.objects.filter(pk=proposal.pk).update(status=ActorProposal.Status.REJECTED)
    with pytest.raises(services.AlreadyDecided):
        if decision == "accept":
            data = services.FicheData(fields={"pitch": "Après"})
            services.proposal_accept(proposal=proposal, reviewer=moderator, data=data)
        else:
            services.proposal_reject(proposal=proposal, reviewer=moderator, comment="Non")
    actor.refresh_from_db()
    assert actor.pitch == "Avant"
    assert not mail.outbox
