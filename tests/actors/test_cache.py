"""The shared cache's generation: read once per request, moved by any write, and the
vocabularies every page lists kept in the process until their rows change."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db import connection, transaction

from actors.cache import (
    GENERATION_KEY,
    MAX_CHECKED_STEPS,
    bump_generation,
    changed_since,
    current_generation,
)
from actors.directory.facets import facet_values
from tests.actors.factories import ActorFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def test_a_request_keeps_the_generation_it_read_until_it_writes():
    request_started.send(sender=None)
    try:
        first = current_generation()
        cache.incr(GENERATION_KEY)  # another process writes meanwhile
        assert current_generation() == first
        bump_generation()  # this request writes: the rest of it reads the new number
        assert current_generation() == cache.get(GENERATION_KEY) != first
    finally:
        request_finished.send(sender=None)
    cache.incr(GENERATION_KEY)
    assert current_generation() == cache.get(GENERATION_KEY)


def test_the_vocabularies_are_read_once_until_the_directory_changes(django_assert_num_queries):
    ThemeFactory(name="Mobilité", slug="mobilite")
    facet_values()
    with django_assert_num_queries(0):
        assert [theme.name for theme in facet_values()["theme"]] == ["Mobilité"]
    ThemeFactory(name="Habitat léger", slug="habitat-leger")
    assert {theme.name for theme in facet_values()["theme"]} == {"Mobilité", "Habitat léger"}


def test_an_emptied_cache_never_brings_back_old_vocabularies():
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    facet_values()
    type(theme).objects.filter(pk=theme.pk).update(name="Mobilités")  # no signal
    cache.clear()
    assert [theme.name for theme in facet_values()["theme"]] == ["Mobilités"]


def test_a_fiche_shows_its_theme_renamed_at_once(client):
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    actor = ActorFactory(name="Garage solidaire", themes=[theme])
    assert ">Mobilité</a>" in client.get(actor.get_absolute_url()).content.decode()
    theme.name = "Mobilité solidaire"
    theme.save()
    assert ">Mobilité solidaire</a>" in client.get(actor.get_absolute_url()).content.decode()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite reads them again")
def test_a_fiche_written_costs_one_check_of_the_vocabularies_not_six_reads(
    django_assert_num_queries,
):
    theme = ThemeFactory(name="Mobilité", slug="mobilite")
    garage = ActorFactory(name="Garage solidaire")
    facet_values()
    garage.name = "Garage solidaire du Diois"
    garage.save()  # the generation moves; the vocabularies do not
    with django_assert_num_queries(1):
        assert [value.name for value in facet_values()["theme"]] == ["Mobilité"]
    type(theme).objects.filter(pk=theme.pk).update(slug="mobilites")  # no signal
    bump_generation()
    with django_assert_num_queries(7):  # the check, then the six vocabularies
        assert [value.slug for value in facet_values()["theme"]] == ["mobilites"]


def test_the_fiches_changed_since_a_generation_are_known_only_when_every_write_said():
    start = current_generation()
    bump_generation([3])
    bump_generation([5, 8])
    assert changed_since(start, current_generation()) == {3, 5, 8}
    assert changed_since(current_generation(), current_generation()) == set()
    bump_generation()  # a write that does not say which fiches it changed
    bump_generation([13])
    assert changed_since(start, current_generation()) is None
    middle = current_generation()
    bump_generation([21])
    assert changed_since(middle, current_generation()) == {21}


def test_changes_too_many_steps_back_or_after_a_restart_are_unknown():
    start = current_generation()
    for pk in range(MAX_CHECKED_STEPS + 1):
        bump_generation([pk])
    assert changed_since(start, current_generation()) is None
    cache.delete(GENERATION_KEY)  # evicted: the number restarts somewhere else
    assert changed_since(start, current_generation()) is None


def test_a_transaction_moves_the_generation_again_at_its_commit_with_all_its_fiches(
    django_capture_on_commit_callbacks,
):
    start = current_generation()
    with django_capture_on_commit_callbacks(execute=True):
        bump_generation([1])
        bump_generation([2])
        during = current_generation()
    assert current_generation() == during + 1
    assert changed_since(during, current_generation()) == {1, 2}
    assert changed_since(start, current_generation()) == {1, 2}


def test_a_rolled_back_write_leaves_the_next_one_its_own_commit(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        with pytest.raises(RuntimeError), transaction.atomic():
            bump_generation([1])
            raise RuntimeError("rolled back")
        bump_generation([2])
        during = current_generation()
    assert len(callbacks) == 1
    assert changed_since(during, current_generation()) == {2}
