import json
from datetime import date
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth.models import Group
from django.utils import timezone

from actors.models import StructureMembership
from mailleurs.grid import services
from mailleurs.grid.models import Answer, Criterion, GridVersion, Respondent, Round
from mailleurs.grid.reference_data import load_grid_version
from mailleurs.roles import FACILITATOR, MEMBER, sync_role_groups
from tests.actors.factories import ActorFactory, ActorTypeFactory
from tests.conftest import _user_in

GRID_V1 = Path(settings.BASE_DIR) / "fixtures" / "grid" / "grid-v1.json"


def grid_v1_data() -> dict:
    return json.loads(GRID_V1.read_text(encoding="utf-8"))


@pytest.fixture
def grid_v1(db):
    """Version 1 of the grid, as `load_grid` loads it from fixtures/grid/."""
    load_grid_version(grid_v1_data())
    return GridVersion.objects.get(number=1)


@pytest.fixture
def structure(db):
    return ActorFactory(
        name="Centre social de la Vallée",
        slug="centre-social-de-la-vallee",
        actor_type=ActorTypeFactory(name="Centre social", slug="centre-social"),
    )


def make_manager(user, actor):
    StructureMembership.objects.create(
        actor=actor, user=user, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    return user


@pytest.fixture
def manager(django_user_model, structure):
    return make_manager(_user_in(django_user_model, "gestionnaire", MEMBER), structure)


@pytest.fixture
def facilitator(django_user_model):
    user = django_user_model.objects.create_user(
        username="accompagnatrice", email="accompagnatrice@example.org", password="motdepasse-test"
    )
    sync_role_groups()
    user.groups.add(Group.objects.get(name=FACILITATOR))
    return user


@pytest.fixture
def open_round(grid_v1, structure, manager):
    return services.round_open(
        actor=structure,
        user=manager,
        data=services.RoundData(
            title="Évaluation 2026", period_start=date(2026, 1, 1), period_end=date(2026, 3, 31)
        ),
    )


def invite(round, manager, *, role="partenaire_institutionnel", label="Partenaire CAF"):
    """A respondent by private link and the token of its link."""
    return services.respondent_invite(
        round=round, user=manager, invitation=services.Invitation(role=role, label=label)
    )


@pytest.fixture
def partner(open_round, manager):
    return invite(open_round, manager)


def criterion(version, code: str):
    axis, function, number = (int(part) for part in code.split("."))
    return Criterion.objects.select_related("function__axis").get(
        version=version, function__axis__number=axis, function__number=function, number=number
    )


def answer(respondent, levels: dict[str, int], **extra):
    """Answers written directly (the answering rules have their own tests): code → level."""
    version = respondent.round.grid_version
    return [
        Answer.objects.create(
            respondent=respondent, criterion=criterion(version, code), level=level, **extra
        )
        for code, level in levels.items()
    ]


def published_round(actor, version, *, end: date, levels: dict[str, int], role="equipe"):
    """A round of `actor` with results published and one respondent's answers."""
    round = Round.objects.create(
        actor=actor, grid_version=version, title=f"Évaluation {end.year}",
        period_start=end.replace(month=1, day=1), period_end=end,
        results_published_at=timezone.now(),
    )  # fmt: skip
    respondent = Respondent.objects.create(round=round, role=role, label="Équipe")
    answer(respondent, levels)
    return round
