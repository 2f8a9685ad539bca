"""Comparison with the network: per function, the median of the other structures' own view.

Each structure counts once, with its latest round whose results its managers published. Its
function scores follow `scoring` (mean of its criteria's means), over the answers of its team
and board, translated to the version of the grid being compared (`mapping`). A function's
median is shown only when at least `policies.NETWORK_THRESHOLD` structures contribute to it,
so that no structure can be recognised; below, only the count is given. The list can be
narrowed to a type of structure and to a territory (the directory's rule for "in a territory").
"""

from collections import defaultdict
from dataclasses import dataclass
from statistics import median

from django.db.models import Count, Exists, OuterRef, Q, Sum

from actors.models import Actor, ActorType, Territory
from mailleurs.grid import mapping, policies
from mailleurs.grid.choices import VIEW_ROLES, View
from mailleurs.grid.models import Answer, Round
from mailleurs.grid.scoring import GridShape


@dataclass(frozen=True)
class NetworkFilter:
    actor_type: ActorType | None = None
    territory: Territory | None = None
    exclude_actor_id: int | None = None


@dataclass
class NetworkMedians:
    medians: dict[int, float | None]  # function id → median, None below the threshold
    contributors: dict[int, int]  # function id → structures with a score for it
    threshold: int = policies.NETWORK_THRESHOLD

    @property
    def structures(self) -> int:
        return max(self.contributors.values(), default=0)

    @property
    def shown(self) -> bool:
        return any(value is not None for value in self.medians.values())


def latest_published_rounds(network_filter: NetworkFilter):
    """Each structure's latest round with published results (one per structure)."""
    published = Round.objects.with_published_results()
    later = published.filter(actor=OuterRef("actor")).filter(
        Q(period_end__gt=OuterRef("period_end"))
        | Q(period_end=OuterRef("period_end"), pk__gt=OuterRef("pk"))
    )
    rounds = published.filter(~Exists(later))
    if network_filter.exclude_actor_id is not None:
        rounds = rounds.exclude(actor_id=network_filter.exclude_actor_id)
    if network_filter.actor_type is not None:
        rounds = rounds.filter(actor__actor_type=network_filter.actor_type)
    if network_filter.territory is not None:
        rounds = rounds.filter(actor__in=Actor.objects.in_territory(network_filter.territory))
    return rounds


def criterion_means(rounds) -> list[tuple[int, int, int, int, int]]:
    """(round, criterion, its version number, sum and number of levels of the structure's own
    view): the one aggregate query the comparison rests on (integers: nothing to convert)."""
    return list(
        Answer.objects.filter(
            respondent__round__in=rounds.values("pk"),
            respondent__role__in=VIEW_ROLES[View.STRUCTURE],
            level__gt=0,
        )
        .values_list("respondent__round_id", "criterion_id", "criterion__version__number")
        .annotate(total=Sum("level"), count=Count("pk"))
        .order_by()
    )


def _function_scores(rows, shape: GridShape, version_number: int) -> dict[int, list[float]]:
    """Each structure's score per function (mean of its criteria's means), in one pass; rounds
    made with another version go through the mapping first."""
    function_of = {c: f for f, criteria in shape.functions.items() for c in criteria}
    foreign = {criterion: number for _r, criterion, number, _t, _n in rows
               if number != version_number}  # fmt: skip
    translation = mapping.translation(criteria=foreign, target_number=version_number)
    sums: dict[tuple[int, int], list] = defaultdict(lambda: [0.0, 0])
    translated: dict[tuple[int, int], list[float]] = defaultdict(list)
    for round_id, criterion, number, total, count in rows:
        if number == version_number:
            function = function_of.get(criterion)
            if function is not None:
                acc = sums[(round_id, function)]
                acc[0] += total / count
                acc[1] += 1
        else:
            for target in translation.of(criterion):
                translated[(round_id, target)].append(total / count)
    for (round_id, target), means in translated.items():
        acc = sums[(round_id, function_of[target])]
        acc[0] += sum(means) / len(means)
        acc[1] += 1
    scores: dict[int, list[float]] = defaultdict(list)
    for (_round_id, function), (total, count) in sums.items():
        scores[function].append(total / count)
    return scores


def network_medians(
    *, shape: GridShape, version_number: int, network_filter: NetworkFilter
) -> NetworkMedians:
    rows = criterion_means(latest_published_rounds(network_filter))
    scores = _function_scores(rows, shape, version_number)
    threshold = policies.NETWORK_THRESHOLD
    return NetworkMedians(
        medians={
            fid: median(scores[fid]) if len(scores[fid]) >= threshold else None
            for fid in shape.functions
        },
        contributors={fid: len(scores[fid]) for fid in shape.functions},
    )
