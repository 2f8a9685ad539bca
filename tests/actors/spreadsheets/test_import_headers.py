"""Hand-kept lists: the line of headers found under a title, headers matched whatever their
case, accents, punctuation or wording, and the columns the site does not read reported."""

import pytest

from actors.models import Actor
from actors.spreadsheets.columns import ACTORS
from actors.spreadsheets.headers import HeaderMatcher, fold_header
from actors.spreadsheets.reading import ImportFileError
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes, import_report, xlsx_bytes

pytestmark = pytest.mark.django_db

ROW = ["Maison des projets", "Centre social", "Action sociale", "Accueil", "", "26113", ""]


def test_a_title_and_blank_lines_above_the_headers_are_skipped(vocab, staff_user):
    content = xlsx_bytes(
        [
            ["Annuaire des acteurs – Drôme, mise à jour 2025"],
            [],
            HEADERS,
            ROW,
        ],
        merged="A1:G1",
    )
    report = import_report(content, user=staff_user)
    assert report.file_error == "" and report.errors == []
    assert [row["line"] for row in report.rows] == [4]  # the spreadsheet's own line number
    assert Actor.objects.get().name == "Maison des projets"


def test_the_header_line_is_the_one_naming_the_most_columns(vocab, staff_user):
    # A note line that happens to hold one header word does not win over the real headers.
    content = csv_bytes([["Nom du fichier : liste 2025", "", "Type"], HEADERS, ROW])
    report = import_report(content, user=staff_user)
    assert report.errors == [] and report.rows[0]["line"] == 3


def test_no_line_of_headers_among_the_first_lines_is_refused_in_french(vocab, staff_user):
    content = csv_bytes([["Liste"]] * 12 + [HEADERS, ROW])
    report = import_report(content, user=staff_user)
    assert "La première ligne doit donner les noms des colonnes" in report.file_error
    assert "une ligne de titre au-dessus est permise" in report.file_error
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("NOM", "name"),
        ("nom ", "name"),
        ("type", "actor_type"),
        ("Sphère", "spheres"),
        ("courriel", "email"),
        ("E-mail", "email"),
        ("e mail", "email"),
        ("Ville", "commune_name"),
        ("Tél.", "phone"),
        ("TELEPHONE", "phone"),
        ("CP", "postcode"),
        ("Code  postal", "postcode"),
        ("Site web", "website"),
        ("Site internet", "website"),
        ("code insee", "commune"),
        ("Territoires d'intervention", "intervention_territories"),
        ("Thématiques", "themes"),
        ("Remarques", ""),
    ],
)
def test_headers_are_matched_ignoring_case_accents_spacing_punctuation_and_synonyms(header, key):
    assert HeaderMatcher(ACTORS).key_of(header) == key


def test_folding_keeps_different_columns_apart():
    assert fold_header("Identifiant") != fold_header("Identifiant lié")
    assert fold_header("Code INSEE") != fold_header("Commune")


def test_a_mapping_overrides_the_names_and_may_leave_a_column_aside():
    matcher = HeaderMatcher(ACTORS, {"Structure porteuse": "name", "Ville": ""})
    assert matcher.columns(["Structure porteuse", "Ville", "Nom"]) == [
        ("Structure porteuse", "name"),
        ("Ville", ""),
        ("Nom", ""),  # the column is filled by the first header that names it
    ]


def test_a_mapping_to_an_unknown_column_is_refused_in_french():
    with pytest.raises(ImportFileError, match="« couleur » n’est pas une colonne connue"):
        HeaderMatcher(ACTORS, {"Couleur": "couleur"})


def test_a_hand_kept_file_with_other_headers_imports_and_lists_its_unknown_columns(
    vocab, staff_user
):
    content = csv_bytes(
        [
            ["NOM", "type", "SPHERES", "en une phrase", "code insee", "Remarques", "Courriel"],
            ["Maison des projets", "Centre social", "Action sociale", "Accueil", "26113",
             "rappeler en mars", "contact@maison.example"],
        ]
    )  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors == []
    assert report.ignored_columns == ["Remarques"]
    actor = Actor.objects.get()
    assert (actor.name, actor.email) == ("Maison des projets", "contact@maison.example")


def test_a_known_header_the_mapping_leaves_aside_is_not_read(vocab, staff_user):
    content = csv_bytes([[*HEADERS, "Courriel"], [*ROW, "contact@maison.example"]])
    report = import_report(content, user=staff_user, mapping={"Courriel": ""})
    assert report.errors == [] and report.ignored_columns == ["Courriel"]
    assert Actor.objects.get().email == ""


def test_a_title_with_a_comma_does_not_decide_the_csv_separator(vocab, staff_user):
    content = csv_bytes([["Annuaire des acteurs – Drôme, mise à jour 2025"], HEADERS, ROW])
    report = import_report(content, user=staff_user)
    assert report.file_error == "" and report.errors == []
