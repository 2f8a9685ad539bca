"""The demonstration rounds: fictional structures of the demo directory, two rounds each,
several respondents, loaded idempotently by `load_grid --demo`."""

import json
import re
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

from actors.models import StructureMembership
from mailleurs.grid.demo import demo_level, load_demo_rounds
from mailleurs.grid.models import ActionItem, Answer, Respondent, Round
from tests.actors.factories import ActorFactory
from tests.conftest import _user_in

FIXTURES = Path(settings.BASE_DIR) / "fixtures"


def _demo() -> dict:
    return json.loads((FIXTURES / "grid" / "demo-rounds.json").read_text(encoding="utf-8"))


def test_the_demo_uses_fictional_structures_of_the_demo_directory_only():
    directory = json.loads((FIXTURES / "demo.json").read_text(encoding="utf-8"))
    fictional = {a["slug"] for a in directory["actors"] if a.get("is_fictional")}
    demo = _demo()
    assert {row["actor"] for row in demo["structures"]} <= fictional
    assert len(demo["structures"]) >= 10
    for row in demo["structures"]:
        assert len(row["rounds"]) == 2
        assert all(len(r["respondents"]) >= 4 for r in row["rounds"])
    text = (FIXTURES / "grid" / "demo-rounds.json").read_text(encoding="utf-8")
    assert "@" not in text and not re.search(r"\d{2} \d{2} \d{2} \d{2}", text)
    assert "fictive" in demo["note"]


def test_demo_levels_stay_on_the_scale():
    levels = {
        demo_level(profile, shift=shift, draw=draw, partner=partner, axis=axis)
        for profile in (1.0, 2.5, 3.9)
        for shift in (0, 0.6)
        for draw in range(100)
        for partner in (True, False)
        for axis in (1, 3)
    }
    assert levels == {None, 0, 1, 2, 3, 4}


@pytest.mark.django_db
def test_loading_twice_changes_nothing_and_names_the_demo_manager(grid_v1, django_user_model):
    demo = _demo()
    demo["structures"] = demo["structures"][:2]
    for row in demo["structures"]:
        ActorFactory(slug=row["actor"])
    demo["managers"] = {"membre": [demo["structures"][0]["actor"]]}
    manager = _user_in(django_user_model, "membre", None)
    first = load_demo_rounds(demo)
    assert first["évaluations"]["created"] == 4
    assert Round.objects.filter(is_fictional=True).count() == 4
    assert Respondent.objects.count() >= 16 and Answer.objects.count() > 400
    assert ActionItem.objects.exists()
    answers = list(Answer.objects.order_by("pk").values_list("level", flat=True))
    again = load_demo_rounds(demo)
    assert again["réponses"]["created"] == again["réponses"]["updated"] == 0
    assert list(Answer.objects.order_by("pk").values_list("level", flat=True)) == answers
    assert StructureMembership.objects.get(user=manager).is_manager


@pytest.mark.django_db
def test_the_command_needs_the_demo_directory(db):
    with pytest.raises(CommandError, match="Structure inconnue"):
        call_command("load_grid", "--demo", stdout=StringIO())
