"""A searched word's matches are read once and kept (actors.directory.word_matches): every
combination of ticked values over them must list the same fiches, in the same order, with the
same counts, as the database would, for whoever asks, and follow every change."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse

from actors.directory import word_matches
from actors.directory.query import run_search
from actors.models import Contact
from tests.actors.directory.test_counts_match_a_recount import (
    directory,  # noqa: F401
    recount,
)
from tests.actors.factories import (
    ActorFactory,
    CommuneFactory,
    ContactFactory,
    ProfessionFactory,
    RelationFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")


def listed_ids(client, data: QueryDict) -> list[int]:
    """The ids of every page of the search, in the order shown."""
    ids, page = [], 1
    while True:
        asked = data.copy()
        asked["page"] = page
        response = client.get(URL, asked)
        assert response.status_code == 200
        ids += [actor.pk for actor in response.context["page"].object_list]
        if not response.context["page"].has_next():
            return ids
        page += 1


def database_ids(data: QueryDict) -> list[int]:
    """The search's fiches in order, straight from the database (no cached matches)."""
    return list(run_search(data, user=AnonymousUser()).actors.values_list("pk", flat=True))


@pytest.mark.parametrize("word", ["structure", "solidaire", "jeunes", "centre social"])
def test_every_combination_lists_the_databases_fiches_in_its_order(client, directory, word):  # noqa: F811
    rng = random.Random(word)
    for _attempt in range(8):
        data = QueryDict(mutable=True)
        data["q"] = word
        for facet, choices in directory.items():
            if rng.random() < 0.5:
                data.setlist(facet, [v.slug for v in rng.sample(choices, rng.randint(1, 2))])
        expected = database_ids(data)
        assert listed_ids(client, data) == expected, data
        assert client.get(URL, data).context["page"].paginator.count == len(expected)


@pytest.mark.parametrize(("role", "found"), [("visitor", False), ("member", True)])
def test_a_job_borne_by_members_only_contacts_stays_hidden_from_visitors_searching_a_word(
    client, member, role, found
):
    profession = ProfessionFactory(name="Animateur LEADER", slug="animateur-leader")
    actor = ActorFactory(name="GAL du Diois", pitch="Programme rural")
    ContactFactory(actor=actor, profession=profession, visibility=Contact.Visibility.MEMBERS)
    ActorFactory(name="Foyer rural", pitch="Animation rurale")
    if role == "member":
        client.force_login(member)
    everything = client.get(URL, {"q": "rural"}).content.decode()
    assert ('value="animateur-leader"' in everything) is found
    ticked = client.get(URL, {"q": "rural", "profession": "animateur-leader"})
    assert ("GAL du Diois" in ticked.content.decode()) is found


def test_a_theme_given_after_the_word_was_searched_counts_at_once(client):
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    ActorFactory(name="Garage solidaire", themes=[theme])
    later = ActorFactory(name="Épicerie solidaire", themes=[])
    assert (
        client.get(URL, {"q": "solidaire", "theme": "mobilite"}).context["page"].paginator.count
        == 1
    )
    later.themes.add(theme)
    response = client.get(URL, {"q": "solidaire", "theme": "mobilite"})
    assert response.context["page"].paginator.count == 2
    assert "Épicerie solidaire" in response.content.decode()


def test_a_word_too_broad_to_keep_is_counted_by_the_database(client, directory, monkeypatch):  # noqa: F811
    monkeypatch.setattr(word_matches, "MAX_MATCHES", 3)
    data = QueryDict(mutable=True)
    data["q"] = "structure"
    data.setlist("theme", ["theme-1"])
    response = client.get(URL, data)
    assert response.context["page"].paginator.count == recount(data) > 3
    assert [a.pk for a in response.context["page"].object_list] == database_ids(data)[:20]


@pytest.fixture
def full_reads(monkeypatch):
    """How many times a text's matches were read from the database in full."""
    reads = []
    original = word_matches._read_matches

    def counted(found, parse):
        reads.append(1)
        return original(found, parse)

    monkeypatch.setattr(word_matches, "_read_matches", counted)
    return reads


def solidaire_ids(client) -> list[int]:
    response = client.get(URL, {"q": "solidaire"})
    return [actor.pk for actor in response.context["page"].object_list]


@pytest.mark.parametrize(
    ("field", "value", "found", "reads"),
    [
        # Checked, not every match read again.
        ("pitch", "Animation rurale et ciné-club", False, 1),
        ("name", "Foyer rural solidaire", True, 2),
    ],
)
def test_a_fiche_written_elsewhere_is_checked_against_the_words_kept_matches(
    client, full_reads, field, value, found, reads
):
    garage = ActorFactory(name="Garage solidaire")
    foyer = ActorFactory(name="Foyer rural", pitch="Animation rurale")
    assert solidaire_ids(client) == [garage.pk]
    setattr(foyer, field, value)
    foyer.save()
    listed = solidaire_ids(client)
    assert sorted(listed) == sorted([garage.pk, foyer.pk] if found else [garage.pk])
    assert listed == database_ids(QueryDict("q=solidaire"))
    assert len(full_reads) == reads


def test_a_fiche_written_that_the_word_no_longer_finds_leaves_at_once(client, full_reads):
    garage = ActorFactory(name="Garage solidaire")
    epicerie = ActorFactory(name="Épicerie solidaire")
    assert sorted(solidaire_ids(client)) == sorted([garage.pk, epicerie.pk])
    epicerie.name = "Épicerie du Diois"
    epicerie.save()
    assert solidaire_ids(client) == [garage.pk]
    assert client.get(URL, {"q": "solidaire"}).context["page"].paginator.count == 1


def test_a_write_that_does_not_say_which_fiches_it_changed_reads_the_matches_again(
    client, full_reads
):
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    garage = ActorFactory(name="Garage solidaire", themes=[theme])
    assert solidaire_ids(client) == [garage.pk]
    theme.name = "Mobilités"
    theme.save()  # a renamed value: every fiche filed under it may read differently
    assert solidaire_ids(client) == [garage.pk]
    assert len(full_reads) == 2


def test_a_members_view_is_read_again_after_any_write(client, member, full_reads):
    """A member's own fiches in review follow the structures they join, which move no
    generation: their view is never carried over a write."""
    client.force_login(member)
    garage = ActorFactory(name="Garage solidaire")
    foyer = ActorFactory(name="Foyer rural")
    assert solidaire_ids(client) == [garage.pk]
    foyer.pitch = "Ciné-club"
    foyer.save()
    assert solidaire_ids(client) == [garage.pk]
    assert len(full_reads) == 2


def test_a_fiche_deleted_leaves_the_words_that_found_it(client):
    garage = ActorFactory(name="Garage solidaire")
    epicerie = ActorFactory(name="Épicerie solidaire")
    foyer = ActorFactory(name="Foyer rural")
    assert sorted(solidaire_ids(client)) == sorted([garage.pk, epicerie.pk])
    foyer.pitch = "Ciné-club"
    foyer.save()  # a write elsewhere, checked and let through
    epicerie.delete()
    assert solidaire_ids(client) == [garage.pk]
    assert client.get(URL, {"q": "solidaire"}).context["page"].paginator.count == 1


def test_a_link_between_fiches_keeps_the_words_matches(client, full_reads):
    garage = ActorFactory(name="Garage solidaire")
    foyer = ActorFactory(name="Foyer rural")
    assert solidaire_ids(client) == [garage.pk]
    RelationFactory(source=foyer, target=garage)
    assert solidaire_ids(client) == [garage.pk]
    assert len(full_reads) == 1


def test_a_renamed_commune_is_found_under_its_new_name_at_once(client):
    commune = CommuneFactory(name="Vercheny")
    garage = ActorFactory(name="Garage solidaire", commune=commune)
    ActorFactory(name="Épicerie solidaire")
    assert client.get(URL, {"q": "vercheny"}).context["page"].paginator.count == 1
    commune.name = "Aurel"
    commune.save()
    found = client.get(URL, {"q": "aurel"}).context["page"].object_list
    assert [actor.pk for actor in found] == [garage.pk]
    assert client.get(URL, {"q": "vercheny"}).context["page"].paginator.count == 0


def test_equally_relevant_fiches_follow_french_alphabetical_order(client):
    for name in ("Garage solidaire", "Épicerie solidaire", "Atelier solidaire"):
        ActorFactory(name=name)
    listed = client.get(URL, {"q": "solidaire"}).context["page"].object_list
    assert [actor.name for actor in listed] == [
        "Atelier solidaire",
        "Épicerie solidaire",
        "Garage solidaire",
    ]
    assert [actor.pk for actor in listed] == database_ids(QueryDict("q=solidaire"))
