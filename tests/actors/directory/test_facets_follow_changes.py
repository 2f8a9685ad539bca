"""The directory counts its facets from each fiche's `facet_keys` and keeps its result pages
until the directory changes: every kind of change shows at once in the counts and the list."""

import pytest
from django.urls import reverse

from actors.models import Contact
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    ContactFactory,
    LocalSchemeFactory,
    ParticipationFactory,
    ProfessionFactory,
    SchemeFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


def counts(client, facet: str, **params) -> dict[str, int]:
    response = client.get(URL, params)
    assert response.status_code == 200
    groups = {name: values for name, _label, values, _ticked in response.context["facets"]}
    return {value.slug: count for value, count, _selected in groups[facet]}


def names(client, **params) -> list[str]:
    return [actor.name for actor in client.get(URL, params).context["page"].object_list]


def test_a_scheme_joined_or_left_moves_the_scheme_counts(client):
    actor = ActorFactory(name="Centre social des Baronnies")
    ctg = SchemeFactory()
    assert counts(client, "dispositif") == {}
    participation = ParticipationFactory(actor=actor, local_scheme=LocalSchemeFactory(scheme=ctg))
    assert counts(client, "dispositif") == {"ctg": 1}
    participation.delete()
    assert counts(client, "dispositif") == {}


def test_a_local_scheme_moved_to_another_scheme_moves_its_participants(client):
    local = LocalSchemeFactory(scheme=SchemeFactory())
    ParticipationFactory(actor=ActorFactory(), local_scheme=local)
    leader = SchemeFactory(slug="leader", name="LEADER", acronym="LEADER")
    local.scheme = leader
    local.save()
    assert counts(client, "dispositif") == {"leader": 1}


def test_visitors_count_public_contacts_jobs_and_members_every_contact(client, member):
    animatrice = ProfessionFactory(slug="animatrice", name="Animatrice")
    contact = ContactFactory(actor=ActorFactory(), profession=animatrice)
    assert counts(client, "profession") == {"animatrice": 1}
    contact.visibility = Contact.Visibility.MEMBERS
    contact.save()
    assert counts(client, "profession") == {}
    client.force_login(member)
    assert counts(client, "profession") == {"animatrice": 1}


def test_a_theme_removed_and_a_type_changed_show_in_the_counts(client):
    jeunesse = ThemeFactory(slug="jeunesse", name="Jeunesse")
    actor = ActorFactory(themes=[jeunesse])
    assert counts(client, "theme") == {"jeunesse": 1}
    actor.themes.remove(jeunesse)
    assert counts(client, "theme") == {}
    actor.actor_type = ActorTypeFactory(slug="tiers-lieu", name="Tiers-lieu")
    actor.save()
    assert counts(client, "type") == {"tiers-lieu": 1}


def test_a_fiche_renamed_shows_on_the_first_page_already_seen(client):
    ActorFactory(name="Garage solidaire du Diois")
    other = ActorFactory(name="Épicerie de Die")
    assert names(client, q="solidaire") == ["Garage solidaire du Diois"]
    other.name = "Épicerie solidaire de Die"
    other.save()
    assert sorted(names(client, q="solidaire")) == [
        "Garage solidaire du Diois",
        "Épicerie solidaire de Die",
    ]
    assert client.get(URL, {"q": "solidaire"}).context["page"].paginator.count == 2


def test_ticked_values_list_the_fiches_filed_under_them_after_each_change(client):
    actor = ActorFactory(name="Centre social des Baronnies")
    jeunesse = ThemeFactory(slug="jeunesse", name="Jeunesse")
    participation = ParticipationFactory(actor=actor, local_scheme=LocalSchemeFactory())
    actor.themes.add(jeunesse)
    assert names(client, dispositif="ctg") == ["Centre social des Baronnies"]
    assert names(client, theme="jeunesse", dispositif="ctg") == ["Centre social des Baronnies"]
    participation.delete()
    actor.themes.remove(jeunesse)
    assert names(client, dispositif="ctg") == []
    assert names(client, theme="jeunesse") == []


def test_a_scheme_renamed_and_a_theme_created_show_in_the_facet_lists(client):
    """The facets' values are kept with the counts: a new value ticked and a renamed scheme
    must show at once all the same."""
    actor = ActorFactory(name="Centre social des Baronnies")
    scheme = SchemeFactory(name="Convention territoriale", slug="ctg")
    ParticipationFactory(actor=actor, local_scheme=LocalSchemeFactory(scheme=scheme))
    assert "Convention territoriale" in client.get(URL).content.decode()
    scheme.name = "Convention territoriale globale"
    scheme.save()
    assert "Convention territoriale globale" in client.get(URL).content.decode()
    ThemeFactory(name="Habitat léger", slug="habitat-leger")
    assert counts(client, "theme", theme="habitat-leger") == {"habitat-leger": 0}
