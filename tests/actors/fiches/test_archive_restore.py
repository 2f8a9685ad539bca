"""Archiving and restoring lose nothing: rows and history are counted before and after."""

import pytest
from django.urls import reverse

from actors.models import Actor, Contact, Participation, Relation
from tests.actors.factories import (
    ActorFactory,
    ContactFactory,
    ParticipationFactory,
    RelationFactory,
)

pytestmark = pytest.mark.django_db


def _counts(actor):
    return {
        "actors": Actor.objects.count(),
        "contacts": Contact.objects.filter(actor=actor).count(),
        "relations": Relation.objects.filter(source=actor).count(),
        "participations": Participation.objects.filter(actor=actor).count(),
    }


def test_archiving_hides_the_fiche_and_keeps_every_row(client, moderator):
    actor = ActorFactory()
    ContactFactory(actor=actor)
    RelationFactory(source=actor)
    ParticipationFactory(actor=actor)
    before, history_before = _counts(actor), actor.history.count()
    client.force_login(moderator)

    client.post(reverse("actors:actor_archive", kwargs={"slug": actor.slug}))
    actor.refresh_from_db()
    assert actor.status == "archived"
    assert _counts(actor) == before
    assert actor.history.count() == history_before + 1
    client.logout()
    assert client.get(actor.get_absolute_url()).status_code == 404

    client.force_login(moderator)
    client.post(reverse("actors:actor_unarchive", kwargs={"slug": actor.slug}))
    actor.refresh_from_db()
    assert actor.status == "published"
    assert _counts(actor) == before


def test_moderator_restores_an_earlier_version(client, moderator):
    actor = ActorFactory(pitch="Première version")
    actor.pitch = "Deuxième version"
    actor.version = 2
    actor.save()
    first = actor.history.order_by("history_date").first()
    client.force_login(moderator)
    response = client.post(
        reverse(
            "actors:actor_restore_version",
            kwargs={"slug": actor.slug, "history_id": first.history_id},
        )
    )
    actor.refresh_from_db()
    assert response.status_code == 302
    assert actor.pitch == "Première version"
    assert actor.version == 3
    assert actor.history.count() == 3  # the restore is a version of its own
    assert actor.history.first().history_change_reason.startswith("Restauration")


def test_members_can_neither_archive_nor_restore(client, member):
    actor = ActorFactory()
    record = actor.history.first()
    client.force_login(member)
    assert (
        client.post(reverse("actors:actor_archive", kwargs={"slug": actor.slug})).status_code == 403
    )
    restore = reverse(
        "actors:actor_restore_version", kwargs={"slug": actor.slug, "history_id": record.history_id}
    )
    assert client.post(restore).status_code == 403
    actor.refresh_from_db()
    assert actor.status == "published"
