"""/api/experiences.json (published sheets only, under the directory's licence) and the
spreadsheet exports of the list's current filters."""

import csv
import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actors.open_data.feeds import licence
from tests.actors.factories import ActorFactory, ThemeFactory
from tests.experiences.factories import (
    ExperienceActorFactory,
    ExperienceDocumentFactory,
    ExperienceFactory,
    TestimonyFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def sheets(db, member):
    mobility = ThemeFactory(name="Mobilité", slug="mobilite")
    garage = ExperienceFactory(title="Garage solidaire", slug="garage", themes=[mobility],
                               levers="Un élu moteur\nUn local", created_by=member)  # fmt: skip
    ExperienceActorFactory(experience=garage, actor=ActorFactory(name="Centre social"),
                           role="porteur", phases=["emergence"])  # fmt: skip
    TestimonyFactory(experience=garage, quote="Ça roule.", speaker_role="habitant")
    ExperienceDocumentFactory(experience=garage, title="Bilan")
    ExperienceFactory(title="Épicerie", slug="epicerie")
    ExperienceFactory(title='=HYPERLINK("http://x")', summary="+33 formule", slug="formule")
    for status in ("draft", "review", "archived"):
        ExperienceFactory(title=f"Fiche {status}", status=status, created_by=member)
    return garage


def _json(client, **params):
    response = client.get(reverse("experiences:json"), params)
    return response.status_code, response.json()


def test_the_json_lists_published_sheets_only_with_the_licence(client, sheets):
    status, document = _json(client)
    assert status == 200
    assert {key: document[key] for key in licence()} == licence()
    titles = sorted(sheet["titre"] for sheet in document["experiences"])
    assert titles == sorted(['=HYPERLINK("http://x")', "Garage solidaire", "Épicerie"])


@pytest.mark.parametrize("reader", ["member", "moderator"])
def test_the_json_stays_published_only_for_authors_and_moderators(
    client, sheets, member, moderator, reader
):
    client.force_login({"member": member, "moderator": moderator}[reader])
    titles = {sheet["titre"] for sheet in _json(client)[1]["experiences"]}
    assert not titles & {"Fiche draft", "Fiche review", "Fiche archived"}
    assert "Garage solidaire" in titles


def test_the_json_says_what_the_page_says(client, sheets):
    (garage,) = _json(client, theme="mobilite")[1]["experiences"]
    assert garage["url"] == "http://testserver/experiences/garage/"
    assert garage["thematiques"] == ["Mobilité"]
    assert garage["leviers"] == ["Un élu moteur", "Un local"]
    assert garage["acteurs"][0]["nom"] == "Centre social"
    assert garage["acteurs"][0]["role"] == "Porteur"
    assert garage["acteurs"][0]["phases"] == ["Émergence de l’idée"]
    assert garage["temoignages"] == [
        {"citation": "Ça roule.", "qui": "habitant", "sphere": None, "nom": None}
    ]
    assert garage["documents"][0]["url"].startswith("http://testserver/media/")


def test_the_json_refuses_a_bad_filter_in_french(client, sheets):
    status, document = _json(client, theme="inconnu")
    assert status == 400
    assert "Sélectionnez un choix valide" in document["erreurs"]["theme"][0]


def _csv(client, **params) -> list[list[str]]:
    response = client.get(reverse("experiences:export", kwargs={"extension": "csv"}), params)
    assert response.status_code == 200
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_the_export_holds_the_sheets_of_the_current_filters(client, sheets):
    rows = _csv(client, theme="mobilite")
    assert rows[0][:3] == ["Titre", "Identifiant", "Adresse de la fiche"]
    assert [row[0] for row in rows[1:]] == ["Garage solidaire"]
    garage = dict(zip(rows[0], rows[1], strict=True))
    assert garage["Acteurs (rôle)"] == "Centre social (porteur)"
    assert garage["Leviers"] == "Un élu moteur ; Un local"
    assert garage["Thèmes"] == "Mobilité"
    assert len(_csv(client, q="epicerie")) == 2


def test_the_export_holds_what_the_reader_may_see(client, sheets, member):
    visitor_titles = {row[0] for row in _csv(client)[1:]}
    assert "Fiche draft" not in visitor_titles
    client.force_login(member)
    author_titles = {row[0] for row in _csv(client)[1:]}
    assert {"Fiche draft", "Fiche review"} <= author_titles
    assert "Fiche archived" not in author_titles


def test_formulas_cannot_run_in_an_export(client, sheets):
    cells = [cell for row in _csv(client)[1:] for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+33 formule" in cells


def test_xlsx_and_ods_exports(client, sheets):
    url = reverse("experiences:export", kwargs={"extension": "xlsx"})
    content = b"".join(client.get(url, {"theme": "mobilite"}).streaming_content)
    rows = list(
        load_workbook(io.BytesIO(content), read_only=True).active.iter_rows(values_only=True)
    )
    assert rows[0][0] == "Titre"
    assert [row[0] for row in rows[1:]] == ["Garage solidaire"]
    ods = client.get(reverse("experiences:export", kwargs={"extension": "ods"}))
    assert ods.status_code == 200 and ods.content[:2] == b"PK"
    assert 'filename="mailleurs-experiences-' in ods["Content-Disposition"]


def test_the_xlsx_export_opens_ready_to_use_and_says_its_filters(client, sheets):
    sheets.started_on = date(2024, 3, 1)
    sheets.save()
    url = reverse("experiences:export", kwargs={"extension": "xlsx"})
    response = client.get(url, {"theme": "mobilite"})
    assert 'filename="mailleurs-experiences-mobilite-' in response["Content-Disposition"]
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    table = workbook.active
    assert table.freeze_panes == "A2" and table.auto_filter.ref.startswith("A1:")
    headers = [cell.value for cell in table[1]]
    started = table.cell(row=2, column=headers.index("Début") + 1)
    assert started.is_date and started.number_format == "DD/MM/YYYY"
    assert started.value.date() == date(2024, 3, 1)
    about = dict(workbook["À propos"].iter_rows(values_only=True))
    assert about["Filtres"] == "Thèmes : Mobilité"
    assert about["Nombre de lignes"] == 1


def test_a_bad_filter_refuses_the_export_in_french(client, sheets):
    url = reverse("experiences:export", kwargs={"extension": "csv"})
    response = client.get(url, {"territoire": "nulle-part"})
    assert response.status_code == 400
    assert "Export impossible" in response.content.decode()
    assert "Territoire inconnu" in response.content.decode()


def test_the_list_offers_the_export_and_the_json_with_its_filters(client, sheets):
    content = client.get(reverse("experiences:index"), {"theme": "mobilite"}).content.decode()
    assert (
        reverse("experiences:export", kwargs={"extension": "xlsx"}) + "?theme=mobilite" in content
    )
    assert reverse("experiences:json") in content


def test_export_and_json_read_a_bounded_number_of_queries(
    client, sheets, django_assert_max_num_queries
):
    for _index in range(10):
        sheet = ExperienceFactory(themes=[ThemeFactory(), ThemeFactory()])
        ExperienceActorFactory(experience=sheet)
        TestimonyFactory(experience=sheet)
    with django_assert_max_num_queries(12):
        b"".join(client.get(reverse("experiences:export", args=["csv"])).streaming_content)
    with django_assert_max_num_queries(12):
        assert client.get(reverse("experiences:json")).status_code == 200
