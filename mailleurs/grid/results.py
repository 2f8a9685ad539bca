"""What the results page reads, in a bounded number of queries whatever the number of rounds,
respondents and answers: the round's grid, its answers as plain rows, scores per view and per
role, the radar, the crossed views, the evolution over earlier rounds (mapped between versions
when needed), the network median and « le pas d'après »."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Q
from django.utils.translation import gettext as _

from mailleurs.grid import mapping, policies, selectors
from mailleurs.grid.choices import RespondentRole, View
from mailleurs.grid.crossed import Gap, largest_gaps
from mailleurs.grid.models import ActionItem, Answer, Axis, Criterion, Evidence, Respondent, Round
from mailleurs.grid.network import NetworkFilter, NetworkMedians, network_medians
from mailleurs.grid.radar import Radar, build_radar
from mailleurs.grid.scoring import GridShape, Rating, RoundScores, ViewScores, score_round

EARLIER_ROUNDS = 3


def grid_shape(axes: list[Axis]) -> GridShape:
    functions, axis_functions = {}, {}
    for axis in axes:
        axis_functions[axis.pk] = tuple(f.pk for f in axis.functions.all())
        for function in axis.functions.all():
            functions[function.pk] = tuple(c.pk for c in function.criteria.all())
    return GridShape(functions=functions, axes=axis_functions)


def ratings_of(round_ids: list[int]) -> tuple[dict[int, list[Rating]], dict[int, int]]:
    """The answers of these rounds as rows (one query), and each criterion's version number."""
    ratings: dict[int, list[Rating]] = defaultdict(list)
    versions: dict[int, int] = {}
    rows = Answer.objects.filter(respondent__round__in=round_ids).values_list(
        "respondent__round_id", "respondent_id", "respondent__role", "criterion_id", "level",
        "criterion__version__number",
    )  # fmt: skip
    for round_id, respondent, role, criterion, level, number in rows:
        ratings[round_id].append(Rating(respondent, role, criterion, level))
        versions[criterion] = number
    return ratings, versions


def respondents_of(round_ids: list[int]) -> dict[int, dict[int, str]]:
    found: dict[int, dict[int, str]] = defaultdict(dict)
    rows = Respondent.objects.filter(round__in=round_ids).values_list("round_id", "pk", "role")
    for round_id, pk, role in rows:
        found[round_id][pk] = role
    return found


def translated(ratings: list[Rating], translation: mapping.Translation) -> list[Rating]:
    return [
        Rating(r.respondent_id, r.role, target, r.level)
        for r in ratings
        for target in translation.of(r.criterion_id)
    ]


@dataclass
class EvolutionColumn:
    round: Round
    structure: ViewScores
    partners: ViewScores
    mapped: bool  # made with another version of the grid, compared through the mapping


@dataclass
class Evolution:
    columns: list[EvolutionColumn]  # the earlier rounds, oldest first, then this one
    without_counterpart: list[Criterion] = field(default_factory=list)

    @property
    def earlier(self) -> bool:
        return len(self.columns) > 1

    def rows(self, functions) -> list[dict]:
        """Per function: (structure, partners) in each round, and the change since the last
        earlier round (None when either score is missing)."""
        rows = []
        for function in functions:
            pairs = [
                (c.structure.functions[function.pk].value, c.partners.functions[function.pk].value)
                for c in self.columns
            ]
            rows.append({"function": function, "pairs": pairs, "change": _change(pairs)})
        return rows


def _change(pairs) -> tuple[float | None, float | None]:
    if len(pairs) < 2:
        return None, None
    (s0, p0), (s1, p1) = pairs[-2], pairs[-1]
    return (
        None if s0 is None or s1 is None else s1 - s0,
        None if p0 is None or p1 is None else p1 - p0,
    )


def earlier_rounds(round: Round, access: policies.ResultsAccess) -> list[Round]:
    """The structure's rounds before this one; respondents see those with published results."""
    rounds = Round.objects.filter(actor=round.actor_id).filter(
        Q(period_end__lt=round.period_end) | Q(period_end=round.period_end, pk__lt=round.pk)
    )
    if not access.export:
        rounds = rounds.with_published_results()
    rounds = rounds.select_related("grid_version").order_by("-period_end", "-pk")
    return list(reversed(rounds[:EARLIER_ROUNDS]))


def evolution(round: Round, scores: RoundScores, shape: GridShape, criteria, access) -> Evolution:
    earlier = earlier_rounds(round, access)
    ids = [r.pk for r in earlier]
    ratings, versions = ratings_of(ids)
    respondents = respondents_of(ids)
    number = round.grid_version.number
    translation = mapping.translation(criteria=versions, target_number=number)
    columns, reached, mapped_any = [], set(), False
    for older in earlier:
        mapped = older.grid_version.number != number
        rows = translated(ratings[older.pk], translation) if mapped else ratings[older.pk]
        mapped_any = mapped_any or mapped
        reached.update(r.criterion_id for r in rows)
        older_scores = score_round(shape, rows, respondents[older.pk])
        columns.append(
            EvolutionColumn(older, older_scores.by_view[View.STRUCTURE],
                            older_scores.by_view[View.PARTNERS], mapped)
        )  # fmt: skip
    columns.append(
        EvolutionColumn(round, scores.by_view[View.STRUCTURE], scores.by_view[View.PARTNERS], False)
    )
    missing = [c for c in criteria if c.pk not in reached] if mapped_any else []
    return Evolution(columns=columns, without_counterpart=missing)


@dataclass
class Results:
    round: Round
    axes: list[Axis]
    criteria: list[Criterion]
    scores: RoundScores
    roles: list[tuple[str, str]]  # (role, its name) of the roles that answered
    radar: Radar
    gaps: list[Gap]
    evolution: Evolution
    network: NetworkMedians
    comments: dict[int, list[Answer]]
    evidence: dict[int, list[Evidence]]
    actions: list[ActionItem]
    previous_actions: list[ActionItem]

    @property
    def functions(self):
        return [f for axis in self.axes for f in axis.functions.all()]

    @property
    def view_columns(self) -> list[tuple[str, ViewScores]]:
        return [(View(view).label, scores) for view, scores in self.scores.by_view.items()]

    @property
    def role_columns(self) -> list[tuple[str, ViewScores]]:
        return [(name, self.scores.by_role[role]) for role, name in self.roles]

    @property
    def evolution_rows(self) -> list[dict]:
        return self.evolution.rows(self.functions)

    @property
    def structure(self) -> ViewScores:
        return self.scores.by_view[View.STRUCTURE]

    @property
    def partners(self) -> ViewScores:
        return self.scores.by_view[View.PARTNERS]


def _comments(round: Round, access) -> dict[int, list[Answer]]:
    answers = Answer.objects.filter(respondent__round=round).exclude(comment="")
    if not access.team_comments:
        answers = answers.filter(comment_shared=True)
    found: dict[int, list[Answer]] = defaultdict(list)
    for answer in answers.select_related("respondent").order_by("respondent__role", "pk"):
        found[answer.criterion_id].append(answer)
    return found


def _evidence(round: Round) -> dict[int, list[Evidence]]:
    found: dict[int, list[Evidence]] = defaultdict(list)
    rows = Evidence.objects.filter(answer__respondent__round=round).select_related(
        "actor", "answer"
    )
    for item in rows.order_by("pk"):
        found[item.answer.criterion_id].append(item)
    return found


def _actions(round: Round, earlier: list[Round]) -> tuple[list[ActionItem], list[ActionItem]]:
    """This round's action plan, and the one decided at the round just before (shown again)."""
    ids = [round.pk] + ([earlier[-1].pk] if earlier else [])
    items = ActionItem.objects.filter(round__in=ids).select_related(
        "round", "criterion__function__axis"
    )
    current = [item for item in items if item.round_id == round.pk]
    previous = [item for item in items if item.round_id != round.pk]
    return current, previous


def radar_of(axes, scores: RoundScores, network: NetworkMedians) -> Radar:
    functions = [f for axis in axes for f in axis.functions.all()]
    series = [
        ("structure", _("Regard de la structure"),
         [scores.by_view[View.STRUCTURE].functions[f.pk].value for f in functions]),
        ("partners", _("Regard des partenaires"),
         [scores.by_view[View.PARTNERS].functions[f.pk].value for f in functions]),
    ]  # fmt: skip
    if network.shown:
        series.append(
            ("network", _("Médiane du réseau"), [network.medians[f.pk] for f in functions])
        )
    return build_radar([f"{f.code} {f.title}" for f in functions], series)


def round_results(
    *, round: Round, access: policies.ResultsAccess, network_filter: NetworkFilter
) -> Results:
    """Everything the results page shows; `access` says what the reader may see."""
    axes = selectors.grid_reference(version=round.grid_version, testimonies=False)
    shape = grid_shape(axes)
    criteria = [c for axis in axes for f in axis.functions.all() for c in f.criteria.all()]
    ratings, _versions = ratings_of([round.pk])
    respondents = respondents_of([round.pk])[round.pk]
    scores = score_round(shape, ratings[round.pk], respondents)
    network = network_medians(
        shape=shape, version_number=round.grid_version.number, network_filter=network_filter
    )
    evolved = evolution(round, scores, shape, criteria, access)
    current, previous = _actions(round, [column.round for column in evolved.columns[:-1]])
    names = dict(RespondentRole.choices)
    return Results(
        round=round, axes=axes, criteria=criteria, scores=scores,
        roles=[(role, names[role]) for role in scores.by_role],
        radar=radar_of(axes, scores, network),
        gaps=largest_gaps(criteria, scores.by_view[View.STRUCTURE],
                          scores.by_view[View.PARTNERS]),
        evolution=evolved, network=network, comments=_comments(round, access),
        evidence=_evidence(round), actions=current, previous_actions=previous,
    )  # fmt: skip


def network_page(*, version, network_filter: NetworkFilter) -> dict:
    """/grille/reseau/: the medians of the current version's functions and their radar."""
    axes = selectors.grid_reference(version=version, testimonies=False)
    medians = network_medians(
        shape=grid_shape(axes), version_number=version.number, network_filter=network_filter
    )
    functions = [f for axis in axes for f in axis.functions.all()]
    radar = build_radar(
        [f"{f.code} {f.title}" for f in functions],
        [("network", _("Médiane du réseau"), [medians.medians[f.pk] for f in functions])],
    )
    return {"version": version, "axes": axes, "network": medians, "radar": radar}
