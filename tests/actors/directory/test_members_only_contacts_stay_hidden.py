"""Filters and facet counts see what the visitor may see: a métier borne only by members-only
contacts neither finds the fiche nor counts for visitors."""

import pytest
from django.urls import reverse

from actors.models import Contact
from tests.actors.factories import ActorFactory, ContactFactory, ProfessionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def leader_contact_for_members():
    profession = ProfessionFactory(name="Animateur LEADER", slug="animateur-leader")
    actor = ActorFactory(name="GAL du Diois")
    ContactFactory(actor=actor, profession=profession, visibility=Contact.Visibility.MEMBERS)
    ActorFactory(name="Centre social sans animateur")
    return actor


@pytest.mark.parametrize(("role", "found"), [("visitor", False), ("member", True)])
def test_profession_filter_and_counts_follow_contact_visibility(
    client, member, leader_contact_for_members, role, found
):
    if role == "member":
        client.force_login(member)
    response = client.get(reverse("actors:actor_list"), {"profession": "animateur-leader"})
    assert ("GAL du Diois" in response.content.decode()) is found
    everything = client.get(reverse("actors:actor_list"))
    assert ('value="animateur-leader"' in everything.content.decode()) is found
