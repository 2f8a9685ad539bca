"""The same structure twice in a hand-kept list, its commune written by name, is pointed out
in the preview; and a list naming communes finds the fiches already on the site."""

import pytest

from actors.models import Actor
from tests.actors.factories import ActorFactory, CommuneFactory
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db

HEADERS = ["NOM", "Type", "En une phrase", "Ville"]


@pytest.fixture
def crest(vocab):
    return CommuneFactory(key="26108", name="Crest", postcodes="26400")


def test_the_same_name_and_commune_twice_in_a_file_is_pointed_out(crest, staff_user):
    content = csv_bytes(
        [
            HEADERS,
            ["Maison des projets", "Centre social", "Accueil", "Crest"],
            ["Épicerie", "Centre social", "Vrac", "Crest"],
            ["MAISON DES PROJETS", "Centre social", "Accueil des familles", "CREST"],
        ]
    )
    report = import_report(content, user=staff_user, dry_run=True)
    assert [(e["line"], e["message"]) for e in report.errors] == [
        (4, "Même structure qu’à la ligne 2 : une seule ligne par structure.")
    ]
    assert report.counts == {"new": 2, "updated": 0, "unchanged": 0, "invalid": 1}


def test_the_same_name_in_two_communes_is_not_a_duplicate(crest, staff_user):
    content = csv_bytes(
        [
            HEADERS,
            ["Maison des projets", "Centre social", "Accueil", "Crest"],
            ["Maison des projets", "Centre social", "Accueil", "Die"],
        ]
    )
    assert import_report(content, user=staff_user, dry_run=True).errors == []


def test_a_list_naming_the_commune_updates_the_fiche_already_there(crest, staff_user):
    actor = ActorFactory(name="Maison des projets", commune=crest, pitch="Ancien résumé")
    content = csv_bytes([HEADERS, ["Maison des projets", "Centre social", "Accueil", "crest"]])
    report = import_report(content, user=staff_user)
    assert report.errors == [] and report.counts["updated"] == 1
    actor.refresh_from_db()
    assert actor.pitch == "Accueil" and Actor.objects.count() == 1
