"""What the grid's tests build again and again: version 1 of the grid, rounds, answers."""

import json
from datetime import date
from pathlib import Path

from django.conf import settings
from django.utils import timezone

from actors.models import StructureMembership
from mailleurs.grid import services
from mailleurs.grid.models import Answer, Criterion, Respondent, Round

GRID_V1 = Path(settings.BASE_DIR) / "fixtures" / "grid" / "grid-v1.json"


def grid_v1_data() -> dict:
    return json.loads(GRID_V1.read_text(encoding="utf-8"))


def make_manager(user, actor):
    StructureMembership.objects.create(
        actor=actor, user=user, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    return user


def invite(round, manager, *, role="partenaire_institutionnel", label="Partenaire CAF"):
    """A respondent by private link and the token of its link."""
    return services.respondent_invite(
        round=round, user=manager, invitation=services.Invitation(role=role, label=label)
    )


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
