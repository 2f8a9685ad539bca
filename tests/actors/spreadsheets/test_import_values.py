"""Values a spreadsheet mangled: phone numbers that lost their leading zero, numbers with
spaces or dots, dates as text or as day numbers, and the many ways of writing « yes »."""

import datetime

import pytest

from actors.models import Actor
from actors.spreadsheets import cells as w
from tests.actors.spreadsheets.helpers import csv_bytes, import_report, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("475280000", "04 75 28 00 00"),
        ("4 75 28 00 00", "04 75 28 00 00"),
        ("04 75 28 00 00", "04 75 28 00 00"),
        ("04.75.28.00.00", "04.75.28.00.00"),
        ("+33 4 75 28 00 00", "+33 4 75 28 00 00"),
    ],
)
def test_a_phone_that_lost_its_leading_zero_gets_it_back(typed, stored):
    assert w.phone_widget().clean(typed) == stored


def test_a_contact_phone_that_lost_its_zero_gets_it_back_too():
    contacts = w.ContactsWidget(professions=None).clean("Anne Martin / 475280001")
    assert contacts[0]["phone"] == "04 75 28 00 01"


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("12/03/2024", datetime.date(2024, 3, 12)),
        ("12.03.2024", datetime.date(2024, 3, 12)),
        ("2024-03-12", datetime.date(2024, 3, 12)),
        ("45363", datetime.date(2024, 3, 12)),  # the day number of a date cell saved as number
    ],
)
def test_dates_as_text_or_day_numbers(typed, day):
    assert w.parse_date(typed) == day


def test_a_number_too_small_to_be_a_date_is_refused_in_french():
    with pytest.raises(ValueError, match="n’est pas une date"):
        w.parse_date("1234")


@pytest.mark.parametrize("typed", ["Oui", "OUI", "x", "X", "1", "vrai", "ok"])
def test_yes_is_written_many_ways(typed):
    assert w.YesNoWidget().clean(typed) is True


@pytest.mark.parametrize(
    ("widget", "typed", "value"),
    [
        (w.DigitsWidget(14), "123 456 789 00012", "12345678900012"),
        (w.DigitsWidget(14), "123.456.789.00012", "12345678900012"),
        (w.DigitsWidget(5), "26\u202f400", "26400"),
        (w.DecimalNumberWidget(), "44,75\u00a0", 44.75),
        (w.DecimalNumberWidget(), "1 234,5", 1234.5),
    ],
)
def test_numbers_with_spaces_or_dots(widget, typed, value):
    assert widget.clean(typed) == value


def test_an_xlsx_with_mangled_values_imports_them(vocab, staff_user):
    content = xlsx_bytes(
        [
            ["Nom", "Type", "En une phrase", "Code INSEE", "Téléphone", "Vérifiée le",
             "Fiche fictive"],
            ["Maison des projets", "Centre social", "Accueil", 26113, 475280000, 45363, "X"],
        ]
    )  # fmt: skip
    report = import_report(content, user=staff_user)
    assert report.errors == []
    actor = Actor.objects.get()
    assert actor.phone == "04 75 28 00 00"
    assert actor.last_checked_at.date() == datetime.date(2024, 3, 12)
    assert actor.is_fictional is True


def test_the_phone_of_a_file_without_the_lost_zero_is_unchanged_by_a_reimport(vocab, staff_user):
    rows = [["Nom", "Type", "En une phrase", "Code INSEE", "Téléphone"],
            ["Maison des projets", "Centre social", "Accueil", "26113", "0475280000"]]  # fmt: skip
    import_report(csv_bytes(rows), user=staff_user)
    report = import_report(csv_bytes(rows), user=staff_user, dry_run=True)
    assert report.counts["unchanged"] == 1
    assert Actor.objects.get().phone == "0475280000"
