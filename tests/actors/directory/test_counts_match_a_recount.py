"""The directory's total and facet counts come from one grouped statement (actors.directory.
facets); on random filter combinations each must equal a plain recount of the matching fiches."""

import random

import pytest
from django.contrib.auth.models import AnonymousUser
from django.http import QueryDict
from django.urls import reverse

from actors.directory.query import run_search
from tests.actors.factories import ActorFactory, ActorTypeFactory, SphereFactory, ThemeFactory

pytestmark = pytest.mark.django_db
URL = reverse("actors:actor_list")
WORDS = ["", "", "solidaire", "jeunes", "centre social"]


@pytest.fixture
def directory():
    rng = random.Random(15)
    types = [ActorTypeFactory(slug=f"type-{n}", name=f"Type {n}") for n in range(3)]
    spheres = [SphereFactory(slug=f"sphere-{n}", name=f"Sphère {n}") for n in range(3)]
    themes = [ThemeFactory(slug=f"theme-{n}", name=f"Thème {n}") for n in range(4)]
    pitches = ["Garage solidaire", "Accueil des jeunes", "Centre social rural", "Épicerie"]
    for number in range(40):
        ActorFactory(
            name=f"Structure {number}",
            pitch=rng.choice(pitches),
            actor_type=rng.choice(types),
            spheres=rng.sample(spheres, rng.randint(1, 2)),
            themes=rng.sample(themes, rng.randint(0, 3)),
            status=rng.choice(["published", "published", "published", "draft"]),
        )
    return {"type": types, "sphere": spheres, "theme": themes}


# The recount joins the link tables itself: it shares nothing with the directory's own filters
# (which read `facet_keys` on PostgreSQL) but the text search.
LINKS = {"type": "actor_type__slug__in", "sphere": "spheres__slug__in", "theme": "themes__slug__in"}


def recount(data: QueryDict) -> int:
    text_only = QueryDict(mutable=True)
    if data.get("q"):
        text_only["q"] = data["q"]
    actors = run_search(text_only, user=AnonymousUser(), allow_suggestion=False).actors
    for facet, lookup in LINKS.items():
        if data.getlist(facet):
            actors = actors.filter(**{lookup: data.getlist(facet)})
    return actors.order_by().values("pk").distinct().count()


def random_query(rng: random.Random, values: dict) -> QueryDict:
    data = QueryDict(mutable=True)
    if word := rng.choice(WORDS):
        data["q"] = word
    for facet, choices in values.items():
        if rng.random() < 0.4:
            data.setlist(facet, [v.slug for v in rng.sample(choices, rng.randint(1, 2))])
    return data


def test_the_total_and_every_facet_count_equal_a_plain_recount(client, directory):
    rng = random.Random(2026)
    for _attempt in range(12):
        data = random_query(rng, directory)
        response = client.get(URL, data)
        assert response.status_code == 200
        assert response.context["page"].paginator.count == recount(data), data.urlencode()
        for facet, _label, values, _ticked in response.context["facets"]:
            if facet not in directory:
                continue
            for value, count, _selected in values:
                ticked = data.copy()
                ticked.setlist(facet, [value.slug])
                assert count == recount(ticked), (data.urlencode(), facet, value.slug)
