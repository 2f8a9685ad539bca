"""The committed fixtures load into an empty database, completely and idempotently."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from actors.models import (
    Actor,
    ActorType,
    Contact,
    LocalScheme,
    Participation,
    Relation,
    Scheme,
    Sphere,
    Territory,
    Theme,
)

FIXTURES = Path(settings.BASE_DIR) / "fixtures"
SEEDS_REQUIRED_TYPES = {
    "centre-social", "evs", "caf", "ccas", "commune", "epci", "departement", "gal-leader",
    "collectif-dhabitants", "association", "centre-de-ressources", "tete-de-reseau",
    "organisme-de-formation",
}  # fmt: skip
SEEDS_REQUIRED_THEMES = {
    "alimentation", "mobilite", "culture", "economie", "petite-enfance", "precarite", "sante",
    "logement", "emploi", "participation-citoyenne", "transition-ecologique",
}  # fmt: skip
SEEDS_REQUIRED_PROFESSIONS = {
    "agent-de-developpement-local", "animateur-leader", "charge-de-mission-pat",
    "charge-de-mission-ctg", "travailleur-social", "animateur-de-centre-social",
}  # fmt: skip
REQUIRED_SCHEMES = {
    "ctg", "abs", "evs", "centre-social", "leader", "pat", "contrat-de-ville", "conseil-citoyen",
    "conseil-de-developpement", "tzcld", "cls", "crte",
}  # fmt: skip


def _load(*args) -> str:
    out = StringIO()
    call_command("load_reference_data", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def demo_loaded(db):
    return _load("--demo")


def test_everything_loads_into_an_empty_database_with_the_expected_counts(demo_loaded):
    assert Territory.objects.filter(kind="region").count() == 18
    assert Territory.objects.filter(kind="departement").count() == 101
    aura_communes = Territory.objects.filter(kind="commune", region__key="R84")
    assert 3900 <= aura_communes.count() <= 4100
    assert Territory.objects.filter(kind="epci", region__key="R84").count() >= 150
    assert Sphere.objects.count() == 7
    assert set(ActorType.objects.values_list("slug", flat=True)) >= SEEDS_REQUIRED_TYPES
    assert set(Theme.objects.values_list("slug", flat=True)) >= SEEDS_REQUIRED_THEMES
    assert set(Scheme.objects.values_list("slug", flat=True)) >= REQUIRED_SCHEMES
    assert Actor.objects.count() >= 150
    assert LocalScheme.objects.count() >= 20
    assert Participation.objects.count() >= 60
    assert Relation.objects.count() >= 100
    for sphere in Sphere.objects.all():
        assert sphere.actors.exists(), f"aucun acteur dans la sphère {sphere}"
    for actor_type in ActorType.objects.all():
        assert actor_type.actors.exists(), f"aucun acteur de type {actor_type}"


def test_loading_twice_changes_nothing(demo_loaded):
    before = (Actor.objects.count(), Relation.objects.count(), Contact.objects.count())
    second = _load("--demo")
    assert before == (Actor.objects.count(), Relation.objects.count(), Contact.objects.count())
    assert re.findall(r"(\d+) créé\(s\)", second) == ["0"] * len(re.findall(r"créé\(s\)", second))
    assert set(re.findall(r"(\d+) modifié\(s\)", second)) == {"0"}


def test_every_demo_actor_has_a_commune_and_a_point(demo_loaded):
    for actor in Actor.objects.select_related("commune"):
        assert actor.commune.kind == "commune"
        assert actor.latitude is not None and actor.longitude is not None, actor.slug


def test_demo_contains_real_organisations_and_marked_fictional_ones(demo_loaded):
    real = Actor.objects.filter(is_fictional=False)
    assert real.filter(name__icontains="Cap Rural").exists()
    assert (
        real.filter(name__icontains="UNADEL").exists()
        or real.filter(acronym__icontains="UNADEL").exists()
    )
    assert Actor.objects.filter(is_fictional=True).count() >= 100
    assert not Contact.objects.filter(actor__is_fictional=False).exists()


def test_demo_contacts_hold_no_real_personal_details():
    demo = json.loads((FIXTURES / "demo.json").read_text(encoding="utf-8"))
    fiction_phone = re.compile(r"^(04 65 71|01 99 00) \d\d \d\d$")
    for actor in demo["actors"]:
        for contact in actor.get("contacts", []):
            assert not contact.get("email") or contact["email"].endswith("@example.org")
            assert not contact.get("phone") or fiction_phone.match(contact["phone"])


def test_vocabularies_cover_the_professions_the_seeds_name():
    vocabularies = json.loads((FIXTURES / "vocabularies.json").read_text(encoding="utf-8"))
    professions = {row["slug"] for row in vocabularies["professions"]}
    assert professions >= SEEDS_REQUIRED_PROFESSIONS


def test_unknown_reference_in_a_fixture_is_reported_in_french(db, tmp_path):
    for name in ("territories.json", "vocabularies.json", "schemes.json"):
        (tmp_path / name).write_text((FIXTURES / name).read_text(encoding="utf-8"))
    broken = {
        "actors": [
            {
                "slug": "x",
                "name": "X",
                "spheres": ["action-sociale"],
                "type": "type-inexistant",
                "pitch": "p",
                "commune": "26113",
            }
        ]
    }
    (tmp_path / "demo.json").write_text(json.dumps(broken))
    with pytest.raises(CommandError, match="type d’acteur inconnu"):
        call_command("load_reference_data", "--demo", "--fixtures-dir", str(tmp_path))
    assert not Actor.objects.exists()
