"""Communes as people write them in their lists: without hyphens, « St », in capitals, with
a postal code beside the name or in its own column."""

import pytest

from actors.models import Actor
from actors.spreadsheets.communes import find_commune, split_postcode
from tests.actors.factories import CommuneFactory, DepartementFactory
from tests.actors.spreadsheets.helpers import csv_bytes, import_report

pytestmark = pytest.mark.django_db


@pytest.fixture
def communes(vocab):
    isere = DepartementFactory(key="38", code="38", name="Isère", slug="isere")
    return {
        "buis": CommuneFactory(key="26063", name="Buis-les-Baronnies", postcodes="26170"),
        "royans": CommuneFactory(key="26307", name="Saint-Jean-en-Royans", postcodes="26190"),
        "crest": CommuneFactory(key="26108", name="Crest", postcodes="26400"),
        "aouste": CommuneFactory(key="26013", name="Aouste-sur-Sye", postcodes="26400"),
        "vercors": CommuneFactory(key="26999", name="Saint-Agnan-en-Vercors", postcodes="26420"),
        "agnin": CommuneFactory(
            key="38002", name="Saint-Agnan-en-Vercors", postcodes="38880", departement=isere
        ),
    }


@pytest.mark.parametrize(
    ("written", "postcode", "expected"),
    [
        ("Buis les Baronnies", "", "buis"),
        ("buis-les-baronnies", "", "buis"),
        ("Saint Jean en Royans", "", "royans"),
        ("St-Jean-en-Royans", "", "royans"),
        ("ST JEAN EN ROYANS", "", "royans"),
        ("St-Jean", "26190", "royans"),
        ("CREST", "", "crest"),
        ("26400 Crest", "", "crest"),
        ("Crest (26400)", "", "crest"),
        ("Saint-Agnan-en-Vercors", "38880", "agnin"),
        ("St Agnan en Vercors", "26420", "vercors"),
        ("26170", "", "buis"),
    ],
)
def test_communes_are_found_as_people_write_them(communes, written, postcode, expected):
    assert find_commune(written, postcode) == communes[expected]


def test_namesakes_without_a_postal_code_are_listed_in_the_message(communes):
    with pytest.raises(ValueError) as error:
        find_commune("St Agnan en Vercors")
    message = str(error.value)
    assert "ambiguë" in message
    assert "Saint-Agnan-en-Vercors (26) 26999" in message
    assert "Saint-Agnan-en-Vercors (38) 38002" in message


def test_a_postal_code_shared_by_several_communes_lists_them(communes):
    with pytest.raises(ValueError) as error:
        find_commune("26400")
    assert "Crest (26) 26108" in str(error.value) and "Aouste-sur-Sye" in str(error.value)


def test_an_unknown_commune_says_so(communes):
    with pytest.raises(ValueError, match="Commune « Atlantis » introuvable"):
        find_commune("Atlantis")


def test_split_postcode():
    assert split_postcode("26400 Crest") == ("Crest", "26400")
    assert split_postcode("Crest") == ("Crest", "")


def test_an_import_reads_communes_by_name_with_a_cp_column_and_a_code_in_the_name(
    communes, staff_user
):
    content = csv_bytes(
        [
            ["Nom", "Type", "En une phrase", "Ville", "CP"],
            ["Maison du Buis", "Centre social", "Accueil", "Buis les Baronnies", ""],
            ["Maison du Vercors", "Centre social", "Accueil", "St Agnan en Vercors", "38880"],
            ["Maison de Crest", "Centre social", "Accueil", "26400 CREST", ""],
            ["Maison ambiguë", "Centre social", "Accueil", "Saint-Agnan-en-Vercors", ""],
        ]
    )
    report = import_report(content, user=staff_user, dry_run=True)
    assert [(e["line"], e["column"]) for e in report.errors] == [(5, "Commune")]
    assert "38002" in report.errors[0]["message"] and "26999" in report.errors[0]["message"]

    import_report(content, user=staff_user, valid_rows_only=True)
    communes_of = dict(Actor.objects.values_list("name", "commune__key"))
    assert communes_of == {
        "Maison du Buis": "26063",
        "Maison du Vercors": "38002",
        "Maison de Crest": "26108",
    }
    assert Actor.objects.get(name="Maison de Crest").postcode == "26400"
