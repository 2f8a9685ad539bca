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

from django.db.models import Avg, Exists, OuterRef, Q

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


def criterion_means(rounds) -> list[tuple[int, int, int, float]]:
    """(round, criterion, its version number, mean level of the structure's own view): the
    one aggregate query the comparison rests on."""
    return list(
        Answer.objects.filter(
            respondent__round__in=rounds.values("pk"),
            respondent__role__in=VIEW_ROLES[View.STRUCTURE],
            level__gt=0,
        )
        .values_list("respondent__round_id", "criterion_id", "criterion__version__number")
        .annotate(mean=Avg("level"))
        .order_by()
    )


def network_medians(
    *, shape: GridShape, version_number: int, network_filter: NetworkFilter
) -> NetworkMedians:
    rows = criterion_means(latest_published_rounds(network_filter))
    translation = mapping.translation(
        criteria={criterion: number for _r, criterion, number, _m in rows},
        target_number=version_number,
    )
    per_round: dict[int, dict[int, list[float]]] = defaultdict(lambda: defaultdict(list))
    for round_id, criterion, _number, value in rows:
        for target in translation.of(criterion):
            per_round[round_id][target].append(float(value))
    scores: dict[int, list[float]] = defaultdict(list)
    for criteria_values in per_round.values():
        for fid, criteria in shape.functions.items():
            present = [
                sum(criteria_values[c]) / len(criteria_values[c])
                for c in criteria
                if criteria_values.get(c)
            ]
            if present:
                scores[fid].append(sum(present) / len(present))
    threshold = policies.NETWORK_THRESHOLD
    return NetworkMedians(
        medians={
            fid: median(scores[fid]) if len(scores[fid]) >= threshold else None
            for fid in shape.functions
        },
        contributors={fid: len(scores[fid]) for fid in shape.functions},
    )
