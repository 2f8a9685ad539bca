"""The column-mapping step: each column of the file, the site's column it fills (or
« ignorée »), changeable before the preview, saved under a name for the next file from the
same source, and given to the command line as a JSON file or by that name."""

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse

from actors.models import Actor, ImportMapping, ImportRecord
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes

pytestmark = pytest.mark.django_db

# « Structure porteuse » is a name no synonym knows; « Remarques » is nothing the site reads.
HAND_KEPT = [
    ["Annuaire des acteurs – Drôme, mise à jour 2025"],
    ["Structure porteuse", "TYPE", "Résumé", "Code INSEE", "Remarques"],
    ["Maison des projets", "Centre social", "Accueil", "26113", "rappeler en mars"],
]


def upload(client, content, **extra):
    return client.post(
        reverse("actors:import_start"),
        {"kind": "acteurs", "file": SimpleUploadedFile("liste.csv", content), **extra},
    )


def columns_url(record):
    return reverse("actors:import_columns", kwargs={"pk": record.pk})


def test_a_file_with_unknown_columns_goes_to_the_mapping_step_first(client, vocab, staff_user):
    client.force_login(staff_user)
    response = upload(client, csv_bytes(HAND_KEPT))
    record = ImportRecord.objects.get()
    assert response.url == columns_url(record)
    page = client.get(columns_url(record))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Structure porteuse" in html and "Remarques" in html
    form = page.context["form"]
    initial = {form[name].label: form[name].initial for name, _header in form.headers}
    assert initial == {
        "Structure porteuse": "",
        "TYPE": "actor_type",
        "Résumé": "pitch",
        "Code INSEE": "commune",
        "Remarques": "",
    }


def test_changing_a_column_previews_again_and_the_mapping_can_be_saved(client, vocab, staff_user):
    client.force_login(staff_user)
    upload(client, csv_bytes(HAND_KEPT))
    record = ImportRecord.objects.get()
    assert record.rows_invalid == 1  # no name: the row cannot be read
    form = client.get(columns_url(record)).context["form"]
    data = {name: form[name].initial for name, _header in form.headers}
    data[form.headers[0][0]] = "name"
    data["save_as"] = "Fichier du réseau Drôme"
    response = client.post(columns_url(record), data)
    assert response.url == record.get_absolute_url()
    record.refresh_from_db()
    assert (record.rows_new, record.rows_invalid) == (1, 0)
    assert record.mapping["Structure porteuse"] == "name"
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Colonnes ignorées (inconnues) : Remarques" in page

    saved = ImportMapping.objects.get()
    assert saved.name == "Fichier du réseau Drôme" and saved.columns == record.mapping
    client.post(reverse("actors:import_confirm", kwargs={"pk": record.pk}))
    assert Actor.objects.get().name == "Maison des projets"

    # The next file from the same source is read with the saved mapping.
    HAND_KEPT[2][0] = "Épicerie solidaire"
    response = upload(client, csv_bytes(HAND_KEPT), saved_mapping=saved.pk)
    latest = ImportRecord.objects.first()
    assert latest.pk != record.pk and latest.rows_new == 1 and latest.rows_invalid == 0
    HAND_KEPT[2][0] = "Maison des projets"


def test_two_columns_for_the_same_field_are_refused_in_french(client, vocab, staff_user):
    client.force_login(staff_user)
    upload(client, csv_bytes(HAND_KEPT))
    record = ImportRecord.objects.get()
    form = client.get(columns_url(record)).context["form"]
    data = {name: "name" for name, _header in form.headers}
    response = client.post(columns_url(record), data)
    assert response.status_code == 400
    assert "remplit déjà cette colonne" in response.content.decode()


def test_a_template_shaped_file_goes_straight_to_the_preview_which_shows_its_columns(
    client, vocab, staff_user
):
    client.force_login(staff_user)
    row = ["Maison", "Centre social", "Action sociale", "Accueil", "", "26113", ""]
    response = upload(client, csv_bytes([HEADERS, row]))
    record = ImportRecord.objects.get()
    assert response.url == record.get_absolute_url()
    page = client.get(record.get_absolute_url()).content.decode()
    assert "Colonnes du fichier et colonnes du site" in page
    assert "Modifier la correspondance des colonnes" in page


def test_the_command_line_takes_a_json_mapping_or_a_saved_one(vocab, staff_user, tmp_path):
    path = tmp_path / "liste.csv"
    path.write_bytes(csv_bytes(HAND_KEPT))
    mapping = tmp_path / "colonnes.json"
    mapping.write_text(json.dumps({"Structure porteuse": "name", "Remarques": ""}))
    out = io.StringIO()
    call_command("import_spreadsheet", str(path), "--mapping", str(mapping), "--confirm",
                 stdout=out)  # fmt: skip
    assert "1 nouvelles" in out.getvalue() and Actor.objects.count() == 1

    ImportMapping.objects.create(
        name="Réseau Drôme", kind="acteurs", columns={"Structure porteuse": "name"}
    )
    call_command("import_spreadsheet", str(path), "--mapping", "Réseau Drôme", stdout=out)
    assert "1 inchangées" in out.getvalue()

    with pytest.raises(CommandError, match="Aucune correspondance enregistrée"):
        call_command("import_spreadsheet", str(path), "--mapping", "Inconnue", stdout=out)
    mapping.write_text(json.dumps({"Structure porteuse": "couleur"}))
    with pytest.raises(CommandError, match="« couleur » n’est pas une colonne connue"):
        call_command("import_spreadsheet", str(path), "--mapping", str(mapping), stdout=out)
    mapping.write_text("[1, 2]")
    with pytest.raises(CommandError, match="doit être un objet JSON"):
        call_command("import_spreadsheet", str(path), "--mapping", str(mapping), stdout=out)


def test_a_mapping_that_leaves_nothing_to_read_is_refused_and_the_preview_kept(
    client, vocab, staff_user
):
    client.force_login(staff_user)
    upload(client, csv_bytes(HAND_KEPT))
    record = ImportRecord.objects.get()
    before = record.report
    form = client.get(columns_url(record)).context["form"]
    response = client.post(columns_url(record), {name: "" for name, _header in form.headers})
    assert response.status_code == 400
    assert "La première ligne doit donner les noms des colonnes" in response.content.decode()
    record.refresh_from_db()
    assert record.report == before and record.mapping == {}
