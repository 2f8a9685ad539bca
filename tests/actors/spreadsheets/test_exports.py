import csv
import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from actors.models import Contact
from tests.actors.factories import ActorFactory, ContactFactory, SphereFactory, ThemeFactory

pytestmark = pytest.mark.django_db


def export(client, extension, **params):
    return client.get(reverse("actors:actors_export", kwargs={"extension": extension}), params)


def csv_rows(response) -> list[list[str]]:
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


@pytest.fixture
def actors(db):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    food, health = ThemeFactory(name="Alimentation"), ThemeFactory(name="Santé")
    shop = ActorFactory(name="Épicerie solidaire", spheres=[social], themes=[food, health])
    ContactFactory(actor=shop, name="Camille Public", visibility=Contact.Visibility.PUBLIC)
    ContactFactory(actor=shop, name="Dominique Réseau", visibility=Contact.Visibility.MEMBERS)
    ActorFactory(name="Garage solidaire")
    ActorFactory(name='=HYPERLINK("http://x")', pitch="+33 formule", missions="@SUM(A1)")
    return shop


def test_csv_export_follows_the_directory_filters(client, actors):
    rows = csv_rows(export(client, "csv", q="epicerie"))
    header, lines = rows[0], rows[1:]
    assert header[:2] == ["Nom", "Sigle"]
    assert [line[0] for line in lines] == ["Épicerie solidaire"]
    row = dict(zip(header, lines[0], strict=True))
    assert row["Thèmes"] == "Alimentation ; Santé"
    assert row["Sphères"] == "Action sociale"


def test_columns_depend_on_the_role(client, actors, member, staff_user):
    visitor = csv_rows(export(client, "csv", q="epicerie"))
    assert "Contacts réservés aux membres" not in visitor[0]
    assert "Dominique Réseau" not in str(visitor)
    assert "Camille Public" in str(visitor)
    client.force_login(member)
    member_rows = csv_rows(export(client, "csv", q="epicerie"))
    assert "Dominique Réseau" in str(member_rows)
    assert "Statut" not in member_rows[0]
    client.force_login(staff_user)
    assert "Statut" in csv_rows(export(client, "csv"))[0]


def test_a_fiche_not_yet_published_is_exported_only_with_its_status(
    client, actors, member, moderator
):
    ActorFactory(name="Brouillon de membre", status="draft", created_by=member)
    ActorFactory(name="Fiche en relecture", status="review", created_by=member)
    client.force_login(moderator)
    header, *lines = csv_rows(export(client, "csv"))
    statuses = {row[0]: row[header.index("Statut")] for row in lines}
    assert statuses["Brouillon de membre"] == "Brouillon"
    assert statuses["Fiche en relecture"] == "En relecture"
    assert statuses["Épicerie solidaire"] == "Publiée"
    # The author sees them on the site, but their export has no « Statut »: published only.
    client.force_login(member)
    header, *lines = csv_rows(export(client, "csv"))
    assert "Statut" not in header
    published = sorted(name for name, status in statuses.items() if status == "Publiée")
    assert sorted(row[0] for row in lines) == published
    assert "Brouillon de membre" not in published


def test_formulas_cannot_run(client, actors):
    rows = csv_rows(export(client, "csv"))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://x")' in cells
    assert "'+33 formule" in cells
    assert "'@SUM(A1)" in cells
    assert not any(cell[:1] in "=+@" for cell in cells if cell)


def test_xlsx_and_ods_exports(client, actors):
    response = export(client, "xlsx", theme=actors.themes.first().slug)
    # Reading the whole body closes the response and its temporary file, as a server would.
    content = b"".join(response.streaming_content)
    workbook = load_workbook(io.BytesIO(content), read_only=True)
    sheet_rows = list(workbook.active.iter_rows(values_only=True))
    assert sheet_rows[0][0] == "Nom"
    assert [row[0] for row in sheet_rows[1:]] == ["Épicerie solidaire"]
    ods = export(client, "ods")
    assert ods.status_code == 200
    assert ods.content[:2] == b"PK"  # an OpenDocument zip
    assert "attachment" in ods["Content-Disposition"]


def test_bad_filters_get_a_french_400(client, actors):
    response = export(client, "csv", sphere="inconnue")
    assert response.status_code == 400
    assert "Export impossible" in response.content.decode()


def test_unknown_format_is_not_found(client):
    assert client.get("/export/acteurs.pdf").status_code == 404


def test_directory_offers_the_export_with_its_filters(client, actors):
    content = client.get(reverse("actors:actor_list"), {"q": "epicerie"}).content.decode()
    assert reverse("actors:actors_export", kwargs={"extension": "xlsx"}) + "?q=epicerie" in content


def test_schemes_local_schemes_and_relations_export(client):
    from tests.actors.factories import LocalSchemeFactory, ParticipationFactory, RelationFactory

    local = LocalSchemeFactory(name="CTG du Diois")
    ParticipationFactory(local_scheme=local, actor=ActorFactory(name="CAF démo"), role="financeur")
    RelationFactory(
        source=ActorFactory(name="Centre social"), target=ActorFactory(name="Mairie"), note="=1+1"
    )
    ActorFactory(name="Caché", status="draft")

    def table(name):
        response = client.get(
            reverse("actors:table_export", kwargs={"table": name, "extension": "csv"})
        )
        return csv_rows(response)

    schemes = table("dispositifs")
    assert schemes[0][0] == "Nom" and schemes[1][0] == "Convention territoriale globale"
    locals_ = table("dispositifs-locaux")
    assert [
        locals_[1][1],
        locals_[1][7],
        locals_[1][9],
    ] == ["CTG du Diois", "CAF démo", "Financeur"]
    relations = table("relations")
    assert relations[1][0] == "Centre social" and relations[1][-1] == "'=1+1"
    xlsx = client.get(
        reverse("actors:table_export", kwargs={"table": "relations", "extension": "xlsx"})
    )
    assert xlsx.status_code == 200
    assert b"".join(xlsx.streaming_content)[:2] == b"PK"  # read whole: the file is closed


def test_numbers_stay_numbers_in_every_format(client, db):
    ActorFactory(name="Ferme de l’estuaire", latitude=45.25, longitude=-0.5)
    header, row = csv_rows(export(client, "csv"))
    values = dict(zip(header, row, strict=True))
    assert (values["Latitude"], values["Longitude"]) == ("45.25", "-0.5")

    content = b"".join(export(client, "xlsx").streaming_content)
    sheet = load_workbook(io.BytesIO(content)).active
    cells = {heading.value: cell for heading, cell in zip(sheet[1], sheet[2], strict=True)}
    assert (cells["Latitude"].value, cells["Longitude"].value) == (45.25, -0.5)
    assert cells["Longitude"].data_type == "n"  # a number the spreadsheet can sort and sum

    with zipfile.ZipFile(io.BytesIO(export(client, "ods").content)) as archive:
        ods = archive.read("content.xml").decode()
    assert 'office:value-type="float" office:value="-0.5"' in ods
    assert "'-0.5" not in ods


def test_table_exports_write_numbers_as_numbers_and_text_as_text(client, db):
    from tests.actors.factories import LocalSchemeFactory, RelationFactory

    LocalSchemeFactory(name="CTG du Diois")
    RelationFactory(since=2021, note='=HYPERLINK("https://evil.example")')

    def sheet_of(table):
        url = reverse("actors:table_export", kwargs={"table": table, "extension": "xlsx"})
        content = b"".join(client.get(url).streaming_content)
        return load_workbook(io.BytesIO(content)).active

    schemes = sheet_of("dispositifs")
    assert schemes["G1"].value == "Dispositifs locaux"
    assert (schemes["G2"].value, schemes["G2"].data_type) == (1, "n")
    relations = sheet_of("relations")
    assert (relations["F2"].value, relations["F2"].data_type) == (2021, "n")
    assert relations["G2"].data_type == "s"
    assert relations["G2"].value == '\'=HYPERLINK("https://evil.example")'
