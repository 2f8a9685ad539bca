"""The shared cache's generation: read once per request, moved by any write, and the small
values every page needs kept in the process until it moves."""

import pytest
from django.core.cache import cache
from django.core.signals import request_finished, request_started

from actors.cache import GENERATION_KEY, bump_generation, current_generation
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
