import csv
import io

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
