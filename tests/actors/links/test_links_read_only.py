"""A member who may not change a fiche's links reads them as lists, with who to ask: no form
that looks editable and has no button."""

import pytest
from django.urls import reverse

from actors.models import StructureMembership
from tests.actors.factories import ActorFactory, ParticipationFactory, RelationFactory

pytestmark = pytest.mark.django_db


def test_a_plain_member_reads_the_links_with_who_to_ask(client, member, moderator):
    actor = ActorFactory(name="Centre social de Die")
    RelationFactory(source=actor, target=ActorFactory(name="CAF de la Drôme"), kind="finance")
    participation = ParticipationFactory(actor=actor)
    StructureMembership.objects.create(
        actor=actor, user=moderator, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    client.force_login(member)
    response = client.get(reverse("actors:actor_links", kwargs={"slug": actor.slug}))
    assert response.status_code == 200
    content = response.content.decode()
    main = content.split("<main", 1)[1].split("</main>", 1)[0]
    assert not any(tag in main for tag in ("<form", "<input", "<textarea", "<select"))
    assert "CAF de la Drôme" in content
    assert str(participation.local_scheme) in content
    assert "Gestionnaires de cette fiche" in content and moderator.get_username() in content
    assert reverse("actors:actor_edit", kwargs={"slug": actor.slug}) in content
    assert reverse("actors:actor_report", kwargs={"slug": actor.slug}) in content


def test_a_manager_still_gets_the_form(client, member):
    actor = ActorFactory()
    StructureMembership.objects.create(
        actor=actor, user=member, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    client.force_login(member)
    response = client.get(reverse("actors:actor_links", kwargs={"slug": actor.slug}))
    assert "relations-TOTAL_FORMS" in response.content.decode()
    assert "Enregistrer" in response.content.decode()
