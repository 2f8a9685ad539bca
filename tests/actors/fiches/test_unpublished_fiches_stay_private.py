"""A draft or a fiche waiting for review is seen by its author and the moderators only: no
other page, warning, message or suggestion gives away its name, address or SIRET."""

import pytest
from django.urls import reverse

from actors.models import Actor, PublicationStatus, Relation
from tests.actors.factories import ActorFactory
from tests.actors.fiche_data import form_data

pytestmark = pytest.mark.django_db

SIRET = "73282932000074"


@pytest.fixture
def someone_elses_draft(world, django_user_model):
    author = django_user_model.objects.create_user("autrice", "autrice@example.org", "x-1-y-2")
    return ActorFactory(
        name="Maison des familles Zorglub",
        slug="maison-des-familles-zorglub",
        commune=world["die"],
        siret=SIRET,
        status=PublicationStatus.DRAFT,
        created_by=author,
    )


def test_the_duplicate_warning_leaves_out_other_peoples_drafts(client, member, world,
                                                               someone_elses_draft):  # fmt: skip
    client.force_login(member)
    response = client.post(
        reverse("actors:actor_create"), form_data(world, name="Maison des familles Zorglub")
    )
    assert "maison-des-familles-zorglub" not in response.content.decode()
    assert Actor.objects.filter(created_by=member).exists()


def test_reusing_a_drafts_siret_gets_a_french_message_that_names_nothing(
    client, member, world, someone_elses_draft
):
    client.force_login(member)
    response = client.post(
        reverse("actors:actor_create"), form_data(world, name="Autre structure", siret=SIRET)
    )
    content = response.content.decode()
    assert response.status_code == 400
    assert "Une autre fiche porte déjà ce SIRET" in content
    assert "actor_unique_siret" not in content
    assert "Zorglub" not in content


def test_a_draft_cannot_be_named_as_the_target_of_a_relation(client, member, world,
                                                             someone_elses_draft):  # fmt: skip
    own = ActorFactory(name="Mon brouillon", status=PublicationStatus.DRAFT, created_by=member)
    client.force_login(member)
    response = client.post(
        reverse("actors:actor_links", args=[own.slug]),
        {
            "relations-TOTAL_FORMS": "1", "relations-INITIAL_FORMS": "0",
            "relations-0-kind": Relation.Kind.PARTENARIAT,
            "relations-0-target": someone_elses_draft.slug,
            "participations-TOTAL_FORMS": "0", "participations-INITIAL_FORMS": "0",
        },
    )  # fmt: skip
    assert response.status_code == 400
    assert "Acteur inconnu" in response.content.decode()
    assert "Zorglub" not in response.content.decode()
    assert not Relation.objects.exists()


@pytest.mark.parametrize("role", ["visitor", "member"])
def test_did_you_mean_never_offers_a_word_found_only_in_unpublished_fiches(
    client, member, someone_elses_draft, role
):
    ActorFactory(name="Centre social de Die")
    if role == "member":
        client.force_login(member)
    response = client.get(reverse("actors:actor_list"), {"q": "zorglu"})
    assert "zorglub" not in response.content.decode().lower()
