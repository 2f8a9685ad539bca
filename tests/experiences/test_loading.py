"""The experience sheets of fixtures/experiences/sheets.json: every reference exists in the demo
data, they load published and illustrative, load again without a new version or history row, and
a sheet naming something unknown is refused with its slug, before anything is written."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import transaction
from django.test import override_settings

from actors.models import PublicationStatus
from actors.reference_data.loader import load_demo, load_schemes, load_vocabularies, read_json
from actors.territories.loader import load_territory_records
from experiences.loader import ExperienceDataError, load_experiences
from experiences.models import CooperationMode, Experience, ExperienceActor, ExperienceLink, Phase
from experiences.models import Testimony as SheetTestimony
from mailleurs.grid.models import GridFunction
from mailleurs.grid.reference_data import load_grid_version

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SHEETS = FIXTURES / "experiences" / "sheets.json"
OFFICIAL_KINDS = {"commune", "epci", "departement"}


def sheets_data() -> dict:
    return json.loads(SHEETS.read_text(encoding="utf-8"))


def _named_actors(data: dict) -> set[str]:
    involved = {row["actor"] for sheet in data["sheets"] for row in sheet["actors"]}
    return involved | {sheet["contact"] for sheet in data["sheets"] if sheet.get("contact")}


def _demo_for(data: dict) -> dict:
    """The part of fixtures/demo.json the sheets name: the custom perimeters, the sheets' actors
    and local schemes (with their participants among those actors)."""
    demo = read_json(FIXTURES / "demo.json")
    actors = _named_actors(data)
    named_schemes = {slug for sheet in data["sheets"] for slug in sheet["local_schemes"]}
    local_schemes = [
        {**row, "participants": [p for p in row["participants"] if p["actor"] in actors]}
        for row in demo["local_schemes"]
        if row["slug"] in named_schemes
    ]
    return {
        "perimeters": demo["perimeters"],
        "actors": [row for row in demo["actors"] if row["slug"] in actors],
        "local_schemes": local_schemes,
    }


@pytest.fixture(scope="module")
def demo_world(django_db_setup, django_db_blocker):
    """What `make setup-demo` loads before the sheets, reduced to what the sheets name:
    territories, vocabularies, schemes, their demo actors and local schemes. Loaded once for the
    module inside a transaction that is rolled back at its end (each test rolls back its own)."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_territory_records(read_json(FIXTURES / "territories.json"))
        load_vocabularies(read_json(FIXTURES / "vocabularies.json"))
        load_schemes(read_json(FIXTURES / "schemes.json"))
        with override_settings(SIMPLE_HISTORY_ENABLED=False):  # actors' history: not tested here
            load_demo(_demo_for(sheets_data()))
        yield
        transaction.set_rollback(True)


@pytest.fixture
def world(demo_world, db):
    """The demo data the sheets name, without the grid."""


@pytest.fixture
def grid_v1(world):
    load_grid_version(read_json(FIXTURES / "grid" / "grid-v1.json"))


@pytest.fixture
def loaded(grid_v1):
    return load_experiences(sheets_data())


# The file itself -------------------------------------------------------------------------------


def test_every_reference_of_the_sheets_exists_in_the_demo_data():
    data = sheets_data()
    demo = read_json(FIXTURES / "demo.json")
    vocabularies = read_json(FIXTURES / "vocabularies.json")
    kinds = {row["key"]: row["kind"] for row in read_json(FIXTURES / "territories.json")}
    actors = {row["slug"] for row in demo["actors"]}
    local_schemes = {row["slug"] for row in demo["local_schemes"]}
    schemes = {row["slug"] for row in read_json(FIXTURES / "schemes.json")}
    themes = {row["slug"] for row in vocabularies["themes"]}
    spheres = {row["slug"] for row in vocabularies["spheres"]}
    grid = read_json(FIXTURES / "grid" / "grid-v{}.json".format(data["grid_version"]))
    codes = {
        f"{axis}.{number}"
        for axis, row in enumerate(grid["axes"], start=1)
        for number, _function in enumerate(row["functions"], start=1)
    }
    for sheet in data["sheets"]:
        slug = sheet["slug"]
        assert kinds.get(sheet["territory"]) in OFFICIAL_KINDS, slug
        assert {row["actor"] for row in sheet["actors"]} | {sheet["contact"]} <= actors, slug
        assert sheet["contact"] in {row["actor"] for row in sheet["actors"]}, slug
        assert set(sheet["local_schemes"]) <= local_schemes, slug
        assert set(sheet["schemes"]) <= schemes, slug
        assert set(sheet["themes"]) <= themes, slug
        assert {row["sphere"] for row in sheet["testimonies"]} <= spheres, slug
        assert set(sheet["grid_functions"]) <= codes, slug
        assert {row["role"] for row in sheet["actors"]} <= set(ExperienceActor.Role.values)
        assert {p for row in sheet["actors"] for p in row["phases"]} <= set(Phase.values)
        assert sheet["cooperation_mode"] in CooperationMode.values, slug


def test_the_sheets_are_marked_illustrative_and_hold_no_personal_details():
    text = SHEETS.read_text(encoding="utf-8")
    assert "@" not in text
    assert not re.search(r"\b0\d(?:[ .]?\d\d){4}\b", text), "un numéro de téléphone"
    for sheet in sheets_data()["sheets"]:
        assert sheet["is_illustrative"] is True, sheet["slug"]
        assert sheet["summary"].startswith("Exemple illustratif"), sheet["slug"]
        assert 1 <= len(sheet["testimonies"]) <= 3, sheet["slug"]
        assert all(not row.get("speaker_name") for row in sheet["testimonies"]), sheet["slug"]
        assert 3 <= len(sheet["levers"]) <= 5 and 2 <= len(sheet["blockers"]) <= 4, sheet["slug"]
        assert 2 <= len(sheet["actors"]) <= 5 and len(sheet["links"]) <= 2, sheet["slug"]
        assert all(row["url"].startswith("https://") for row in sheet["links"]), sheet["slug"]


# Loading ---------------------------------------------------------------------------------------


def test_the_sheets_load_published_illustrative_with_actors_levers_blockers_and_testimonies(
    loaded,
):
    assert loaded.created == Experience.objects.count() >= 12
    assert loaded.warnings == []
    for sheet in Experience.objects.all():
        assert sheet.status == PublicationStatus.PUBLISHED, sheet.slug
        assert sheet.is_illustrative, sheet.slug
        assert sheet.involvements.count() >= 2, sheet.slug
        assert sheet.lever_list and sheet.blocker_list, sheet.slug
        assert sheet.testimonies.exists(), sheet.slug
        assert all(t.speaker_name == "" and t.shown_name == "" for t in sheet.testimonies.all())
        assert sheet.grid_functions.exists() and sheet.themes.exists(), sheet.slug
        assert sheet.contact_actor is not None, sheet.slug
        assert sheet.history.count() == 1, sheet.slug


def test_a_sheet_keeps_what_the_file_says(loaded):
    data = next(
        s for s in sheets_data()["sheets"] if s["slug"] == "evs-et-projet-alimentaire-territorial"
    )
    sheet = Experience.objects.get(slug=data["slug"])
    assert sheet.territory.key == data["territory"] and sheet.ended_on is None
    assert sheet.steps.splitlines()[0] == "- " + data["steps"][0]
    assert sheet.lever_list == data["levers"]
    involvements = list(sheet.involvements.select_related("actor"))
    assert [i.actor.slug for i in involvements] == [row["actor"] for row in data["actors"]]
    assert involvements[0].role == "porteur"
    assert involvements[0].phases == ["emergence", "conception", "mise-en-oeuvre"]
    assert sorted(f.code for f in sheet.grid_functions.select_related("axis")) == ["1.3", "2.4"]
    assert list(sheet.local_schemes.values_list("slug", flat=True)) == ["pat-sud-drome-2022-2026"]
    assert sheet.testimonies.first().sphere.slug == data["testimonies"][0]["sphere"]


def test_the_sheets_give_the_filters_something_to_show(loaded):
    sheets = Experience.objects.all()
    assert len({s.territory_id for s in sheets}) >= 8
    assert set(sheets.values_list("cooperation_mode", flat=True)) == set(CooperationMode.values)
    functions = GridFunction.objects.filter(experiences__isnull=False).distinct()
    assert functions.count() == GridFunction.objects.count() == 12
    spheres = SheetTestimony.objects.values_list("sphere__slug", flat=True).distinct()
    assert len(set(spheres)) >= 6
    assert sheets.values("themes").distinct().count() >= 12
    assert {i.role for i in ExperienceActor.objects.all()} == set(ExperienceActor.Role.values)
    assert ExperienceLink.objects.exists()


def test_loading_twice_changes_nothing(loaded):
    histories = (
        Experience.history.count(),
        ExperienceActor.history.count(),
        SheetTestimony.history.count(),
    )
    rows = (ExperienceActor.objects.count(), SheetTestimony.objects.count())
    links = ExperienceLink.objects.count()
    second = load_experiences(sheets_data())
    assert (second.created, second.updated) == (0, 0)
    assert second.unchanged == Experience.objects.count()
    assert (
        Experience.history.count(),
        ExperienceActor.history.count(),
        SheetTestimony.history.count(),
    ) == histories
    assert (ExperienceActor.objects.count(), SheetTestimony.objects.count()) == rows
    assert ExperienceLink.objects.count() == links
    assert set(Experience.objects.values_list("version", flat=True)) == {1}


def test_a_changed_sheet_is_updated_in_one_version(loaded):
    data = sheets_data()
    first = data["sheets"][0]
    first["levers"].append("Un levier ajouté.")
    first["testimonies"][0]["quote"] = "Une autre citation."
    removed = first["actors"].pop()
    result = load_experiences(data)
    assert (result.created, result.updated) == (0, 1)
    sheet = Experience.objects.get(slug=first["slug"])
    assert sheet.version == 2 and sheet.history.count() == 2
    assert sheet.lever_list[-1] == "Un levier ajouté."
    assert sheet.testimonies.first().quote == "Une autre citation."
    assert not sheet.involvements.filter(actor__slug=removed["actor"]).exists()


@pytest.mark.parametrize(
    ("where", "value", "message"),
    [
        ("actor", "acteur-inexistant", "acteur inconnu « acteur-inexistant »"),
        ("territory", "99999", "territoire inconnu « 99999 »"),
        ("themes", "theme-inexistant", "thème inconnu « theme-inexistant »"),
        ("schemes", "dispositif-inexistant", "dispositif inconnu « dispositif-inexistant »"),
        ("local_schemes", "ls-inexistant", "dispositif local inconnu « ls-inexistant »"),
        ("sphere", "sphere-inexistante", "sphère inconnue « sphere-inexistante »"),
        ("grid_functions", "4.1", "fonction de la grille inconnue « 4.1 »"),
    ],
)
def test_an_unknown_reference_is_refused_naming_the_sheet_and_nothing_is_written(
    grid_v1, where, value, message
):
    data = sheets_data()
    sheet = data["sheets"][3]
    if where == "actor":
        sheet["actors"][1]["actor"] = value
    elif where == "territory":
        sheet["territory"] = value
    elif where == "sphere":
        sheet["testimonies"][0]["sphere"] = value
    else:
        sheet[where].append(value)
    with pytest.raises(ExperienceDataError) as error:
        load_experiences(data)
    assert f"fiche « {sheet['slug']} » : {message}" in str(error.value)
    assert not Experience.objects.exists()


def test_a_name_without_consent_is_refused(world):
    data = sheets_data()
    data["sheets"][0]["testimonies"][0]["speaker_name"] = "Un nom"
    with pytest.raises(ExperienceDataError, match="sans son accord"):
        load_experiences(data)
    assert not Experience.objects.exists()


def test_without_the_grid_the_sheets_load_with_a_warning_then_get_their_functions(world):
    first = load_experiences(sheets_data())
    assert first.created >= 12 and "load_grid" in first.warnings[0]
    assert not Experience.grid_functions.through.objects.exists()
    load_grid_version(read_json(FIXTURES / "grid" / "grid-v1.json"))
    second = load_experiences(sheets_data())
    assert (second.created, second.updated) == (0, Experience.objects.count())
    assert second.warnings == []
    assert all(sheet.grid_functions.exists() for sheet in Experience.objects.all())


def test_the_command_reports_its_counts_and_names_the_sheet_of_an_error(grid_v1, tmp_path):
    out = StringIO()
    call_command("load_experiences", stdout=out)
    call_command("load_experiences", stdout=out)
    created, again = out.getvalue().splitlines()
    assert re.search(r"fiches expérience : 1\d créé\(s\), 0 modifié\(s\), 0 inchangé", created)
    assert "0 créé(s), 0 modifié(s), 1" in again
    data = sheets_data()
    data["sheets"][2]["contact"] = "acteur-inexistant"
    broken = tmp_path / "sheets.json"
    broken.write_text(json.dumps(data), encoding="utf-8")
    with pytest.raises(CommandError, match=data["sheets"][2]["slug"]):
        call_command("load_experiences", "--file", str(broken), stdout=StringIO())
