"""What a hand-kept list leaves out and the import infers: the sphere from the type, and a
fiche without its one-line summary made all the same, flagged « à compléter »."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from actors.models import Actor, ImportRecord
from tests.actors.factories import ActorTypeFactory
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db


def test_the_sphere_follows_from_the_type_when_the_file_has_no_sphere_column(vocab, staff_user):
    content = csv_bytes([["Nom", "Type", "En une phrase", "Code INSEE"],
                         ["Maison des projets", "Centre social", "Accueil", "26113"]])  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors == []
    assert list(Actor.objects.get().spheres.all()) == [vocab["sphere"]]


def test_an_empty_sphere_cell_of_a_new_fiche_is_inferred_too(vocab, staff_user):
    content = csv_bytes([["Nom", "Type", "Sphères", "En une phrase", "Code INSEE"],
                         ["Maison", "Centre social", "", "Accueil", "26113"]])  # fmt: skip
    assert import_report(content, user=staff_user).errors == []
    assert list(Actor.objects.get().spheres.all()) == [vocab["sphere"]]


def test_a_type_without_a_usual_sphere_asks_for_one(vocab, staff_user):
    ActorTypeFactory(name="Collectif", slug="collectif", sphere=None)
    content = csv_bytes([["Nom", "Type", "En une phrase", "Code INSEE"],
                         ["Collectif du Diois", "Collectif", "Accueil", "26113"]])  # fmt: skip
    report = import_report(content, user=staff_user)
    assert [e["column"] for e in report.errors] == ["Sphères"]
    assert "le type « Collectif » n’en a pas d’habituelle" in report.errors[0]["message"]
    assert not Actor.objects.exists()


def test_a_missing_summary_is_allowed_and_the_fiche_is_flagged_to_complete(
    client, vocab, staff_user
):
    content = csv_bytes([["Nom", "Type", "Code INSEE"],
                         ["Maison des projets", "Centre social", "26113"]])  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors == [] and report.counts["new"] == 1
    actor = Actor.objects.get()
    assert actor.to_complete and actor.pitch == ""

    client.force_login(staff_user)
    page = client.get(actor.get_absolute_url()).content.decode()
    assert "À compléter" in page
    assert client.get(actor.get_absolute_url()).status_code == 200
    changelist = client.get(reverse("admin:actors_actor_changelist") + "?to_complete__exact=1")
    assert "Maison des projets" in changelist.content.decode()


def test_the_flag_goes_once_the_summary_is_written(vocab, staff_user):
    import_report(csv_bytes([["Nom", "Type", "Code INSEE"], ["Maison", "Centre social", "26113"]]),
                  user=staff_user)  # fmt: skip
    # A re-import of the same list changes nothing; one with a summary completes the fiche.
    again = import_report(
        csv_bytes([["Nom", "Type", "Code INSEE"], ["Maison", "Centre social", "26113"]]),
        user=staff_user,
    )
    assert again.errors == [] and again.counts["unchanged"] == 1
    import_report(csv_bytes([["Nom", "En une phrase", "Code INSEE"],
                             ["Maison", "Accueil", "26113"]]), user=staff_user)  # fmt: skip
    actor = Actor.objects.get()
    assert actor.pitch == "Accueil" and not actor.to_complete


def test_a_file_does_not_empty_a_summary_already_written(vocab, staff_user):
    rows = [["Nom", "Type", "En une phrase", "Code INSEE"],
            ["Maison", "Centre social", "Accueil", "26113"]]  # fmt: skip
    import_report(csv_bytes(rows), user=staff_user)
    rows[1][2] = ""
    report = import_report(csv_bytes(rows), user=staff_user)
    assert [e["column"] for e in report.errors] == ["En une phrase"]
    assert Actor.objects.get().pitch == "Accueil"


def test_the_import_page_counts_the_fiches_to_complete(client, vocab, staff_user):
    client.force_login(staff_user)
    content = csv_bytes([["Nom", "Type", "Code INSEE"], ["Maison", "Centre social", "26113"]])
    client.post(reverse("actors:import_start"),
                {"kind": "acteurs", "file": SimpleUploadedFile("l.csv", content)})  # fmt: skip
    record = ImportRecord.objects.get()
    client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
    page = client.get(record.get_absolute_url()).content.decode()
    assert "1 fiche importée sans résumé en une phrase est marquée « à compléter »." in page
