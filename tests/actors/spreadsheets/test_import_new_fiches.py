"""New fiches of an actors file, written together at the end of the import: slugs reserved for
the whole file, search columns filled from the rows, ids in the report."""

import pytest
from django.db import connection
from django.db.models.signals import pre_save

from actors.directory.facet_keys import refresh_facet_keys
from actors.directory.search_index import refresh_search_vocabulary
from actors.models import Actor
from tests.actors.factories import ActorFactory, CommuneFactory, ProfessionFactory, ThemeFactory
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db

SLUG_HEADERS = ["Nom", "Identifiant", "Type", "Sphères", "En une phrase", "Code INSEE"]


def test_namesakes_of_one_file_get_distinct_slugs_after_the_existing_ones(vocab, staff_user):
    ActorFactory(name="Maison", slug="maison", commune=CommuneFactory(key="26001"))
    ActorFactory(name="Autre", slug="maison-3", commune=vocab["commune"])
    other, third, fourth = (CommuneFactory(key=f"2600{n}") for n in (2, 3, 4))
    row = ["Maison", "", "Centre social", "Action sociale", "Accueil"]
    content = csv_bytes(
        [
            SLUG_HEADERS,
            [*row, "26113"],
            [*row, other.key],
            [*row[:1], "", "Type inconnu", *row[3:], fourth.key],  # refused: takes no slug
            [*row, third.key],
        ]
    )
    report = import_report(content, user=staff_user, valid_rows_only=True)
    assert [r["status"] for r in report.rows] == ["new", "new", "invalid", "new"]
    slugs = {Actor.objects.get(pk=r["object_id"]).slug for r in report.rows if r["object_id"]}
    assert slugs == {"maison-2", "maison-4", "maison-5"}


def test_a_slug_given_to_a_new_fiche_above_cannot_be_given_again(vocab, staff_user):
    content = csv_bytes(
        [
            SLUG_HEADERS,
            ["Maison", "", "Centre social", "Action sociale", "Accueil", "26113"],
            ["Garage", "maison", "Centre social", "Action sociale", "Répare", "26113"],
        ]
    )
    report = import_report(content, user=staff_user)
    assert [(e["line"], e["column"]) for e in report.errors] == [(3, "Identifiant")]
    assert "existe déjà" in report.errors[0]["message"]
    assert not report.written and not Actor.objects.exists()


def test_new_fiches_hold_the_search_columns_a_refresh_would_give(vocab, staff_user):
    first, second = ThemeFactory(name="Zèbre", position=1), ThemeFactory(name="Abeille")
    ProfessionFactory(name="Animatrice"), ProfessionFactory(name="Boulanger")
    content = csv_bytes(
        [
            ["Nom", "Type", "Thèmes", "Code INSEE", "Contacts publics",
             "Contacts réservés aux membres"],
            ["Maison", "Centre social", f"{first.name} ; {second.name} ; Mobilité", "26113",
             "Zoé / Animation / Animatrice ; Luc", "Ana / Directrice / Boulanger"],
            ["Garage", "Centre social", "", "26113", "", "Marc / Accueil / Animatrice"],
        ]
    )  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors == [] and report.written
    ids = [row["object_id"] for row in report.rows]
    assert sorted(ids) == sorted(Actor.objects.values_list("pk", flat=True))
    before = dict(Actor.objects.values_list("pk", "search_vocabulary"))
    assert refresh_facet_keys(ids) == 0
    assert refresh_search_vocabulary(ids) == 0
    assert dict(Actor.objects.values_list("pk", "search_vocabulary")) == before
    maison = Actor.objects.get(name="Maison")
    assert "animatrice" in maison.search_vocabulary and "boulanger" in maison.search_vocabulary
    assert maison.contacts.count() == 3 and maison.history.count() == 1


@pytest.mark.skipif(connection.vendor != "postgresql", reason="SQLite goes on after an error")
def test_a_database_error_in_a_row_is_reported_on_its_line_alone(vocab, staff_user):
    """PostgreSQL refuses every statement after an error in a transaction: the row that updates
    a fiche writes inside its own savepoint, so the rows after it are still checked."""
    ActorFactory(name="Maison", slug="maison", commune=vocab["commune"])
    ActorFactory(name="Garage", slug="garage", commune=vocab["commune"])

    def fail_on_garage(sender, instance, **kwargs):
        if instance.name == "Garage":
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1 / 0")

    headers = ["Nom", "Identifiant", "Type", "Sphères", "En une phrase", "Code INSEE"]
    rows = [
        ["Maison", "maison", "Centre social", "Action sociale", "Accueil de tous", "26113"],
        ["Garage", "garage", "Centre social", "Action sociale", "Répare", "26113"],
        ["Épicerie", "", "Centre social", "Action sociale", "Vend", "26113"],
    ]
    pre_save.connect(fail_on_garage, sender=Actor)
    try:
        report = import_report(csv_bytes([headers, *rows]), user=staff_user)
    finally:
        pre_save.disconnect(fail_on_garage, sender=Actor)
    assert [error["line"] for error in report.errors] == [3]
    assert [row["status"] for row in report.rows] == ["updated", "invalid", "new"]
    assert not report.written
    assert sorted(Actor.objects.values_list("name", flat=True)) == ["Garage", "Maison"]
