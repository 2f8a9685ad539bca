"""A visitor's one-word search read from posting lists (actors.directory.postings): the same
fiches, in the same order, with the same facet counts as PostgreSQL's own search, before and
after fiches are written, and rebuilt by the worker once enough of them were."""

import numpy as np
import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.db import connection
from django.http import QueryDict
from django.urls import reverse

from actors.directory import word_matches
from actors.directory.postings import read
from actors.directory.postings.build import build_snapshot, is_current
from actors.directory.search import RANK_WEIGHTS, order_by_relevance, tsquery_text
from actors.models import Actor, Posting, PostingSnapshot
from tests.actors.directory.test_counts_match_a_recount import directory  # noqa: F401
from tests.actors.directory.test_word_matches import database_ids, listed_ids
from tests.actors.factories import ActorFactory, SphereFactory, ThemeFactory
from tests.mailleurs.background.jobs import run_worker

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(
        connection.vendor != "postgresql", reason="posting lists serve PostgreSQL only"
    ),
]
URL = reverse("actors:actor_list")
WORDS = ["structure", "struct", "garage", "solidaire", "jeunes", "accueil", "centre", "rural",
         "social", "epicerie", "épic", "sphère", "theme", "3", "zzz"]  # fmt: skip


def database_matches(text: str):
    """The word's matches as the SQL path reads them (no posting list)."""
    rows = order_by_relevance(word_matches._published_search(text)).values_list("pk", "facet_codes")
    return word_matches._read_matches(rows, word_matches._parse_codes)


def from_postings(text: str):
    found = read.published_matches(text, max_matches=word_matches.MAX_MATCHES)
    assert found is not None, f"« {text} » was not read from the posting lists"
    return found


def assert_same_as_the_database(text: str) -> None:
    mine, theirs = from_postings(text), database_matches(text)
    assert list(mine.ids) == list(theirs.ids), text
    assert mine.rows_under == theirs.rows_under, text


def test_every_word_is_read_from_the_snapshot_as_the_database_ranks_it(directory):  # noqa: F811
    build_snapshot()
    for word in WORDS:
        assert_same_as_the_database(word)
    assert len(from_postings("structure").ids) == Actor.objects.published().count()


def test_ranks_equal_postgresqls_to_the_bit():
    texts = [
        ("Mobilité solidaire", "Mobilité douce et mobilités partagées", "La mobilité."),
        ("Garage", "Mobilité", "Mobilité, mobilité, encore la mobilité et le mobile."),
        ("Atelier mobile", "Réparer", "Un atelier mobile, puis mobilité et mobilier."),
        ("Mobilités rurales", "", ""),
        ("Épicerie", "", "mobilité " * 40),
    ]
    for name, pitch, description in texts:
        ActorFactory(name=name, pitch=pitch, description=description)
    snapshot = read.kept_snapshot(build_snapshot().pk)
    for word in ["mobilite", "mobil", "mobile"]:
        query = tsquery_text(word)
        with connection.cursor() as cursor:
            cursor.execute("SELECT to_tsquery('french_unaccent', %s)::text", [query])
            lexemes = read._lexemes(cursor.fetchone()[0])
            positions, ranks = read._snapshot_found(cursor, snapshot, *lexemes)
            cursor.execute(
                f"SELECT actor_id, ts_rank('{RANK_WEIGHTS}', search_vector, "
                "to_tsquery('french_unaccent', %s)) FROM actors_actorsearchrow "
                "WHERE search_vector @@ to_tsquery('french_unaccent', %s)",
                [query, query],
            )
            theirs = dict(cursor.fetchall())
        mine = dict(zip(snapshot.ids[positions].tolist(), ranks.tolist(), strict=True))
        assert mine.keys() == theirs.keys(), word
        assert len(set(theirs.values())) > 2, word  # ranks that differ, not all equal
        assert all(np.float32(mine[pk]) == np.float32(theirs[pk]) for pk in theirs), word


def test_fiches_written_after_the_snapshot_are_found_as_they_are_now(client, directory):  # noqa: F811
    build_snapshot()
    published = list(Actor.objects.published().order_by("pk"))
    renamed, unpublished, deleted, rethemed = published[:4]
    renamed.name = "Atelier solidaire"
    renamed.save()
    Actor.objects.filter(pk=unpublished.pk).update(status="draft")
    deleted.delete()
    rethemed.themes.set([directory["theme"][3]])
    ActorFactory(
        name="Garage solidaire des jeunes", pitch="Accueil", themes=[directory["theme"][0]]
    )
    ActorFactory(name="Aaa structure", pitch="Centre social rural")
    assert not is_current()

    for word in WORDS:
        assert_same_as_the_database(word)
        data = QueryDict(mutable=True)
        data["q"] = word
        assert listed_ids(client, data) == database_ids(data), word
    data = QueryDict(mutable=True)
    data["q"] = "structure"
    data.setlist("theme", ["theme-3"])
    assert listed_ids(client, data) == database_ids(data)
    assert rethemed.pk in listed_ids(client, data)


def test_too_many_writes_since_the_snapshot_leave_the_database_answering_and_queue_a_build(
    client, monkeypatch, settings, tmp_path
):
    monkeypatch.setattr(read, "MAX_WRITTEN_SINCE", 2)
    monkeypatch.setattr(read, "REBUILD_AFTER", 2)
    cache.delete(read.REBUILD_QUEUED_KEY)
    ActorFactory(name="Garage solidaire")
    first = build_snapshot()
    for number in range(3):
        ActorFactory(name=f"Épicerie solidaire {number}")
    assert read.published_matches("solidaire", max_matches=100) is None
    response = client.get(URL, {"q": "solidaire"})
    assert response.context["page"].paginator.count == 4

    run_worker()
    assert PostingSnapshot.objects.order_by("-pk").first().pk > first.pk
    assert len(from_postings("solidaire").ids) == 4
    assert_same_as_the_database("solidaire")


def test_a_build_keeps_the_snapshot_before_it_and_forgets_older_ones():
    ThemeFactory()
    ActorFactory(name="Garage solidaire")
    snapshots = [build_snapshot().pk for _build in range(3)]
    assert (
        list(PostingSnapshot.objects.order_by("pk").values_list("pk", flat=True)) == snapshots[1:]
    )
    assert set(Posting.objects.values_list("snapshot", flat=True)) == set(snapshots[1:])


def test_searches_posting_lists_cannot_rank_go_to_the_database(directory):  # noqa: F811
    build_snapshot()
    for text in ["centre social", '"centre social"', "structure -rural", "tiers-lieu", "le"]:
        assert read.published_matches(text, max_matches=100) is None, text


def test_the_command_builds_only_when_something_changed(capsys):
    ActorFactory(name="Garage solidaire")
    call_command("build_search_postings", "--if-stale")
    call_command("build_search_postings", "--if-stale")
    output = capsys.readouterr().out
    assert "Listes de mots construites : 1 fiches publiées" in output
    assert "Listes de mots à jour : rien à reconstruire." in output
    assert PostingSnapshot.objects.count() == 1


def test_a_word_read_from_the_snapshot_keeps_the_directorys_query_cap(
    client, django_assert_max_num_queries
):
    sphere = SphereFactory(slug="action-sociale", name="Action sociale")
    for index in range(20):
        ActorFactory(name=f"Association {index}", spheres=[sphere], themes=[ThemeFactory()])
    build_snapshot()
    for index in range(20):  # written since: searched in SQL beside the snapshot
        ActorFactory(name=f"Association {index + 20}", spheres=[sphere])
    with django_assert_max_num_queries(22):
        response = client.get(URL, {"q": "association", "sphere": "action-sociale"})
    assert response.context["page"].paginator.count == 40
