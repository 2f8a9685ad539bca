"""Spreadsheet imports: preview, confirm, matching, idempotence, history, bad input."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook

from actors.models import Actor, Contact, ImportRecord, Participation, Relation, SearchTerm
from actors.spreadsheets import imports
from tests.actors.factories import (
    ActorFactory,
    ActorTypeFactory,
    CommuneFactory,
    ContactFactory,
    LocalSchemeFactory,
    ProfessionFactory,
    RelationFactory,
    SphereFactory,
    ThemeFactory,
)

pytestmark = pytest.mark.django_db

HEADERS = ["Nom", "Type", "Sphères", "En une phrase", "Thèmes", "Code INSEE", "SIRET"]


@pytest.fixture
def vocab(db):
    social = SphereFactory(name="Action sociale", slug="action-sociale")
    return {
        "sphere": social,
        "type": ActorTypeFactory(name="Centre social", slug="centre-social", sphere=social),
        "theme": ThemeFactory(name="Mobilité", slug="mobilite"),
        "food": ThemeFactory(name="Alimentation", slug="alimentation"),
        "commune": CommuneFactory(key="26113", name="Die"),
    }


def csv_bytes(rows, *, delimiter=";", encoding="utf-8-sig") -> bytes:
    import csv

    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter)
    for row in rows:
        writer.writerow(row)
    return buffer.getvalue().encode(encoding)


def xlsx_bytes(rows) -> bytes:
    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(content, *, user, dry_run=False, kind="acteurs", valid_rows_only=False):
    report, _format = imports.run_import(
        kind=kind,
        content=content,
        filename="f",
        user=user,
        dry_run=dry_run,
        valid_rows_only=valid_rows_only,
        reason="Import de test",
    )
    return report


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
    report = run(content, user=staff_user)
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
    report = run(content, user=staff_user, dry_run=True)
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
    report = run(content, user=staff_user)
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
    report = run(content, user=staff_user, valid_rows_only=True)
    assert report.written
    assert list(Actor.objects.values_list("name", flat=True)) == ["Bonne ligne"]
    assert report.errors[0]["line"] == 3 and report.errors[0]["column"] == "Type"


def test_matching_by_siret_then_slug_then_name_and_commune(vocab, staff_user):
    by_siret = ActorFactory(name="Ancien nom", siret="73282932000074", commune=vocab["commune"])
    by_slug = ActorFactory(name="Par identifiant", slug="par-identifiant")
    by_name = ActorFactory(name="Épicerie du Val", commune=vocab["commune"])
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "SIRET", "Code INSEE", "En une phrase"],
            ["Nouveau nom", "", "732 829 320 00074", "26113", "Par SIRET"],
            ["Par identifiant", "par-identifiant", "", by_slug.commune.key, "Par slug"],
            ["epicerie du val", "", "", "26113", "Par nom"],
        ]
    )
    report = run(content, user=staff_user)
    assert report.counts == {"new": 0, "updated": 3, "unchanged": 0, "invalid": 0}, report.errors
    by_siret.refresh_from_db(), by_slug.refresh_from_db(), by_name.refresh_from_db()
    assert (by_siret.name, by_siret.pitch) == ("Nouveau nom", "Par SIRET")
    assert by_slug.pitch == "Par slug"
    assert by_name.pitch == "Par nom"
    assert by_siret.version == 2
    assert report.rows[0]["changes"] == ["Nom", "En une phrase"]


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
    assert run(content, user=staff_user).counts["new"] == 1
    actor = Actor.objects.get()
    second = run(content, user=staff_user)
    assert second.counts == {"new": 0, "updated": 0, "unchanged": 1, "invalid": 0}
    assert actor.history.count() == 1
    contact = actor.contacts.get()
    assert (contact.role, contact.email, contact.visibility) == (
        "Animatrice",
        "camille@example.org",
        Contact.Visibility.PUBLIC,
    )


def test_contacts_are_read_as_the_export_writes_them(vocab, staff_user):
    agent = ProfessionFactory(name="Agent de développement local", slug="agent-dev")
    actor = ActorFactory(name="Tiers-lieu", slug="tiers-lieu")
    ContactFactory(actor=actor, name="Ancien", visibility=Contact.Visibility.MEMBERS)
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "Contacts réservés aux membres"],
            [
                "Tiers-lieu",
                "tiers-lieu",
                "Alex Exemple / Métier : agent de developpement local ; "
                "Sam Exemple / Coordinatrice / Agent de développement local / sam@example.org ; "
                "Lou Exemple / Agent de développement local",
            ],
        ]
    )
    report = run(content, user=staff_user)
    assert report.errors == []
    contacts = list(actor.contacts.order_by("position"))
    assert [c.name for c in contacts] == ["Alex Exemple", "Sam Exemple", "Lou Exemple"]
    assert (contacts[0].profession, contacts[0].role) == (agent, "")
    assert (contacts[1].role, contacts[1].profession, contacts[1].email) == (
        "Coordinatrice",
        agent,
        "sam@example.org",
    )
    # Without the « métier : » mark, a lone part is a fonction, even when a métier has its name.
    assert (contacts[2].role, contacts[2].profession) == ("Agent de développement local", None)


def test_a_contact_whose_fonction_is_a_metier_name_exports_and_reads_back_unchanged(
    client, vocab, staff_user
):
    agent = ProfessionFactory(name="Agent de développement local", slug="agent-dev")
    actor = ActorFactory(name="Tiers-lieu", slug="tiers-lieu")
    ContactFactory(actor=actor, name="Lou", role=agent.name, profession=None,
                   visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    ContactFactory(actor=actor, name="Sam", role="", profession=agent,
                   visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    client.force_login(staff_user)
    response = client.get(reverse("actors:actors_export", kwargs={"extension": "csv"}))
    exported = b"".join(response.streaming_content)
    assert "Sam / métier : Agent de développement local" in exported.decode("utf-8")
    report = run(exported, user=staff_user)
    assert report.counts["unchanged"] == 1, report.rows


def test_a_column_left_out_changes_nothing_and_an_empty_cell_empties(vocab, staff_user):
    actor = ActorFactory(slug="garage", missions="Réparer", acronym="GS", themes=[vocab["theme"]])
    run(csv_bytes([["Nom", "Identifiant", "Sigle"], [actor.name, "garage", ""]]), user=staff_user)
    actor.refresh_from_db()
    assert actor.acronym == ""
    assert actor.missions == "Réparer"
    assert list(actor.themes.all()) == [vocab["theme"]]


def test_windows_1252_comma_separated_and_iso_dates(vocab, staff_user):
    content = csv_bytes(
        [
            HEADERS + ["Vérifiée le"],
            [
                "Épicerie",
                "Centre social",
                "Action sociale",
                "Crée du lien",
                "",
                "26113",
                "",
                "2026-11-21",
            ],
        ],
        delimiter=",",
        encoding="cp1252",
    )
    report = run(content, user=staff_user)
    assert report.errors == []
    actor = Actor.objects.get()
    assert actor.name == "Épicerie" and actor.pitch == "Crée du lien"
    assert actor.last_checked_at.date().isoformat() == "2026-11-21"


def test_duplicate_rows_are_refused(vocab, staff_user):
    row = ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]
    report = run(csv_bytes([HEADERS, row, row]), user=staff_user)
    assert report.errors[0]["line"] == 3
    assert "Même structure qu’à la ligne 2" in report.errors[0]["message"]
    assert not Actor.objects.exists()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "Le fichier est vide."),
        (b"%PDF-1.4\x00\x01\x02binary" * 50, "n’est pas un tableur lisible"),
        (b"PK\x03\x04 renamed but broken zip" * 20, "n’est pas un tableur lisible"),
        (bytes(range(256)) * 40, "n’est pas un tableur lisible"),
        (
            b"Maison;Centre social;Action sociale\n",
            "La première ligne doit donner les noms",
        ),
        (csv_bytes([HEADERS]), "aucune donnée"),
        (csv_bytes([HEADERS, ["=1+1", "Centre social", "", "", "", "", ""]]), "formule"),
    ],
    ids=["empty", "pdf", "broken-zip", "binary", "no-headers", "headers-only", "formula"],
)
def test_bad_files_get_a_french_message_and_nothing_is_written(vocab, staff_user, content, message):
    report = run(content, user=staff_user)
    assert message in report.file_error
    assert not report.written
    assert not Actor.objects.exists()


def test_formula_cell_in_xlsx_is_refused(vocab, staff_user):
    content = xlsx_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "=A1", "", "26113", ""]]
    )
    report = run(content, user=staff_user)
    assert "Ligne 2, colonne 4" in report.file_error and "formule" in report.file_error


def test_xlsx_numbers_keep_their_leading_zeros(vocab, staff_user):
    ain = CommuneFactory(key="01053", name="Bourg-en-Bresse")
    content = xlsx_bytes(
        [
            HEADERS + ["Code postal"],
            ["Maison", "Centre social", "Action sociale", "Accueil", "", 1053, None, 1000],
        ]
    )
    report = run(content, user=staff_user)
    assert report.errors == []
    actor = Actor.objects.get()
    assert (actor.commune, actor.postcode) == (ain, "01000")


def test_relations_and_participations_import(vocab, staff_user):
    a, b = ActorFactory(slug="a"), ActorFactory(slug="b")
    local = LocalSchemeFactory(slug="ctg-diois")
    relations = csv_bytes(
        [
            [
                "Acteur",
                "Identifiant",
                "Nature",
                "Acteur lié",
                "Identifiant lié",
                "Depuis",
                "Précision",
            ],
            ["", "a", "Partenariat", "", "b", "2019", "Ateliers"],
            ["", "a", "Finance", "", "a", "", ""],
            ["", "a", "Amitié", "", "inconnu", "", ""],
        ]
    )
    report = run(relations, user=staff_user, kind="relations")
    columns = {(e["line"], e["column"]) for e in report.errors}
    assert {(3, "Identifiant lié"), (4, "Nature"), (4, "Identifiant lié")} <= columns
    report = run(relations, user=staff_user, kind="relations", valid_rows_only=True)
    relation = Relation.objects.get()
    assert (relation.source, relation.target, relation.since) == (a, b, 2019)
    again = run(relations, user=staff_user, kind="relations", valid_rows_only=True)
    assert again.counts["unchanged"] == 1
    participations = csv_bytes(
        [
            ["Identifiant", "Identifiant de l’acteur", "Rôle", "Précision"],
            ["ctg-diois", "a", "pilote", ""],
            ["ctg-diois", "b", "Partenaire", "Accueil"],
        ]
    )
    report = run(participations, user=staff_user, kind="participations")
    assert report.errors == [] and report.counts["new"] == 2
    assert set(Participation.objects.values_list("local_scheme", "actor", "role")) == {
        (local.pk, a.pk, "pilote"),
        (local.pk, b.pk, "partenaire"),
    }


# --- pages --------------------------------------------------------------------------------


def upload(client, content, name="acteurs.csv", kind="acteurs"):
    return client.post(
        reverse("actors:import_start"),
        {"kind": kind, "file": SimpleUploadedFile(name, content)},
    )


def test_only_staff_can_import(client, member, moderator):
    url = reverse("actors:import_start")
    assert client.get(url).status_code == 302
    for user in (member, moderator):
        client.force_login(user)
        assert client.get(url).status_code == 403
        assert upload(client, b"Nom\nX\n").status_code == 403
    assert not ImportRecord.objects.exists()


def test_preview_then_confirm_records_the_import_in_the_history(client, vocab, staff_user):
    client.force_login(staff_user)
    content = csv_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]]
    )
    response = upload(client, content)
    record = ImportRecord.objects.get()
    assert response.url == record.get_absolute_url()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "nouvelle" in page and "Maison" in page
    assert not Actor.objects.exists()
    response = client.post(
        reverse("actors:import_confirm", kwargs={"pk": record.pk}), {"lignes": "toutes"}
    )
    record.refresh_from_db()
    assert (record.status, record.rows_new, record.created_by) == ("imported", 1, staff_user)
    actor = Actor.objects.get()
    history = client.get(
        reverse("actors:actor_history", kwargs={"slug": actor.slug})
    ).content.decode()
    assert f"Import n° {record.pk}, fichier « acteurs.csv »" in history
    # A second confirmation (double click) writes nothing more.
    client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
    assert Actor.objects.count() == 1 and actor.history.count() == 1


def test_upload_errors_are_shown_on_the_form(client, vocab, staff_user, settings):
    client.force_login(staff_user)
    settings.IMPORT_MAX_MEGABYTES = 1
    response = upload(client, b"x" * (1024 * 1024 + 10))
    assert response.status_code == 400
    assert "la limite est de 1 Mo" in response.content.decode()
    response = upload(client, b"\x89PNG\r\n\x1a\n\x00\x00binary", name="photo.csv")
    assert "n’est pas un tableur lisible" in response.content.decode()
    assert not ImportRecord.objects.exists()


def template_of(client, kind) -> bytes:
    response = client.get(reverse("actors:import_template", kwargs={"kind": kind}))
    assert response.status_code == 200
    return b"".join(response.streaming_content)


def test_templates_have_headers_an_example_and_a_columns_sheet(client, vocab, staff_user):
    client.force_login(staff_user)
    for kind in ("acteurs", "relations", "participations"):
        book = load_workbook(io.BytesIO(template_of(client, kind)))
        assert book.sheetnames[1] == "Colonnes"
        assert book.worksheets[0].max_row == 2
    template = template_of(client, "acteurs")
    sheet = load_workbook(io.BytesIO(template))["Colonnes"]
    help_rows = {row[0]: row for row in sheet.iter_rows(values_only=True) if row}
    assert "Centre social" in help_rows["Type"][3]
    assert "Mobilité" in help_rows["Thèmes"][3]
    # The example row of the template imports as it is.
    report = run(template, user=staff_user, dry_run=True)
    assert report.errors == [] and report.counts["new"] == 1


def test_a_50_mb_file_is_refused_before_it_is_read(client, vocab, staff_user):
    client.force_login(staff_user)
    big = csv_bytes([HEADERS]) + b"Maison;Centre social;Action sociale;x;;26113;\r\n" * 1_150_000
    assert len(big) > 50 * 1024 * 1024
    response = upload(client, big)
    assert response.status_code == 400
    assert "la limite est de 10 Mo" in response.content.decode()
    assert not ImportRecord.objects.exists() and not Actor.objects.exists()


def ods_bytes(rows, formula_at=None) -> bytes:
    from odf.opendocument import OpenDocumentSpreadsheet
    from odf.table import Table, TableCell, TableRow
    from odf.text import P

    document = OpenDocumentSpreadsheet()
    sheet = Table(name="Acteurs")
    for line, row in enumerate(rows):
        table_row = TableRow()
        for column, value in enumerate(row):
            if (line, column) == formula_at:
                cell = TableCell(valuetype="float", value="2", formula="of:=1+1")
            else:
                cell = TableCell(valuetype="string")
                cell.addElement(P(text=value))
            table_row.addElement(cell)
        sheet.addElement(table_row)
    document.spreadsheet.addElement(sheet)
    buffer = io.BytesIO()
    document.write(buffer)
    return buffer.getvalue()


def test_ods_files_are_read_and_their_formulas_refused(vocab, staff_user):
    rows = [HEADERS, ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]]
    report = run(ods_bytes(rows, formula_at=(1, 3)), user=staff_user)
    assert "Ligne 2, colonne 4" in report.file_error and "formule" in report.file_error
    assert run(ods_bytes(rows), user=staff_user).counts["new"] == 1
    assert Actor.objects.get().name == "Maison"


def test_relations_may_name_actors_without_identifiers(vocab, staff_user):
    a = ActorFactory(name="Centre social du Diois")
    b = ActorFactory(name="Épicerie solidaire")
    ActorFactory(name="Homonyme"), ActorFactory(name="Homonyme")
    content = csv_bytes(
        [
            ["Acteur", "Nature", "Acteur lié"],
            ["centre social du diois", "Partenariat", "Épicerie solidaire"],
            ["Homonyme", "Partenariat", "Épicerie solidaire"],
            ["", "Partenariat", "Épicerie solidaire"],
        ]
    )
    report = run(content, user=staff_user, kind="relations", valid_rows_only=True)
    messages = {(e["line"], e["column"]): e["message"] for e in report.errors}
    assert "plusieurs portent ce nom" in messages[(3, "Identifiant")]
    assert "Donnez l’identifiant ou le nom" in messages[(4, "Identifiant")]
    assert list(Relation.objects.values_list("source", "target")) == [(a.pk, b.pk)]


@hypothesis_settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(content=st.binary(max_size=3000) | st.text(max_size=600).map(str.encode))
def test_any_bytes_give_a_report_never_an_exception(vocab, staff_user, content):
    for kind in ("acteurs", "relations"):
        report = run(content, user=staff_user, kind=kind, dry_run=True)
        assert report.file_error or report.rows or report.errors
    assert not Actor.objects.exists()


def test_command_line_import_previews_then_imports(vocab, staff_user, tmp_path):
    from django.core.management import CommandError, call_command

    path = tmp_path / "acteurs.csv"
    path.write_bytes(
        csv_bytes(
            [HEADERS, ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]]
        )
    )
    out = io.StringIO()
    call_command("import_spreadsheet", str(path), stdout=out)
    assert "1 nouvelles" in out.getvalue() and "--confirm" in out.getvalue()
    assert not Actor.objects.exists()
    call_command("import_spreadsheet", str(path), "--confirm", "--user", "equipe", stdout=out)
    assert Actor.objects.get().created_by == staff_user
    assert ImportRecord.objects.filter(status="imported").count() == 1
    path.write_bytes(b"")
    with pytest.raises(CommandError, match="Le fichier est vide"):
        call_command("import_spreadsheet", str(path), stdout=out)


def test_command_line_may_accept_a_larger_file(vocab, staff_user, tmp_path, settings):
    from django.core.management import CommandError, call_command

    settings.IMPORT_MAX_MEGABYTES = 1
    row = ["Maison", "Centre social", "Action sociale", "Accueil " + "x" * 100, "", "26113", ""]
    path = tmp_path / "gros.csv"
    path.write_bytes(csv_bytes([HEADERS] + [row] * 12_000))
    with pytest.raises(CommandError, match="la limite est de 1 Mo"):
        call_command("import_spreadsheet", str(path), stdout=io.StringIO())
    out = io.StringIO()
    call_command("import_spreadsheet", str(path), "--max-megabytes", "5", stdout=out)
    # The rows are all read (and refused as the same structure): the size was accepted.
    assert "11999 en erreur" in out.getvalue()


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
    run(content, user=staff_user)
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


def test_namesakes_with_their_own_identifiers_are_not_duplicates(vocab, staff_user):
    first = ActorFactory(name="Mairie", slug="mairie-die", commune=vocab["commune"])
    second = ActorFactory(name="Mairie", slug="mairie-die-2", commune=vocab["commune"])
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "Code INSEE", "En une phrase", "Type", "Sphères"],
            ["Mairie", "mairie-die", "26113", "Première", "Centre social", "Action sociale"],
            ["Mairie", "mairie-die-2", "26113", "Seconde", "Centre social", "Action sociale"],
            ["Mairie", "mairie-nouvelle", "26113", "Troisième", "Centre social", "Action sociale"],
        ]
    )
    report = run(content, user=staff_user)
    assert report.errors == []
    assert report.counts == {"new": 1, "updated": 2, "unchanged": 0, "invalid": 0}
    first.refresh_from_db(), second.refresh_from_db()
    assert (first.pitch, second.pitch) == ("Première", "Seconde")
    assert Actor.objects.get(slug="mairie-nouvelle").pitch == "Troisième"


def test_a_zip_bomb_is_refused_before_it_is_unfolded(vocab, staff_user, settings):
    import zipfile

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"<row/>" * (80 * 1024 * 1024))
    content = buffer.getvalue()
    assert len(content) < 1024 * 1024
    report = run(content, user=staff_user)
    assert "décompressé dépasse 400 Mo" in report.file_error


# --- found in review: each of these once gave a wrong result or an error page ---------------


def test_contact_errors_stay_on_their_row(vocab, staff_user):
    actor = ActorFactory(slug="maison")
    long_email = "jean@" + "x" * 250 + ".org"
    content = csv_bytes(
        [
            ["Identifiant", "Contacts publics", "Contacts réservés aux membres"],
            ["maison", f"Jean / {long_email}", " ; ".join(f"P{n}" for n in range(101))],
        ]
    )
    report = run(content, user=staff_user, valid_rows_only=True)
    messages = {e["column"]: e["message"] for e in report.errors}
    assert "courriel" in messages["Contacts publics"]
    assert "100 au plus" in messages["Contacts réservés aux membres"]
    assert not actor.contacts.exists()


def test_a_long_file_name_does_not_prevent_the_import(client, vocab, staff_user):
    client.force_login(staff_user)
    content = csv_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", ""]]
    )
    upload(client, content, name="tableau-" + "x" * 150 + ".csv")
    record = ImportRecord.objects.get()
    client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
    record.refresh_from_db()
    assert (record.status, record.imported_by) == ("imported", staff_user)
    reason = Actor.objects.get().history.get().history_change_reason
    assert reason.startswith(f"Import n° {record.pk}, fichier") and len(reason) <= 100


def test_a_sheet_claiming_a_million_rows_is_read_quickly(vocab, staff_user):
    book = Workbook()
    sheet = book.active
    for column, header in enumerate(HEADERS, 1):
        sheet.cell(row=1, column=column, value=header)
    for column, value in enumerate(["Maison", "Centre social", "Action sociale", "Ok"], 1):
        sheet.cell(row=2, column=column, value=value)
    sheet.cell(row=2, column=6, value="26113")
    sheet.cell(row=1_048_576, column=200, value="loin")
    buffer = io.BytesIO()
    book.save(buffer)
    report = run(buffer.getvalue(), user=staff_user, dry_run=True)
    assert report.counts["new"] == 1 and report.errors == []


def test_namesake_contacts_are_kept_apart(vocab, staff_user):
    actor = ActorFactory(slug="maison")
    for phone in ("04 75 00 00 01", "04 75 00 00 02"):
        ContactFactory(actor=actor, name="Accueil", role="", email="", phone=phone,
                       profession=None, visibility=Contact.Visibility.PUBLIC)  # fmt: skip
    content = csv_bytes(
        [
            ["Identifiant", "En une phrase", "Contacts publics"],
            ["maison", "Nouveau", "Accueil / 04 75 00 00 01 ; Accueil / 04 75 00 00 02"],
        ]
    )
    run(content, user=staff_user)
    assert actor.contacts.count() == 2
    assert run(content, user=staff_user).counts["unchanged"] == 1


def test_a_relation_file_without_some_columns_keeps_their_values(vocab, staff_user):
    a, b = ActorFactory(slug="a"), ActorFactory(slug="b")
    RelationFactory(source=a, target=b, kind="partenariat", since=2010, note="Note importante")
    content = csv_bytes(
        [["Identifiant", "Nature", "Identifiant lié", "Depuis"], ["a", "Partenariat", "b", "2015"]]
    )
    report = run(content, user=staff_user, kind="relations")
    assert report.counts["updated"] == 1 and report.counts["new"] == 0
    relation = Relation.objects.get()
    assert (relation.since, relation.note) == (2015, "Note importante")


def test_keys_that_disagree_or_names_that_are_ambiguous_are_errors(vocab, staff_user):
    one = ActorFactory(slug="un", siret="73282932000074", commune=vocab["commune"])
    ActorFactory(slug="deux", name="Mairie", commune=vocab["commune"])
    ActorFactory(slug="trois", name="Mairie", commune=vocab["commune"])
    content = csv_bytes(
        [
            ["Nom", "Identifiant", "SIRET", "Code INSEE", "En une phrase"],
            [one.name, "deux", "73282932000074", "26113", "Conflit"],
            ["Mairie", "", "", "26113", "Laquelle ?"],
        ]
    )
    report = run(content, user=staff_user)
    messages = {e["line"]: e["message"] for e in report.errors}
    assert "deux fiches différentes" in messages[2]
    assert "Plusieurs fiches portent ce nom" in messages[3]
    one.refresh_from_db()
    assert one.pitch != "Conflit"


def test_an_unknown_siret_is_a_new_fiche_even_with_a_known_name(vocab, staff_user):
    existing = ActorFactory(name="Maison", commune=vocab["commune"], siret="")
    content = csv_bytes(
        [
            HEADERS,
            ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "73282932000074"],
            ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "35600000000047"],
        ]
    )
    report = run(content, user=staff_user)
    assert report.errors == [] and report.counts["new"] == 2
    existing.refresh_from_db()
    assert existing.siret == ""


def test_a_siren_is_not_taken_for_a_siret(vocab, staff_user):
    content = csv_bytes(
        [HEADERS, ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "552032534"]]
    )
    report = run(content, user=staff_user)
    assert report.errors[0]["column"] == "SIRET"


@pytest.mark.parametrize("latitude", ["nan", "inf", "44,5x"])
def test_coordinates_must_be_numbers(vocab, staff_user, latitude):
    content = csv_bytes(
        [HEADERS + ["Latitude", "Longitude"],
         ["Maison", "Centre social", "Action sociale", "Ok", "", "26113", "", latitude, "5,3"]]
    )  # fmt: skip
    report = run(content, user=staff_user)
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
    assert run(content, user=staff_user).counts["unchanged"] == 1
    assert actor.history.count() == 1


def test_a_csv_mixing_encodings_is_refused(vocab, staff_user):
    content = "Nom;Type\nÉpicerie;Centre social\n".encode() + "Café;Centre social\n".encode(
        "cp1252"
    )
    report = run(content, user=staff_user)
    assert "mélange deux encodages" in report.file_error


def test_update_only_files_old_addresses_and_loose_headers(vocab, staff_user):
    from actors.models import ActorRedirect

    actor = ActorFactory(slug="nouvelle-adresse")
    ActorRedirect.objects.create(old_slug="ancienne-adresse", actor=actor)
    ProfessionFactory(name="Animatrice", slug="animatrice")
    content = csv_bytes(
        [
            ["Identifiant", "Territoires d'intervention", "Contacts publics"],
            ["ancienne-adresse", "26113", "Lou / métier： Animatrice"],
        ]
    )
    report = run(content, user=staff_user)
    assert report.errors == [] and report.counts["updated"] == 1
    assert list(actor.intervention_territories.values_list("key", flat=True)) == ["26113"]
    assert actor.contacts.get().profession.name == "Animatrice"
    assert not Actor.objects.filter(slug="ancienne-adresse").exists()
