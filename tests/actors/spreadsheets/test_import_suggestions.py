"""Vocabulary suggestions for every vocabulary column, and a suggestion accepted once for all
the rows that share a value, kept with the import for its confirmation."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ImportRecord
from actors.spreadsheets import cells as w
from actors.spreadsheets.resources.lookups import reset_lookups, themes
from tests.actors.factories import (
    ActorFactory,
    CompetenceFactory,
    LocalSchemeFactory,
    ThemeFactory,
)
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db

HEADERS = ["Nom", "Type", "En une phrase", "Thèmes", "Compétences", "Code INSEE"]


@pytest.fixture
def words(vocab):
    return {
        "family": ThemeFactory(name="Parentalité, familles", slug="parentalite-familles"),
        "training": CompetenceFactory(name="Formation des bénévoles", slug="formation-benevoles"),
    }


def test_a_value_that_starts_a_longer_name_gets_it_suggested(words):
    reset_lookups()
    with pytest.raises(ValueError, match="Vouliez-vous dire « Parentalité, familles » ?"):
        themes().get("Parentalité")


def test_a_value_close_to_no_name_gets_no_suggestion(words):
    lookup = w.Lookup([words["family"]], label="thème inconnu")
    assert lookup.suggestion("Jardinage") == ""


def rows():
    return [
        HEADERS,
        ["Maison A", "Centre social", "Accueil", "Parentalité ; Mobilité", "", "26113"],
        ["Maison B", "Centre social", "Accueil", "parentalité", "formation", "26113"],
        ["Maison C", "Centre social", "Accueil", "Mobilité", "Formation", "26113"],
    ]


def test_suggestions_are_counted_for_all_rows_of_every_vocabulary_column(words, staff_user):
    report = import_report(csv_bytes(rows()), user=staff_user, dry_run=True)
    assert report.suggestions == [
        {"column": "Thèmes", "value": "Parentalité", "suggestion": "Parentalité, familles",
         "rows": 2},
        {"column": "Compétences", "value": "formation", "suggestion": "Formation des bénévoles",
         "rows": 2},
    ]  # fmt: skip


def test_substitutions_replace_the_value_in_every_row(words, staff_user):
    accepted = [{"column": "Thèmes", "value": "Parentalité", "suggestion": "Parentalité, familles"}]
    report = import_report(csv_bytes(rows()), user=staff_user, dry_run=True,
                           substitutions=accepted)  # fmt: skip
    assert {e["column"] for e in report.errors} == {"Compétences"}
    assert [s["column"] for s in report.suggestions] == ["Compétences"]


def test_accepting_a_suggestion_in_the_preview_keeps_it_for_the_confirmation(
    client, words, staff_user
):
    client.force_login(staff_user)
    content = csv_bytes(rows()[:3])
    client.post(reverse("actors:import_start"),
                {"kind": "acteurs", "file": SimpleUploadedFile("liste.csv", content)})  # fmt: skip
    record = ImportRecord.objects.get()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Remplacer « Parentalité » par « Parentalité, familles » (2 lignes)" in page

    url = reverse("actors:import_suggestion", kwargs={"pk": record.pk})
    for column, value in (("Thèmes", "Parentalité"), ("Compétences", "formation")):
        response = client.post(url, {"column": column, "value": value})
        assert response.status_code == 302
    record.refresh_from_db()
    assert record.rows_invalid == 0 and len(record.substitutions) == 2
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Suggestions acceptées pour tout le fichier" in page

    client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
    maison = Actor.objects.get(name="Maison B")
    assert [t.name for t in maison.themes.all()] == ["Parentalité, familles"]
    assert [c.name for c in maison.competences.all()] == ["Formation des bénévoles"]


def test_a_suggestion_not_offered_is_refused(client, words, staff_user):
    client.force_login(staff_user)
    upload = SimpleUploadedFile("l.csv", csv_bytes(rows()))
    client.post(reverse("actors:import_start"), {"kind": "acteurs", "file": upload})
    record = ImportRecord.objects.get()
    url = reverse("actors:import_suggestion", kwargs={"pk": record.pk})
    response = client.post(url, {"column": "Thèmes", "value": "Jardinage"}, follow=True)
    assert "Cette suggestion n’est plus proposée" in response.content.decode()
    record.refresh_from_db()
    assert record.substitutions == []


def test_a_local_scheme_written_close_to_one_gets_it_suggested(vocab, staff_user):
    ActorFactory(slug="a")
    LocalSchemeFactory(slug="ctg-diois")
    content = csv_bytes([["Identifiant", "Identifiant de l’acteur", "Rôle"],
                         ["ctg-dios", "a", "pilote"]])  # fmt: skip
    report = import_report(content, user=staff_user, kind="participations")
    assert "Vouliez-vous dire « ctg-diois » ?" in report.errors[0]["message"]
