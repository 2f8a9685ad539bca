"""Scores of an assessment, computed from plain rows (no database here).

The rule, written on the results page too:
- a **criterion** scores the mean of the levels (1 to 4) given by the respondents of a view;
  « je ne sais pas » and missing answers are counted, never scored;
- a **function** scores the mean of its criteria's scores (each criterion weighs the same);
- an **axis** scores the mean of its functions' scores.
A score without any level is `None` (shown as a dash, never as zero), and every score carries
how many respondents it rests on, how many said « je ne sais pas » and how many answers are
missing, so that a score never hides a thin basis.
"""

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from statistics import mean

from mailleurs.grid.choices import VIEW_ROLES, Level, RespondentRole


@dataclass(frozen=True)
class Rating:
    """One answer as scoring needs it (`level` 0 is « je ne sais pas »)."""

    respondent_id: int
    role: str
    criterion_id: int
    level: int


@dataclass(frozen=True)
class GridShape:
    """The grid as ids, in order: function id → criterion ids; axis id → function ids."""

    functions: dict[int, tuple[int, ...]]
    axes: dict[int, tuple[int, ...]]


@dataclass(frozen=True)
class Score:
    value: float | None
    respondents: int = 0  # respondents of the view
    answered: int = 0  # of them, those who gave at least one level here
    levels: int = 0  # levels counted in the score
    dont_know: int = 0  # « je ne sais pas »
    missing: int = 0  # answers not given

    @property
    def thin(self) -> bool:
        """One respondent or none behind the score: say so beside it."""
        return self.answered <= 1


@dataclass
class ViewScores:
    respondents: int
    criteria: dict[int, Score] = field(default_factory=dict)
    functions: dict[int, Score] = field(default_factory=dict)
    axes: dict[int, Score] = field(default_factory=dict)


def _mean(values: Iterable[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return mean(present) if present else None


def score_view(shape: GridShape, ratings: Iterable[Rating], members: set[int]) -> ViewScores:
    """Scores of the respondents `members` (the ids of a view's respondents)."""
    levels: dict[int, list[int]] = defaultdict(list)
    given: dict[int, int] = defaultdict(int)
    dont_know: dict[int, int] = defaultdict(int)
    raters: dict[int, set[int]] = defaultdict(set)
    for rating in ratings:
        if rating.respondent_id not in members:
            continue
        given[rating.criterion_id] += 1
        if rating.level == Level.DONT_KNOW:
            dont_know[rating.criterion_id] += 1
        else:
            levels[rating.criterion_id].append(rating.level)
            raters[rating.criterion_id].add(rating.respondent_id)
    n = len(members)
    scores = ViewScores(respondents=n)
    for criteria in shape.functions.values():
        for cid in criteria:
            scores.criteria[cid] = Score(
                value=_mean(levels[cid]), respondents=n, answered=len(raters[cid]),
                levels=len(levels[cid]), dont_know=dont_know[cid],
                missing=max(n - given[cid], 0),
            )  # fmt: skip
    for fid, criteria in shape.functions.items():
        parts = [scores.criteria[c] for c in criteria]
        scores.functions[fid] = _combine(parts, n, raters, criteria)
    for aid, functions in shape.axes.items():
        criteria = tuple(c for f in functions for c in shape.functions[f])
        scores.axes[aid] = _combine([scores.functions[f] for f in functions], n, raters, criteria)
    return scores


def _combine(parts: list[Score], n: int, raters, criteria) -> Score:
    """A function from its criteria, an axis from its functions: mean of the parts' values,
    sums of their counts, and the respondents who gave a level anywhere in it."""
    answered = set().union(*(raters[c] for c in criteria)) if criteria else set()
    return Score(
        value=_mean(part.value for part in parts),
        respondents=n,
        answered=len(answered),
        levels=sum(part.levels for part in parts),
        dont_know=sum(part.dont_know for part in parts),
        missing=sum(part.missing for part in parts),
    )


@dataclass
class RoundScores:
    by_view: dict[str, ViewScores]
    by_role: dict[str, ViewScores]


def score_round(
    shape: GridShape, ratings: list[Rating], respondents: dict[int, str]
) -> RoundScores:
    """`respondents`: every respondent of the round (id → role), answered or not, so that the
    missing answers are counted."""
    by_view = {
        view: score_view(shape, ratings, {r for r, role in respondents.items() if role in roles})
        for view, roles in VIEW_ROLES.items()
    }
    present = set(respondents.values())
    present_roles = [role for role in RespondentRole.values if role in present]
    by_role = {
        role: score_view(shape, ratings, {r for r, rr in respondents.items() if rr == role})
        for role in present_roles
    }
    return RoundScores(by_view=by_view, by_role=by_role)
