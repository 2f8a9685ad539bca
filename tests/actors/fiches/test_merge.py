import pytest
from django.urls import reverse

from actors.models import Actor, Contact, Participation, Relation
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    RelationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db


def test_merging_moves_everything_to_the_fiche_kept_and_redirects(client, moderator):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    kept = ActorFactory(name="Centre social du Diois", commune=die, siret="")
    removed = ActorFactory(
        name="Centre Social Diois",
        commune=die,
        siret="73282932000074",
        themes=[ThemeFactory(name="Santé")],
    )
    partner = ActorFactory(name="CAF de démonstration")
    scheme = LocalSchemeFactory()
    ContactFactory(actor=removed, name="Camille Exemple")
    RelationFactory(source=removed, target=partner)
    RelationFactory(source=partner, target=removed, kind="finance")
    RelationFactory(source=kept, target=partner)  # the same link already exists on kept
    RelationFactory(source=removed, target=kept)  # would become a link to itself
    ParticipationFactory(actor=removed, local_scheme=scheme, role="partenaire")
    removed.pitch = "Deuxième version"
    removed.save()
    history_before = kept.history.count() + removed.history.count()
    relations_before = Relation.objects.count()

    client.force_login(moderator)
    response = client.post(
        reverse("actors:actor_merge", kwargs={"slug": kept.slug}),
        {"autre": removed.slug, "confirmer": "oui"},
    )

    assert response.status_code == 302
    kept.refresh_from_db()
    removed.refresh_from_db()
    assert removed.status == "archived"
    assert Contact.objects.filter(actor=kept, name="Camille Exemple").exists()
    assert Relation.objects.filter(source=partner, target=kept, kind="finance").exists()
    assert Relation.objects.count() == relations_before - 2  # the duplicate and the self-link
    assert not Relation.objects.filter(source=removed).exists()
    assert Participation.objects.filter(actor=kept, local_scheme=scheme).exists()
    assert kept.siret == "73282932000074"
    assert [t.name for t in kept.themes.all()] == ["Santé"]
    # Every earlier version now belongs to the fiche kept, plus the merge itself.
    assert kept.history.count() >= history_before + 1
    redirect = client.get(reverse("actors:actor_detail", kwargs={"slug": removed.slug}))
    assert redirect.status_code == 301
    assert redirect["Location"] == kept.get_absolute_url()


def test_merge_page_suggests_likely_duplicates_and_refuses_unknown_fiches(client, moderator):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    kept = ActorFactory(name="Épicerie solidaire de Die", commune=die)
    ActorFactory(name="Epicerie solidaire Die", commune=die)
    client.force_login(moderator)
    url = reverse("actors:actor_merge", kwargs={"slug": kept.slug})
    assert "Epicerie solidaire Die" in client.get(url).content.decode()
    response = client.post(url, {"autre": "inexistante", "confirmer": "oui"})
    assert response.status_code == 400
    assert "Aucune autre fiche" in response.content.decode()
    assert Actor.objects.filter(status="archived").count() == 0


def test_members_cannot_merge(client, member):
    kept, removed = ActorFactory(), ActorFactory()
    client.force_login(member)
    url = reverse("actors:actor_merge", kwargs={"slug": kept.slug})
    assert client.post(url, {"autre": removed.slug, "confirmer": "oui"}).status_code == 403
    removed.refresh_from_db()
    assert removed.status == "published"
