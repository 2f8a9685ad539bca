"""What the grid's pages read (one function per page need); scores are `scoring`'s."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from actors.models import Actor, StructureMembership
from experiences.reading.selectors import published_sheets_of_functions
from mailleurs.grid import mapping, policies
from mailleurs.grid.choices import LEVEL_HINTS, Level
from mailleurs.grid.models import (
    Answer,
    Axis,
    Criterion,
    Evidence,
    GridFunction,
    GridVersion,
    Respondent,
    Round,
)


def grid_reference(
    *, version: GridVersion, testimonies: bool = True, experiences: bool = False
) -> list[Axis]:
    """Axes → functions → criteria (and testimonies, and the published experience sheets
    illustrating each function as `published_experiences`), in three queries (four, five)."""
    criteria = Prefetch("criteria", queryset=Criterion.objects.order_by("number"))
    related = [criteria, "testimonies"] if testimonies else [criteria]
    if experiences:
        related.append(published_sheets_of_functions())
    functions = GridFunction.objects.prefetch_related(*related).order_by("number")
    return list(
        version.axes.prefetch_related(Prefetch("functions", queryset=functions)).order_by("number")
    )


def scale(*, ascending: bool = False) -> list[dict]:
    """The levels (the highest first, or the lowest with `ascending`), then « je ne sais pas »."""
    levels = [level for level in Level if level != Level.DONT_KNOW]
    ordered = levels if ascending else list(reversed(levels))
    return [
        {"value": level.value, "label": level.label, "hint": LEVEL_HINTS[level]}
        for level in [*ordered, Level.DONT_KNOW]
    ]


@dataclass
class VersionRow:
    version: GridVersion
    criteria: int
    comparison: mapping.VersionComparison | None


def version_history(*, user) -> list[VersionRow]:
    """Every version (drafts for staff only), newest first, each compared with the one before."""
    versions = GridVersion.objects.all()
    if not policies.can_edit_grid(user):
        versions = versions.published()
    ordered = list(versions.order_by("number"))
    counts = dict(
        Criterion.objects.filter(version__in=ordered)
        .values("version_id")
        .annotate(n=Count("pk"))
        .values_list("version_id", "n")
    )
    rows, previous = [], None
    for version in ordered:
        comparison = (
            mapping.compare_versions(older=previous.number, newer=version.number)
            if previous
            else None
        )
        rows.append(VersionRow(version, counts.get(version.pk, 0), comparison))
        previous = version
    return list(reversed(rows))


# --- answering ---------------------------------------------------------------------------------


@dataclass
class Progress:
    """How many criteria of an axis (or a function) the respondent answered."""

    answered: int
    total: int

    @property
    def percent(self) -> int:
        return round(100 * self.answered / self.total) if self.total else 0

    @property
    def done(self) -> bool:
        return self.answered >= self.total


@dataclass
class AnsweringState:
    respondent: Respondent
    axes: list[Axis]
    answers: dict[int, Answer]
    axis_progress: dict[int, Progress]
    function_progress: dict[int, Progress]

    @property
    def functions(self) -> list[GridFunction]:
        return [function for axis in self.axes for function in axis.functions.all()]

    def function(self, axis_number: int, number: int) -> GridFunction | None:
        for function in self.functions:
            if function.axis.number == axis_number and function.number == number:
                return function
        return None

    def neighbours(self, function: GridFunction) -> tuple[GridFunction | None, ...]:
        functions = self.functions
        index = functions.index(function)
        before = functions[index - 1] if index > 0 else None
        after = functions[index + 1] if index + 1 < len(functions) else None
        return before, after

    def resume_at(self) -> GridFunction | None:
        """The first function not fully answered (where to come back to)."""
        for function in self.functions:
            if not self.function_progress[function.pk].done:
                return function
        return None

    @property
    def answered(self) -> int:
        return len(self.answers)

    @property
    def total(self) -> int:
        return sum(p.total for p in self.axis_progress.values())


def answering_state(*, respondent: Respondent) -> AnsweringState:
    """The grid of the respondent's round with their answers and evidence: six queries."""
    axes = grid_reference(version=respondent.round.grid_version)
    answers = {
        answer.criterion_id: answer
        for answer in respondent.answers.prefetch_related(
            Prefetch("evidence", queryset=Evidence.objects.select_related("actor"))
        )
    }
    axis_progress, function_progress = {}, {}
    for axis in axes:
        axis_total = axis_answered = 0
        for function in axis.functions.all():
            criteria = [c.pk for c in function.criteria.all()]
            answered = sum(1 for pk in criteria if pk in answers)
            function_progress[function.pk] = Progress(answered, len(criteria))
            axis_total, axis_answered = axis_total + len(criteria), axis_answered + answered
        axis_progress[axis.pk] = Progress(axis_answered, axis_total)
    return AnsweringState(respondent, axes, answers, axis_progress, function_progress)


# --- rounds --------------------------------------------------------------------------------------


def rounds_page(*, user) -> dict:
    """The rounds a user sees, newest first, and the structures where they may open one."""
    rounds = (
        Round.objects.visible_to(user)
        .select_related("actor", "grid_version", "facilitator")
        .annotate(respondent_count=Count("respondents", distinct=True))
        .order_by("actor__name", "-period_end", "-pk")
    )
    managed = (
        Actor.objects.filter(
            memberships__user=user,
            memberships__status=StructureMembership.Status.ACCEPTED,
            memberships__is_manager=True,
        )
        .order_by("sort_name", "pk")
        .distinct()
    )
    return {"rounds": list(rounds), "managed": list(managed)}


@dataclass
class RespondentRow:
    respondent: Respondent
    answered: int
    link_state: str


def round_page(*, round: Round, user) -> dict:
    respondents = round.respondents.select_related("user").annotate(answered=Count("answers"))
    rows = [
        RespondentRow(r, r.answered, policies.link_state(r) if r.by_link else "")
        for r in respondents
    ]
    return {
        "round": round,
        "rows": rows,
        "criteria_total": round.grid_version.criteria.count(),
        "can_manage": policies.can_manage_round(user=user, round=round),
        "can_see_results": policies.can_see_results(user=user, round=round),
        "own": next((row.respondent for row in rows if row.respondent.user_id == user.pk), None),
    }
