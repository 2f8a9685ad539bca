"""Export → import into a database emptied of its fiches → export again: the same files."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.urls import reverse

from actors.models import Actor, Participation, Relation
from actors.spreadsheets import imports

pytestmark = pytest.mark.django_db


@pytest.fixture
def demo(db):
    call_command("load_reference_data", "--demo", stdout=StringIO())


def download(client, name, **kwargs) -> bytes:
    response = client.get(reverse(name, kwargs=kwargs))
    assert response.status_code == 200
    if response.streaming:
        return b"".join(response.streaming_content)
    return response.content


def import_file(content: bytes, kind: str, user):
    report, _format = imports.run_import(
        kind=kind, content=content, filename=f"{kind}.x", user=user, dry_run=False
    )
    assert report.errors == [] and report.file_error == ""
    assert report.written
    return report


def test_export_import_export_gives_identical_files(client, demo, staff_user):
    client.force_login(staff_user)
    actors_csv = download(client, "actors:actors_export", extension="csv")
    actors_xlsx = download(client, "actors:actors_export", extension="xlsx")
    relations_csv = download(client, "actors:table_export", table="relations", extension="csv")
    participations_csv = download(
        client, "actors:table_export", table="dispositifs-locaux", extension="csv"
    )
    count = Actor.objects.count()
    assert count > 200 and Relation.objects.exists() and Participation.objects.exists()

    # Only the reference data stays: territories (perimeters included), vocabularies, schemes
    # and the local schemes, now without participants.
    Actor.objects.all().delete()
    assert not Relation.objects.exists() and not Participation.objects.exists()

    report = import_file(actors_csv, "acteurs", staff_user)
    assert report.counts["new"] == count
    import_file(relations_csv, "relations", staff_user)
    import_file(participations_csv, "participations", staff_user)

    assert download(client, "actors:actors_export", extension="csv") == actors_csv
    assert download(client, "actors:table_export", table="relations", extension="csv") == (
        relations_csv
    )
    assert (
        download(client, "actors:table_export", table="dispositifs-locaux", extension="csv")
        == participations_csv
    )

    # The same export read back as XLSX changes nothing: every row is recognised as unchanged.
    report = import_file(actors_xlsx, "acteurs", staff_user)
    assert report.counts == {"new": 0, "updated": 0, "unchanged": count, "invalid": 0}


def test_ods_export_reads_back_unchanged(client, demo, staff_user):
    client.force_login(staff_user)
    ods = download(client, "actors:actors_export", extension="ods")
    report = import_file(ods, "acteurs", staff_user)
    assert report.counts["unchanged"] == Actor.objects.count()
    assert report.counts["updated"] == report.counts["new"] == 0
