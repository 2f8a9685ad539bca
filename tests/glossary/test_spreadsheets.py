"""The glossary as a spreadsheet: the export (three formats, open to everyone, formulas
neutralised), the round trip, and the staff's import with its preview, its per-row errors and
its all-or-nothing confirmation."""

import csv
import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from actors.models import ImportRecord
from actors.spreadsheets import exports
from actors.spreadsheets.reading import read_table
from glossary.models import Term, TermView
from glossary.spreadsheets.imports import run_glossary_import
from tests.actors.spreadsheets.helpers import csv_bytes
from tests.glossary.factories import TermFactory, TermViewFactory

pytestmark = pytest.mark.django_db

HEADERS = ["slug", "mot", "sigle", "variantes", "catégorie", "définition", "sources",
           "dispositifs", "voir aussi", "ne pas confondre avec"]  # fmt: skip


def export(client, extension) -> bytes:
    response = client.get(reverse("glossary:export", kwargs={"extension": extension}))
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def cells_of(content: bytes) -> list[list[str]]:
    """The cells as a spreadsheet shows them (the site's reader, which is the import's)."""
    table = read_table(content)
    return [table.headers, *table.rows]


def file_of(rows, extension: str) -> bytes:
    """A file as a spreadsheet program would save it, written by the site's own writers."""
    if extension == "csv":
        return csv_bytes(rows)
    if extension == "xlsx":
        return exports.xlsx_of(iter(rows), title="Glossaire").read()
    return exports.ods_of(iter(rows))


def import_file(content: bytes, user, *, dry_run=False):
    report, _format = run_glossary_import(
        content=content, user=user, dry_run=dry_run, reason="Import de test"
    )
    return report


def by_column(rows: list[list[str]], slug: str) -> dict[str, str]:
    header, *lines = rows
    return next(dict(zip(header, line, strict=False)) for line in lines if line[0] == slug)


# --- export ------------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "xlsx", "ods"])
def test_export_has_the_columns_and_the_values(client, glossary, extension):
    rows = cells_of(export(client, extension))
    assert rows[0][: len(HEADERS)] == HEADERS
    assert "regard : Action sociale" in rows[0] and "regard : Élus et collectivités" in rows[0]
    assert len(rows) == 1 + Term.objects.count()
    ctg = by_column(rows, "ctg")
    assert ctg["mot"] == "Convention territoriale globale" and ctg["sigle"] == "CTG"
    assert ctg["variantes"] == "convention territoriale\nconventions territoriales globales"
    assert ctg["catégorie"] == "Dispositif"
    assert ctg["dispositifs"] == "ctg"
    related = Term.objects.get(slug="ctg").related.order_by("slug").values_list("slug", flat=True)
    assert {"abs", "action-sociale", "epci"} <= set(related)
    assert ctg["voir aussi"] == " ; ".join(related)
    assert (
        ctg["sources"].split("\n")[0]
        == "Caisse nationale des allocations familiales | https://www.caf.fr"
    )
    assert (
        ctg["regard : Action sociale"]
        == Term.objects.get(slug="ctg").views.get(sphere__slug="action-sociale").text
    )
    assert ctg["regard : Têtes de réseau"] == ""  # no view of that sphere
    assert by_column(rows, "copil")["ne pas confondre avec"] == "cotech"


def test_xlsx_export_opens_ready_to_use(client, glossary):
    response = client.get(reverse("glossary:export", kwargs={"extension": "xlsx"}))
    workbook = load_workbook(io.BytesIO(b"".join(response.streaming_content)))
    table = workbook.active
    assert table.title == "Glossaire"
    assert table.freeze_panes == "A2" and table.auto_filter.ref.startswith("A1:")
    assert table["A1"].font.bold
    about = dict(workbook["À propos"].iter_rows(values_only=True))
    assert about["Contenu"] == "Glossaire"
    assert about["Nombre de lignes"] == table.max_row - 1


def test_export_is_open_data_for_everyone_linked_from_the_glossary(client, member, glossary):
    response = client.get(reverse("glossary:export", kwargs={"extension": "csv"}))
    assert response.status_code == 200
    assert 'rel="license"' in response["Link"] and "etalab" in response["Link"]
    assert response["Content-Disposition"].startswith('attachment; filename="mailleurs-glossaire-')
    assert b"".join(response.streaming_content).startswith("\ufeffslug;mot;".encode())
    page = client.get(reverse("glossary:index")).content.decode()
    for extension in ("csv", "xlsx", "ods"):
        assert reverse("glossary:export", kwargs={"extension": extension}) in page
    assert reverse("glossary:import_start") not in page  # the import is the staff's
    client.force_login(member)
    assert (
        reverse("glossary:import_start")
        not in client.get(reverse("glossary:index")).content.decode()
    )


def test_the_staff_find_the_import_on_the_glossary(client, staff_user):
    client.force_login(staff_user)
    page = client.get(reverse("glossary:index")).content.decode()
    assert reverse("glossary:import_start") in page


@pytest.fixture
def hostile_term(db):
    term = TermFactory(slug="formules", word="=HYPERLINK(\"https://evil.example\")",
                       acronym="+33", definition="-1+1")  # fmt: skip
    TermViewFactory(term=term, sphere__name="Élus", sphere__slug="elus", text="@SUM(A1)")
    return term


def test_formulas_cannot_run_in_the_csv(client, hostile_term):
    text = export(client, "csv").decode("utf-8")
    assert text.startswith("\ufeff")
    header, line = list(csv.reader(io.StringIO(text[1:]), delimiter=";"))
    row = dict(zip(header, line, strict=True))
    assert row["mot"] == '\'=HYPERLINK("https://evil.example")'
    assert row["sigle"] == "'+33" and row["définition"] == "'-1+1"
    assert row["regard : Élus"] == "'@SUM(A1)"


def test_formulas_cannot_run_in_the_xlsx(client, hostile_term):
    sheet = load_workbook(io.BytesIO(export(client, "xlsx"))).active
    values = {cell.value for row in sheet.iter_rows() for cell in row}
    assert {'\'=HYPERLINK("https://evil.example")', "'+33", "'-1+1", "'@SUM(A1)"} <= values
    assert all(cell.data_type != "f" for row in sheet.iter_rows() for cell in row)


def test_formulas_cannot_run_in_the_ods(client, hostile_term):
    with zipfile.ZipFile(io.BytesIO(export(client, "ods"))) as archive:
        content = archive.read("content.xml").decode()
    assert "table:formula" not in content
    assert "'=HYPERLINK" in content and "'@SUM(A1)" in content
    # …and the import reads the value back, not the apostrophe.
    assert by_column(cells_of(export(client, "ods")), "formules")["sigle"] == "+33"


# --- round trip --------------------------------------------------------------------------------


@pytest.mark.parametrize("extension", ["csv", "xlsx", "ods"])
def test_export_then_import_changes_nothing(client, glossary, staff_user, extension):
    first = export(client, extension)
    versions = Term.history.count(), TermView.history.count()
    report = import_file(first, staff_user)
    assert report.errors == [] and report.written
    assert report.counts == {"new": 0, "updated": 0, "unchanged": Term.objects.count(),
                             "invalid": 0}  # fmt: skip
    assert (Term.history.count(), TermView.history.count()) == versions
    assert set(Term.objects.values_list("version", flat=True)) == {1}
    again = export(client, extension)
    if extension == "csv":
        assert again == first
    else:
        assert cells_of(again) == cells_of(first)


# --- import: what it writes --------------------------------------------------------------------


def test_a_new_term_comes_with_its_views_and_links(glossary, staff_user):
    content = csv_bytes([
        ["slug", "mot", "catégorie", "définition", "variantes", "dispositifs", "voir aussi",
         "ne pas confondre avec", "regard : Action sociale", "regard : developpement-local"],
        ["veille-sociale", "Veilles sociales", "dispositif", "Repérer tôt.",
         "VS\nveille sociale locale", "ctg", "epci ; ctg", "copil", "Un partenaire.", ""],
    ])  # fmt: skip
    preview = import_file(content, staff_user, dry_run=True)
    assert preview.errors == [] and [row["status"] for row in preview.rows] == ["new"]
    assert not Term.objects.filter(slug="veille-sociale").exists()  # a preview writes nothing
    report = import_file(content, staff_user)
    assert report.written and report.counts["new"] == 1
    term = Term.objects.get(slug="veille-sociale")
    assert term.category == "dispositif" and term.variant_list == ["VS", "veille sociale locale"]
    assert list(term.views.values_list("sphere__slug", "text")) == [
        ("action-sociale", "Un partenaire.")
    ]
    assert list(term.schemes.values_list("slug", flat=True)) == ["ctg"]
    assert set(term.related.values_list("slug", flat=True)) == {"epci", "ctg"}
    assert "veille-sociale" in Term.objects.get(slug="copil").not_to_confuse.values_list(
        "slug", flat=True
    )
    first = term.history.get()
    assert first.history_type == "+" and first.history_user == staff_user
    assert [link.scheme.slug for link in first.schemes.all()] == ["ctg"]
    assert term.version == 1 and term.updated_by == staff_user
    assert term.views.get().history.get().history_user == staff_user


def test_a_changed_definition_is_a_new_version_in_the_importers_name(glossary, staff_user):
    ctg = Term.objects.get(slug="ctg")
    evs = Term.objects.get(slug="evs")
    content = csv_bytes([["slug", "mot", "définition"],
                         ["Ctg", ctg.word, "Une nouvelle définition."],
                         ["evs", evs.word, evs.definition]])  # fmt: skip
    preview = import_file(content, staff_user, dry_run=True)
    assert [(row["status"], row["changes"]) for row in preview.rows] == [
        ("updated", ["définition"]), ("unchanged", [])]  # fmt: skip
    import_file(content, staff_user)
    ctg.refresh_from_db()
    assert ctg.definition == "Une nouvelle définition." and ctg.version == 2
    assert ctg.updated_by == staff_user
    latest = ctg.history.first()
    assert latest.history_user == staff_user and latest.version == 2
    assert latest.history_change_reason == "Import de test"
    assert ctg.history.count() == 2
    assert Term.objects.get(slug="evs").version == 1  # unchanged: no new version
    assert ctg.acronym == "CTG" and len(ctg.variant_list) == 2  # columns absent: kept
    assert ctg.slug == "ctg"  # « Ctg » typed: the same term


def test_an_empty_cell_empties_the_field_and_an_empty_view_removes_it(glossary, staff_user):
    content = csv_bytes([["slug", "sigle", "voir aussi", "regard : Action sociale"],
                         ["ctg", "", "", ""]])  # fmt: skip
    report = import_file(content, staff_user)
    assert report.rows[0]["changes"] == ["sigle", "voir aussi", "regard : Action sociale"]
    ctg = Term.objects.get(slug="ctg")
    assert ctg.acronym == "" and not ctg.related.exists()
    assert not ctg.views.filter(sphere__slug="action-sociale").exists()
    assert ctg.views.exists()  # the spheres without a column keep their views
    assert ctg.version == 2 and ctg.history.count() == 2  # one version for the whole row
    assert "ctg" not in Term.objects.get(slug="epci").related.values_list("slug", flat=True)


def test_a_link_added_on_one_side_changes_both_rows(glossary, staff_user):
    stored = Term.objects.get(slug="maillage").related.values_list("slug", flat=True)
    assert "copil" not in stored
    content = csv_bytes([["slug", "voir aussi"], ["copil", "maillage"],
                         ["maillage", " ; ".join(stored)]])  # fmt: skip
    report = import_file(content, staff_user, dry_run=True)
    assert [row["changes"] for row in report.rows] == [["voir aussi"], ["voir aussi"]]


# --- import: refused rows ----------------------------------------------------------------------

NEW_ROW = {"slug": "veille-sociale", "mot": "Veilles sociales", "catégorie": "Dispositif",
           "définition": "Un programme."}  # fmt: skip


@pytest.mark.parametrize(
    ("changes", "column", "message"),
    [
        ({"catégorie": "Fusée"}, "catégorie", "« Fusée » n’est pas permis ici"),
        ({"dispositifs": "ctg ; inconnu"}, "dispositifs", "« inconnu » : dispositif inconnu."),
        ({"voir aussi": "copli"}, "voir aussi",
         "« copli » : terme inconnu du glossaire. Vouliez-vous dire « copil » ?"),
        ({"regard : Astronautes": "Ailleurs."}, "regard : Astronautes",
         "« Astronautes » : sphère inconnue."),
        ({"mot": "Conventions territoriales"}, "mot",
         "« Conventions territoriales » est déjà dans le glossaire, sous « Convention "
         "territoriale globale »."),
        ({"sigle": "copil"}, "sigle", "est déjà dans le glossaire, sous « Comité de pilotage »"),
        ({"définition": " "}, "définition", "Cette colonne est obligatoire."),
        ({"mot": ""}, "mot", "Cette colonne est obligatoire."),
        ({"slug": "Pas un slug"}, "slug", "ne doit contenir que des lettres"),
        ({"voir aussi": "veille-sociale"}, "voir aussi", "ne peut pas renvoyer à lui-même"),
        ({"voir aussi": "ctg", "ne pas confondre avec": "ctg"}, "ne pas confondre avec",
         "« Convention territoriale globale » ne peut pas être à la fois"),
    ],
)  # fmt: skip
def test_each_bad_cell_is_reported_on_its_row_and_column(glossary, staff_user, changes, column,
                                                         message):  # fmt: skip
    row = {**NEW_ROW, **changes}
    good = {**NEW_ROW, "slug": "accueil-social", "mot": "Accueil social inconditionnel"}
    content = csv_bytes([list(row), [good.get(header, "") for header in row], list(row.values())])
    histories = Term.history.count()
    report = import_file(content, staff_user)
    errors = [(e["line"], e["column"]) for e in report.errors]
    assert errors == [(3, column)], report.errors
    assert message in report.errors[0]["message"]
    assert [r["status"] for r in report.rows] == ["new", "invalid"]
    assert not report.written
    assert not Term.objects.filter(
        slug__in=["veille-sociale", "accueil-social"]
    ).exists()  # all or nothing
    assert Term.history.count() == histories


def test_a_new_term_needs_the_required_columns(glossary, staff_user):
    report = import_file(csv_bytes([["slug", "mot"], ["veille-sociale", "Veilles sociales"]]),
                         staff_user)  # fmt: skip
    assert {(e["column"], e["message"]) for e in report.errors} == {
        ("catégorie", "Cette colonne manque : un nouveau terme en a besoin."),
        ("définition", "Cette colonne manque : un nouveau terme en a besoin."),
    }


def test_a_term_twice_in_the_file_and_a_spelling_twice(glossary, staff_user):
    rows = [list(NEW_ROW), list(NEW_ROW.values()), list(NEW_ROW.values()),
            ["accueil-social", "Veille sociale", "notion", "Autre chose."]]  # fmt: skip
    report = import_file(csv_bytes(rows), staff_user)
    assert [(e["line"], e["column"], e["message"]) for e in report.errors] == [
        (3, "slug", "Ce terme est déjà à la ligne 2 du fichier."),
        (4, "mot", "« Veille sociale » est aussi à la ligne 2 du fichier."),
    ]


def test_a_stored_clash_does_not_block_an_untouched_row(glossary, staff_user, client):
    Term.objects.filter(slug="evs").update(variants="convention territoriale")
    report = import_file(export(client, "csv"), staff_user)
    assert report.errors == [] and report.counts["unchanged"] == Term.objects.count()


# --- pages: who, preview, confirm, hostile files -----------------------------------------------


def upload(client, content, name="glossaire.csv"):
    return client.post(reverse("glossary:import_start"),
                       {"file": SimpleUploadedFile(name, content)})  # fmt: skip


def test_the_staff_preview_then_confirm(client, glossary, staff_user):
    client.force_login(staff_user)
    assert client.get(reverse("glossary:import_start")).status_code == 200
    content = csv_bytes([["slug", "définition"], ["ctg", "Nouvelle."], ["evs", ""]])
    response = upload(client, content)
    record = ImportRecord.objects.get()
    assert record.kind == "glossaire" and response["Location"] == record.get_absolute_url()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Cette colonne est obligatoire." in page and "Tout ou rien" not in page
    assert reverse("glossary:import_confirm", kwargs={"pk": record.pk}) not in page
    client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))
    record.refresh_from_db()
    assert record.status == ImportRecord.Status.REFUSED
    assert Term.objects.get(slug="ctg").version == 1
    upload(client, csv_bytes([["slug", "définition"], ["ctg", "Nouvelle."]]))
    record = ImportRecord.objects.first()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "définition" in page and reverse("glossary:term", kwargs={"slug": "ctg"}) in page
    response = client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}),
                           follow=True)  # fmt: skip
    assert "Glossaire importé : 0 nouveaux termes, 1 modifiés" in response.content.decode()
    assert Term.objects.get(slug="ctg").definition == "Nouvelle."
    client.post(reverse("glossary:import_confirm", kwargs={"pk": record.pk}))  # twice: once
    assert Term.objects.get(slug="ctg").version == 2
    assert record.get_absolute_url() in client.get(reverse("actors:import_start")).content.decode()
    # The directory's pages are for the directory's imports.
    assert client.get(reverse("actors:import_detail", kwargs={"pk": record.pk})).status_code == 404


@pytest.mark.parametrize("role", ["member", "moderator"])
def test_only_the_staff_import_the_glossary(client, glossary, staff_user, request, role):
    client.force_login(staff_user)
    upload(client, csv_bytes([["slug", "définition"], ["ctg", "Nouvelle."]]))
    record = ImportRecord.objects.get()
    client.force_login(request.getfixturevalue(role))
    assert client.get(reverse("glossary:import_start")).status_code == 403
    assert upload(client, csv_bytes([["slug"], ["ctg"]])).status_code == 403
    assert client.get(record.get_absolute_url()).status_code == 403
    confirm = reverse("glossary:import_confirm", kwargs={"pk": record.pk})
    assert client.post(confirm).status_code == 403
    assert ImportRecord.objects.count() == 1
    assert Term.objects.get(slug="ctg").version == 1


def _formula_xlsx() -> bytes:
    book = Workbook()
    book.active.append(["slug", "définition"])
    book.active.append(["ctg", "=1+1"])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"%PDF-1.4\x00\x01\x02binary" * 50, "n’est pas un tableur lisible"),
        (b"PK\x03\x04 renamed but broken zip" * 20, "n’est pas un tableur lisible"),
        (_formula_xlsx(), "la cellule contient une formule"),
        (csv_bytes([["mot", "définition"], ["CTG", "Sans slug."]]),
         "La première ligne doit donner les noms des colonnes"),
        (csv_bytes([["slug", "définition"]]), "aucune donnée"),
        (b"x" * (2 * 1024 * 1024), "Le fichier pèse 2.0 Mo : la limite est de 1 Mo."),
    ],
)  # fmt: skip
def test_hostile_files_are_refused_in_french(client, glossary, staff_user, settings, content,
                                             message):  # fmt: skip
    settings.IMPORT_MAX_MEGABYTES = 1
    client.force_login(staff_user)
    histories = Term.history.count()
    response = upload(client, content)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert not ImportRecord.objects.exists() and Term.history.count() == histories
