"""What a structure's managers do: publish their edits without review, confirm the fiche is
"toujours à jour", find their structures on "Mes structures"."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from actors.models import ActorProposal
from tests.actors.factories import ActorFactory
from tests.actors.fiche_data import edit_data
from tests.actors.structures.helpers import confirm_url, membership

pytestmark = pytest.mark.django_db


def test_my_structures_lists_only_mine(client, member, other_member, actor, world):
    other = ActorFactory(name="Maison des services de Luc", commune=world["die"])
    membership(actor, member, is_manager=True)
    membership(other, other_member)
    client.force_login(member)
    page = client.get(reverse("actors:my_structures")).content.decode()
    assert actor.name in page
    assert "Gestionnaire" in page
    assert other.name not in page


@pytest.mark.parametrize(
    ("manages", "is_manager", "published"),
    [("this", True, True), ("this", False, False), ("another", True, False)],
    ids=["manager-publishes", "plain-member-goes-to-review", "manager-elsewhere-goes-to-review"],
)
def test_only_the_structures_managers_publish_without_review(
    client, member, actor, world, manages, is_manager, published
):
    structure = actor if manages == "this" else ActorFactory(commune=world["die"])
    membership(structure, member, is_manager=is_manager)
    client.force_login(member)
    client.post(
        reverse("actors:actor_edit", kwargs={"slug": actor.slug}),
        edit_data(world, actor, pitch="Mis à jour par la structure"),
    )
    actor.refresh_from_db()
    assert (actor.pitch == "Mis à jour par la structure") is published
    proposals = [proposal.status for proposal in ActorProposal.objects.all()]
    assert proposals == ([] if published else ["pending"])


def test_toujours_a_jour_sets_the_check_date_and_shows_on_the_fiche(client, member, actor):
    membership(actor, member, is_manager=True)
    client.force_login(member)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "jamais vérifiée" in page
    assert "Toujours à jour" in page
    history_before = actor.history.count()

    response = client.post(confirm_url(actor))

    assert response.status_code == 302
    actor.refresh_from_db()
    assert actor.last_checked_at is not None
    assert timezone.now() - actor.last_checked_at < datetime.timedelta(minutes=1)
    assert actor.version == 1  # no new version, no proposal
    assert not ActorProposal.objects.exists()
    assert actor.history.count() == history_before + 1
    history = client.get(reverse("actors:actor_history", kwargs={"slug": actor.slug}))
    assert history.status_code == 200
    client.logout()
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "Vérifiée le" in page
    assert "Toujours à jour" not in page


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_only_managers_confirm_a_fiche(client, request, actor, role):
    user = request.getfixturevalue(role)
    client.force_login(user)
    assert "Toujours à jour" not in client.get(actor.get_absolute_url()).content.decode()
    assert client.post(confirm_url(actor)).status_code == 403
    actor.refresh_from_db()
    assert actor.last_checked_at is None
