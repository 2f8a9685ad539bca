"""The import_spreadsheet command, for files too large for a web request."""

import io

import pytest
from django.core.management import CommandError, call_command

from actors.models import Actor, ImportRecord
from tests.actors.spreadsheets.helpers import HEADERS, csv_bytes

pytestmark = pytest.mark.django_db


def test_command_line_import_previews_then_imports(vocab, staff_user, tmp_path):
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
