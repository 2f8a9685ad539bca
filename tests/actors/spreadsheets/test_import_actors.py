"""Importing actors: creation, dry run, validation, idempotence, history."""

import pytest
from django.urls import reverse

from actors.models import Actor, Contact, SearchTerm
from tests.actors.factories import ActorFactory
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes, import_report

pytestmark = pytest.mark.django_db


def test_new_rows_are_created_with_their_links_and_vocabulary_matched_loosely(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS,
            [
                "Maison des familles",
                "CENTRE SOCIAL",
                "action sociale",
                "Accueil",
                "mobilite ; ALIMENTATION",
                "26113",
                "",
            ],
        ]
    )
    report = import_report(content, user=staff_user)
    assert report.errors == []
    assert report.counts["new"] == 1 and report.written
    actor = Actor.objects.get(name="Maison des familles")
    assert actor.actor_type == vocab["type"]
    assert set(actor.themes.all()) == {vocab["theme"], vocab["food"]}
    assert actor.status == "published"
    assert actor.created_by == staff_user
    assert actor.history.count() == 1
    assert actor.history.first().history_change_reason == "Import de test"


def test_the_dry_run_writes_nothing_and_reports_what_would_happen(vocab, staff_user):
    content = csv_bytes(
        [HEADERS, ["Garage", "Centre social", "Action sociale", "Répare", "", "26113", ""]]
    )
    terms = SearchTerm.objects.count()
    report = import_report(content, user=staff_user, dry_run=True)
    assert report.counts["new"] == 1
    assert not report.written
    assert not Actor.objects.exists()
    assert SearchTerm.objects.count() == terms, "the words of a preview are not kept"


def test_errors_name_the_line_and_the_column_in_french(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS,
            ["Bonne ligne", "Centre social", "Action sociale", "Ok", "", "26113", ""],
            ["Type inconnu", "Centre socal", "Action sociale", "Ok", "", "26113", ""],
            [
                "Mauvais SIRET",
                "Centre social",
                "Action sociale",
                "Ok",
                "Mobilte",
                "26113",
                "12345678901234",
            ],
        ]
    )
    report = import_report(content, user=staff_user)
    errors = {(e["line"], e["column"]): e["message"] for e in report.errors}
    assert "Vouliez-vous dire « Centre social » ?" in errors[(3, "Type")]
    assert "Vouliez-vous dire « Mobilité » ?" in errors[(4, "Thèmes")]
    assert "SIRET" in errors[(4, "SIRET")]
    assert not report.written
    assert not Actor.objects.exists(), "all or nothing by default"


def test_valid_rows_only_imports_the_good_rows(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS,
            ["Bonne ligne", "Centre social", "Action sociale", "Ok", "", "26113", ""],
            ["Sans type", "", "Action sociale", "Ok", "", "26113", ""],
        ]
    )
    report = import_report(content, user=staff_user, valid_rows_only=True)
    assert report.written
    assert list(Actor.objects.values_list("name", flat=True)) == ["Bonne ligne"]
    assert report.errors[0]["line"] == 3 and report.errors[0]["column"] == "Type"


def test_importing_the_same_file_twice_changes_nothing(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS + ["Contacts publics", "Vérifiée le", "Latitude", "Longitude"],
            [
                "Maison",
                "Centre social",
                "Action sociale",
                "Accueil",
                "Mobilité",
                "26113",
                "",
                "Camille Exemple / Animatrice / camille@example.org / 04 75 00 00 00",
                "21/11/2026",
                "44,75",
                "5,37",
            ],
        ]
    )
    assert import_report(content, user=staff_user).counts["new"] == 1
    actor = Actor.objects.get()
    second = import_report(content, user=staff_user)
    assert second.counts == {"new": 0, "updated": 0, "unchanged": 1, "invalid": 0}
    assert actor.history.count() == 1
    contact = actor.contacts.get()
    assert (contact.role, contact.email, contact.visibility) == (
        "Animatrice",
        "camille@example.org",
        Contact.Visibility.PUBLIC,
    )


def test_a_column_left_out_changes_nothing_and_an_empty_cell_empties(vocab, staff_user):
    actor = ActorFactory(slug="garage", missions="Réparer", acronym="GS", themes=[vocab["theme"]])
    import_report(
        csv_bytes([["Nom", "Identifiant", "Sigle"], [actor.name, "garage", ""]]), user=staff_user
    )
    actor.refresh_from_db()
    assert actor.acronym == ""
    assert actor.missions == "Réparer"
    assert list(actor.themes.all()) == [vocab["theme"]]


def test_an_imported_change_is_one_version_with_its_links_and_can_be_undone(
    client, vocab, staff_user, moderator
):
    actor = ActorFactory(slug="maison", pitch="Avant", themes=[vocab["theme"]])
    actor.save()  # a version that holds the theme
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "En une phrase", "Thèmes"],
            [actor.name, "maison", "Après", "Alimentation"],
        ]
    )
    import_report(content, user=staff_user)
    latest, first = actor.history.order_by("-history_date", "-history_id")[:2]
    assert (latest.history_user, latest.pitch) == (staff_user, "Après")
    assert [t.theme.name for t in latest.themes.all()] == ["Alimentation"]
    assert [t.theme.name for t in first.themes.all()] == ["Mobilité"]
    client.force_login(moderator)
    page = client.get(reverse("actors:actor_history", kwargs={"slug": "maison"})).content.decode()
    assert "Import de test" in page and "Thèmes" in page
    client.post(
        reverse(
            "actors:actor_restore_version",
            kwargs={"slug": "maison", "history_id": first.history_id},
        )
    )
    actor.refresh_from_db()
    assert actor.pitch == "Avant" and list(actor.themes.all()) == [vocab["theme"]]


# --- found in review: each of these once gave a wrong result or an error page ---------------


def test_a_siren_is_not_taken_for_a_siret(vocab, staff_user):
    content = csv_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "552032534"]]
    )
    report = import_report(content, user=staff_user)
    assert report.errors[0]["column"] == "SIRET"


@pytest.mark.parametrize("latitude", ["nan", "inf", "44,5x"])
def test_coordinates_must_be_numbers(vocab, staff_user, latitude):
    content = csv_bytes(
        [HEADERS + ["Latitude", "Longitude"],
         ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "", latitude, "5,3"]]
    )  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors[0]["column"] == "Latitude"
    assert "n’est pas un nombre" in report.errors[0]["message"]


def test_empty_coordinates_and_line_endings_do_not_count_as_changes(vocab, staff_user):
    actor = ActorFactory(slug="maison", missions="Une ligne.\r\nUne autre.", latitude=None)
    content = csv_bytes(
        [
            ["Identifiant", "Missions", "Latitude", "Longitude"],
            ["maison", "Une ligne.\nUne autre.", "", ""],
        ]
    )
    assert import_report(content, user=staff_user).counts["unchanged"] == 1
    assert actor.history.count() == 1
