"""Demonstration rounds (fixtures/grid/demo-rounds.json), loaded idempotently.

Fictional structures of the demo directory, two rounds each, several respondents designated by
their role. The file gives, per structure, a profile of 12 function levels for its own view and
for its partners'; each answer is that level, moved by the round's progress and by a small
deterministic jitter, with some « je ne sais pas » from partners on the internal functioning
and a few missing answers: plausible, repeatable, and marked fictional."""

import hashlib
import secrets
from datetime import date, datetime, time

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from actors.models import Actor, StructureMembership
from actors.reference_data.loader import _count, _upsert
from mailleurs.grid import links
from mailleurs.grid.choices import VIEW_ROLES, Level, View
from mailleurs.grid.models import ActionItem, Answer, Criterion, GridVersion, Respondent, Round
from mailleurs.grid.reference_data import GridDataError


def _draw(*parts) -> int:
    """A number from 0 to 99, always the same for the same parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode()).hexdigest()
    return int(digest[:8], 16) % 100


def demo_level(profile: float, *, shift: float, draw: int, partner: bool, axis: int) -> int | None:
    """The level a fictional respondent gives; None leaves the answer missing."""
    if draw < 4:
        return None
    if partner and axis == 1 and draw > 78:
        return Level.DONT_KNOW
    jitter = -1 if draw < 22 else (1 if draw > 88 else 0)
    return max(1, min(4, round(profile + shift + jitter * 0.6)))


@transaction.atomic
def load_demo_rounds(data: dict) -> dict:
    version = GridVersion.objects.filter(number=1).first()
    if version is None:
        raise GridDataError("La version 1 de la grille doit être chargée avant la démonstration")
    criteria = list(Criterion.objects.filter(version=version).select_related("function__axis"))
    slugs = [row["actor"] for row in data["structures"]]
    actors = {actor.slug: actor for actor in Actor.objects.filter(slug__in=slugs)}
    facilitator = get_user_model().objects.filter(username=data.get("facilitator", "")).first()
    accompanied = set(data.get("accompanied", []))
    counts: dict = {}
    for row in data["structures"]:
        actor = actors.get(row["actor"])
        if actor is None:
            raise GridDataError(f"Structure inconnue dans l’annuaire : {row['actor']}")
        accompanying = facilitator if row["actor"] in accompanied else None
        for round_row in row["rounds"]:
            round, outcome = _upsert(
                Round, {"actor": actor, "title": round_row["title"]},
                _round_values(round_row, version, accompanying),
            )  # fmt: skip
            _count(counts, "évaluations", outcome)
            _load_respondents(round, row, round_row, criteria, data.get("comments", {}), counts)
            _load_actions(round, round_row, criteria, counts)
    _name_managers(data.get("managers", {}), actors)
    return counts


def _round_values(row: dict, version, facilitator) -> dict:
    end = date.fromisoformat(row["end"])
    published = timezone.make_aware(datetime.combine(end, time(18)))
    return {
        "grid_version": version,
        "period_start": date.fromisoformat(row["start"]),
        "period_end": end,
        "status": row.get("status", Round.Status.CLOSED),
        "results_published_at": published if row.get("published") else None,
        "facilitator": facilitator,
        "is_fictional": True,
    }


def _load_respondents(round, row, round_row, criteria, comments, counts) -> None:
    functions = sorted({c.function for c in criteria}, key=lambda f: (f.axis.number, f.number))
    position = {f.pk: i for i, f in enumerate(functions)}
    for role, label in round_row["respondents"]:
        respondent = Respondent.objects.filter(round=round, label=label).first()
        if respondent is None:
            respondent = Respondent.objects.create(
                round=round, role=role, label=label,
                token_hash=links.token_hash(secrets.token_urlsafe(24)),
                link_expires_at=links.default_expiry(), completed_at=timezone.now(),
            )  # fmt: skip
            _count(counts, "répondant·e·s", "created")
        partner = role not in VIEW_ROLES[View.STRUCTURE]
        profile = row["profiles"]["partenaires" if partner else "structure"]
        wanted = {}
        for criterion in criteria:
            draw = _draw(row["actor"], round.title, label, criterion.code)
            level = demo_level(
                profile[position[criterion.function_id]], shift=round_row.get("shift", 0),
                draw=draw, partner=partner, axis=criterion.function.axis.number,
            )  # fmt: skip
            if level is not None:
                wanted[criterion.pk] = (level, _comment(comments, criterion, draw))
        _write_answers(respondent, wanted, counts)


def _comment(comments: dict, criterion, draw: int) -> str:
    pool = comments.get(criterion.code, [])
    return pool[draw % len(pool)] if pool and draw % 3 == 0 else ""


def _write_answers(respondent, wanted: dict, counts) -> None:
    existing = {a.criterion_id: a for a in respondent.answers.all()}
    new, changed = [], []
    for criterion_id, (level, comment) in wanted.items():
        answer = existing.get(criterion_id)
        if answer is None:
            new.append(Answer(respondent=respondent, criterion_id=criterion_id, level=level,
                              comment=comment))  # fmt: skip
        elif (answer.level, answer.comment) != (level, comment):
            answer.level, answer.comment = level, comment
            changed.append(answer)
    Answer.objects.bulk_create(new)
    Answer.objects.bulk_update(changed, ["level", "comment"])
    tally = counts.setdefault("réponses", {"created": 0, "updated": 0, "unchanged": 0})
    tally["unchanged"] += len(wanted) - len(new) - len(changed)
    tally["created"] += len(new)
    tally["updated"] += len(changed)


def _load_actions(round, round_row, criteria, counts) -> None:
    by_code = {c.code: c for c in criteria}
    for row in round_row.get("actions", []):
        values = {
            "owner": row["owner"],
            "due_date": date.fromisoformat(row["due"]) if row.get("due") else None,
            "status": row.get("status", ActionItem.Status.PLANNED),
        }
        lookup = {"round": round, "criterion": by_code[row["criterion"]], "action": row["action"]}
        _count(counts, "actions", _upsert(ActionItem, lookup, values)[1])


def _name_managers(managers: dict, actors: dict) -> None:
    """The demo accounts (when they exist) manage a few demo structures."""
    for username, slugs in managers.items():
        user = get_user_model().objects.filter(username=username).first()
        if user is None:
            continue
        for slug in slugs:
            StructureMembership.objects.update_or_create(
                actor=actors[slug], user=user,
                defaults={"status": StructureMembership.Status.ACCEPTED, "is_manager": True},
            )  # fmt: skip
