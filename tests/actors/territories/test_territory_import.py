"""import_territories: territories rebuilt from tiny fake source files; the committed fixture."""

import csv
import io
import json
import lzma
import struct
from collections import Counter
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management import CommandError, call_command

from actors.models import Territory
from actors.territories import sources as territory_sources
from actors.territories.loader import load_territory_records
from actors.territories.sources import TerritorySourceError, fetch_sources
from actors.validators import validate_siren
from tests.actors.factories import ActorFactory

VALENCE = (4.89214, 44.93321)  # (longitude, latitude)
ROMANS = (5.05126, 45.04315)
LYON = (4.83537, 45.76769)
AVIGNON_WRONG_TOWN_HALL = (2.0, 48.0)  # geocoded far away: the contour's centroid wins
ROMANS_DELEGUEE = (5.1, 45.1)
EPCI_SIREN = "200068781"


def _point(longitude: float, latitude: float, *, srid: bool = False) -> str:
    if srid:
        return (
            struct.pack("<BII", 1, 0x20000001, 4326) + struct.pack("<2d", longitude, latitude)
        ).hex()
    return (struct.pack("<BI", 1, 1) + struct.pack("<2d", longitude, latitude)).hex()


def _square(west: float, south: float, east: float, north: float) -> str:
    ring = [(west, south), (east, south), (east, north), (west, north), (west, south)]
    polygon = struct.pack("<BII", 1, 3, 1) + struct.pack("<I", len(ring))
    polygon += b"".join(struct.pack("<2d", x, y) for x, y in ring)
    return (struct.pack("<BII", 1, 6, 1) + polygon).hex().upper()


def _commune(code, name, departement, region, population, postcodes, **extra):
    return {
        "code": code,
        "nom": name,
        "departement": departement,
        "region": region,
        "zone": "metro",
        "type": "commune-actuelle",
        "population": population,
        "codesPostaux": postcodes,
        **extra,
    }


COMMUNES = [
    _commune("26362", "Valence", "26", "84", 64458, ["26000"]),
    _commune("26281", "Romans-sur-Isère", "26", "84", 33160, ["26100"]),
    _commune("26198", "Montélimar", "26", "84", 40595, ["26200"]),
    {
        "code": "26281",
        "nom": "Romans ancienne",
        "departement": "26",
        "region": "84",
        "zone": "metro",
        "type": "commune-deleguee",
        "chefLieu": "26281",
    },
    _commune("69123", "Lyon", "69", "84", 520774, ["69001", "69002"]),
    _commune("84007", "Avignon", "84", "93", 89330, ["84000"]),
]


def _write_sources(directory: Path, communes=COMMUNES) -> Path:
    def dump(name, data):
        (directory / name).write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")

    dump(
        "regions.json",
        [
            {"code": "84", "chefLieu": "69123", "nom": "Auvergne-Rhône-Alpes", "zone": "metro"},
            {
                "code": "93",
                "chefLieu": "13055",
                "nom": "Provence-Alpes-Côte d'Azur",
                "zone": "metro",
            },
        ],
    )
    dump(
        "departements.json",
        [
            {"code": "26", "region": "84", "chefLieu": "26362", "nom": "Drôme", "zone": "metro"},
            {"code": "69", "region": "84", "chefLieu": "69123", "nom": "Rhône", "zone": "metro"},
            {"code": "84", "region": "93", "chefLieu": "84007", "nom": "Vaucluse", "zone": "metro"},
        ],
    )
    dump(
        "epci.json",
        [
            {
                "code": EPCI_SIREN,
                "nom": "CA Valence Romans Agglo",
                "type": "CA",
                "populationMunicipale": 97618,
                "membres": [{"code": "26362"}, {"code": "26281"}],
            }
        ],
    )
    dump("communes.json", communes)
    rows = [
        ("26362", "COM", _point(*VALENCE), _square(4.85, 44.9, 4.95, 44.97)),
        ("26281", "COM", _point(*ROMANS, srid=True), r"\N"),
        ("26281", "COMD", _point(*ROMANS_DELEGUEE), r"\N"),
        ("26198", "COM", r"\N", _square(4.7, 44.5, 4.8, 44.6)),
        ("69123", "COM", _point(*LYON), r"\N"),
        ("84007", "COM", _point(*AVIGNON_WRONG_TOWN_HALL), _square(4.78, 43.92, 4.84, 43.98)),
    ]
    text = io.StringIO()
    writer = csv.writer(text)
    writer.writerow(["id", "code", "type", "nom", "geometry", "mairie_localisation"])
    for number, (code, kind, mairie, geometry) in enumerate(rows):
        writer.writerow([number, code, kind, "x", geometry, mairie])
    (directory / "communes.csv.lzma").write_bytes(lzma.compress(text.getvalue().encode("utf-8")))
    return directory


def _import(*args) -> str:
    out = StringIO()
    call_command("import_territories", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def sources(tmp_path):
    return _write_sources(tmp_path)


@pytest.mark.django_db
def test_communes_of_the_departement_are_imported_with_parents_points_and_population(sources):
    _import("--departement", "26", "--sources", str(sources))

    valence = Territory.objects.get(key="26362")
    assert valence.kind == Territory.Kind.COMMUNE
    assert (valence.departement.key, valence.region.key, valence.epci.key) == (
        "26",
        "R84",
        EPCI_SIREN,
    )
    assert valence.population == 64458
    assert valence.postcodes == "26000"
    assert valence.slug == "valence-26362"
    assert valence.longitude == pytest.approx(VALENCE[0], abs=1e-6)
    assert valence.latitude == pytest.approx(VALENCE[1], abs=1e-6)

    romans = Territory.objects.get(key="26281")  # SRID-flagged point, commune déléguée ignored
    assert romans.name == "Romans-sur-Isère"
    assert romans.search_name == "romans-sur-isere"
    assert romans.longitude == pytest.approx(ROMANS[0], abs=1e-6)
    assert romans.latitude == pytest.approx(ROMANS[1], abs=1e-6)

    montelimar = Territory.objects.get(key="26198")  # no town hall: centroid of its contour
    assert montelimar.epci is None
    assert montelimar.longitude == pytest.approx(4.75, abs=1e-6)
    assert montelimar.latitude == pytest.approx(44.55, abs=1e-6)

    assert not Territory.objects.filter(key__in=["69123", "84007"]).exists()
    assert Territory.objects.filter(kind="commune").count() == 3


@pytest.mark.django_db
def test_every_region_and_departement_is_imported_with_its_chef_lieu_point(sources):
    _import("--departement", "26", "--sources", str(sources))

    assert set(Territory.objects.filter(kind="region").values_list("key", flat=True)) == {
        "R84",
        "R93",
    }
    assert set(Territory.objects.filter(kind="departement").values_list("key", flat=True)) == {
        "26",
        "69",
        "84",
    }
    aura = Territory.objects.get(key="R84")
    assert (aura.code, aura.slug, aura.population) == (
        "84",
        "auvergne-rhone-alpes",
        64458 + 33160 + 40595 + 520774,
    )
    assert (aura.longitude, aura.latitude) == pytest.approx(LYON, abs=1e-6)
    drome = Territory.objects.get(key="26")
    assert drome.region.key == "R84"
    assert (drome.longitude, drome.latitude) == pytest.approx(VALENCE, abs=1e-6)
    vaucluse = Territory.objects.get(key="84")
    assert vaucluse.region.key == "R93"
    assert (vaucluse.longitude, vaucluse.latitude) == pytest.approx((4.81, 43.95), abs=1e-6)
    assert Territory.objects.get(key="R93").latitude is None  # chef-lieu 13055 not in the sources


@pytest.mark.django_db
def test_epci_gets_its_population_parents_and_a_population_weighted_point(sources):
    _import("--departement", "26", "--sources", str(sources))

    epci = Territory.objects.get(key=EPCI_SIREN)
    assert (epci.kind, epci.code, epci.population) == ("epci", EPCI_SIREN, 97618)
    assert (epci.departement.key, epci.region.key) == ("26", "R84")
    assert epci.slug == f"ca-valence-romans-agglo-{EPCI_SIREN}"
    total = 64458 + 33160
    assert epci.longitude == pytest.approx(
        (VALENCE[0] * 64458 + ROMANS[0] * 33160) / total, abs=1e-5
    )
    assert epci.latitude == pytest.approx(
        (VALENCE[1] * 64458 + ROMANS[1] * 33160) / total, abs=1e-5
    )
    assert set(epci.member_communes.values_list("key", flat=True)) == {"26362", "26281"}


@pytest.mark.django_db
def test_running_twice_changes_nothing(sources):
    _import("--departement", "26", "--sources", str(sources))
    before = list(Territory.objects.order_by("key").values())

    output = _import("--departement", "26", "--sources", str(sources))

    assert "Communes : 0 créé(s), 0 mis à jour, 3 inchangé(s)." in output
    assert "Régions : 0 créé(s), 0 mis à jour, 2 inchangé(s)." in output
    assert "EPCI : 0 créé(s), 0 mis à jour, 1 inchangé(s)." in output
    assert list(Territory.objects.order_by("key").values()) == before


@pytest.mark.django_db
def test_a_commune_renamed_in_the_source_is_updated(tmp_path):
    _write_sources(tmp_path)
    _import("--departement", "26", "--sources", str(tmp_path))
    valence_id = Territory.objects.get(key="26362").pk
    renamed = [dict(c, nom="Valence-sur-Rhône") if c["code"] == "26362" else c for c in COMMUNES]
    _write_sources(tmp_path, communes=renamed)

    output = _import("--departement", "26", "--sources", str(tmp_path))

    assert "Communes : 0 créé(s), 1 mis à jour, 2 inchangé(s)." in output
    valence = Territory.objects.get(key="26362")
    assert valence.pk == valence_id
    assert (valence.name, valence.slug, valence.search_name) == (
        "Valence-sur-Rhône",
        "valence-sur-rhone-26362",
        "valence-sur-rhone",
    )
    assert valence.epci.key == EPCI_SIREN


@pytest.mark.django_db
def test_the_fiches_of_a_renamed_commune_are_found_under_its_new_name(tmp_path, client):
    _write_sources(tmp_path)
    _import("--departement", "26", "--sources", str(tmp_path))
    garage = ActorFactory(name="Garage solidaire", commune=Territory.objects.get(key="26362"))
    assert client.get("/acteurs/", {"q": "valence"}).context["page"].paginator.count == 1
    renamed = [dict(c, nom="Valenciennes") if c["code"] == "26362" else c for c in COMMUNES]
    _write_sources(tmp_path, communes=renamed)

    _import("--departement", "26", "--sources", str(tmp_path))

    found = client.get("/acteurs/", {"q": "valenciennes"}).context["page"].object_list
    assert [actor.pk for actor in found] == [garage.pk]


@pytest.mark.django_db
def test_custom_perimeters_are_left_alone(sources):
    _import("--departement", "26", "--sources", str(sources))
    gal = Territory.objects.create(kind="gal", key="gal-drome", name="GAL Drôme", slug="gal-drome")
    gal.communes.set(Territory.objects.filter(kind="commune"))

    _import("--departement", "26", "--region", "93", "--sources", str(sources))

    gal.refresh_from_db()
    assert (gal.kind, gal.name, gal.code) == ("gal", "GAL Drôme", "")
    assert gal.communes.count() == 3
    assert Territory.objects.filter(kind="commune").count() == 4  # + Avignon


@pytest.mark.django_db
def test_extra_communes_are_added_to_the_selection(sources):
    _import("--departement", "26", "--extra-commune", "69123", "--sources", str(sources))

    lyon = Territory.objects.get(key="69123")
    assert (lyon.departement.key, lyon.region.key, lyon.epci) == ("69", "R84", None)
    assert lyon.postcodes == "69001,69002"


@pytest.mark.django_db
def test_without_a_selection_the_command_refuses_in_french(sources):
    with pytest.raises(CommandError, match="Précisez les communes à importer"):
        _import("--sources", str(sources))
    assert not Territory.objects.exists()


@pytest.mark.django_db
def test_a_missing_source_file_is_reported_in_french(sources):
    (sources / "epci.json").unlink()

    with pytest.raises(CommandError, match="Fichier\\(s\\) manquant\\(s\\).*epci\\.json"):
        _import("--departement", "26", "--sources", str(sources))
    assert not Territory.objects.exists()


@pytest.mark.django_db
def test_an_unknown_code_is_reported_in_french(sources):
    with pytest.raises(CommandError, match="Code\\(s\\) inconnu\\(s\\).*département 99"):
        _import("--departement", "99", "--sources", str(sources))


def test_fetching_without_npm_fails_with_a_french_message(tmp_path, monkeypatch):
    monkeypatch.setattr(territory_sources.shutil, "which", lambda name: None)

    with pytest.raises(TerritorySourceError, match="npm est introuvable"):
        fetch_sources(tmp_path)


# --- The committed fixture -----------------------------------------------------------------

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "territories.json"


@pytest.fixture(scope="module")
def fixture_records():
    return json.loads(FIXTURE.read_text(encoding="utf-8"))


def test_fixture_keys_are_unique_and_in_the_expected_shape(fixture_records):
    keys = [record["key"] for record in fixture_records]
    assert len(keys) == len(set(keys))
    fields = {"kind", "code", "key", "name", "population", "postcodes", "latitude", "longitude"}
    assert all(fields | {"region", "departement", "epci"} == set(r) for r in fixture_records)
    counts = Counter(record["kind"] for record in fixture_records)
    assert (counts["region"], counts["departement"]) == (18, 101)
    assert 3900 <= counts["commune"] <= 4100
    assert 150 <= counts["epci"] <= 200


def test_fixture_communes_point_to_existing_departements_regions_and_epci(fixture_records):
    kinds = {record["key"]: record["kind"] for record in fixture_records}
    for record in fixture_records:
        if record["kind"] != "commune":
            continue
        assert len(record["code"]) == 5 and record["key"] == record["code"], record
        assert kinds.get(record["departement"]) == "departement", record
        assert kinds.get(record["region"]) == "region", record
        assert record["epci"] is None or kinds.get(record["epci"]) == "epci", record


def test_fixture_epci_codes_are_valid_sirens(fixture_records):
    invalid = []
    for record in fixture_records:
        if record["kind"] == "epci":
            try:
                validate_siren(record["code"])
            except ValidationError:
                invalid.append(record["code"])
    assert invalid == []


def test_every_aura_commune_of_the_fixture_has_a_point(fixture_records):
    aura = [r for r in fixture_records if r["kind"] == "commune" and r["region"] == "R84"]
    assert len(aura) > 3900
    missing = [r["key"] for r in aura if r["latitude"] is None or r["longitude"] is None]
    assert missing == []
    assert all(44 < r["latitude"] < 47 and 2 < r["longitude"] < 8 for r in aura)
    paris = next(r for r in fixture_records if r["key"] == "75056")
    assert (paris["departement"], paris["region"]) == ("75", "R11")


def test_loaded_territories_are_listed_in_french_alphabetical_order(db, fixture_records):
    """Loaded in bulk (no `save`), each territory still gets its folded name: ordered as the
    database compares names, « Île-de-France » came after « Provence-Alpes-Côte d'Azur »."""
    load_territory_records(fixture_records)
    regions = list(Territory.objects.filter(kind="region").values_list("name", flat=True))
    assert regions.index("Hauts-de-France") < regions.index("Île-de-France")
    assert regions.index("Île-de-France") < regions.index("La Réunion")

    # Renamed by a later load, it moves to its new place.
    renamed = [dict(r, name="Émeraude") if r["key"] == "R53" else r for r in fixture_records]
    load_territory_records(renamed)
    regions = list(Territory.objects.filter(kind="region").values_list("name", flat=True))
    assert regions.index("Corse") < regions.index("Émeraude") < regions.index("Grand Est")
