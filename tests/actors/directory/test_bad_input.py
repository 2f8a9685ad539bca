"""Whatever a visitor puts in the query string, pages answer 200 or 400 in French, never 500."""

import pytest
from django.urls import reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.actors.factories import ActorFactory, CommuneFactory, SphereFactory, ThemeFactory

PARAMETERS = [
    "q", "sphere", "type", "theme", "competence", "profession", "dispositif",
    "dispositif_local", "territoire", "autour", "rayon", "tri", "page", "bbox", "zoom", "vue",
]  # fmt: skip
# Text that reaches the database: no NUL (PostgreSQL refuses it in any string).
TEXT = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=300,
)
VALUES = st.one_of(
    TEXT,
    st.sampled_from(["26113", "26", "R84", "mobilite", "-1", "1e309", "NaN", "0", "999999999"]),
    st.integers().map(str),
    st.floats(allow_nan=True).map(str),
)
QUERY = st.lists(st.tuples(st.sampled_from(PARAMETERS), VALUES), max_size=6)


@pytest.fixture
def some_actors(db):
    die = CommuneFactory(name="Die", code="26113", key="26113")
    ActorFactory(name="École de Die", commune=die, spheres=[SphereFactory(slug="action-sociale")])
    ActorFactory(name="Garage solidaire", themes=[ThemeFactory(slug="mobilite")])


def _get(client, url_name, pairs):
    response = client.get(reverse(url_name), pairs_to_querydict(pairs))
    assert response.status_code in (200, 400), (pairs, response.status_code)
    return response


def fuzzing(max_examples: int) -> settings:
    # Function-scoped fixtures (client, rows) are shared by all examples: fine, pages only
    # read. No deadline: how long a page takes depends on the machine, not on the input.
    return settings(
        max_examples=max_examples,
        deadline=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )


def pairs_to_querydict(pairs):
    data: dict[str, list[str]] = {}
    for key, value in pairs:
        data.setdefault(key, []).append(value)
    return data


@fuzzing(max_examples=60)
@given(pairs=QUERY)
def test_directory_never_fails_on_any_query_string(client, some_actors, pairs):
    _get(client, "actors:actor_list", pairs)


@fuzzing(max_examples=40)
@given(pairs=QUERY)
def test_global_search_never_fails_on_any_query_string(client, some_actors, pairs):
    _get(client, "search", pairs)


@pytest.mark.parametrize(
    "query",
    ["x" * 2000, "é" * 201, "\u202e\u200b", "<script>alert(1)</script>", "' OR 1=1 --"],
)
def test_long_and_hostile_queries(client, some_actors, query):
    response = client.get(reverse("actors:actor_list"), {"q": query})
    assert response.status_code in (200, 400)
    assert "<script>alert(1)</script>" not in response.content.decode()
