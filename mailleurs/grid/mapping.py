"""Which criterion of one version of the grid corresponds to which of another.

`CriterionMapping` rows link a criterion to its counterpart in another version (usually the
next one). Comparisons across versions (evolution, network median) translate answers through
them, following several steps if needed (version 1 → 2 → 3), and say which criteria have no
counterpart. A criterion split in two counts for both; two merged criteria both count for the
new one."""

from collections import defaultdict, deque
from dataclasses import dataclass

from mailleurs.grid.models import Criterion, CriterionMapping


@dataclass(frozen=True)
class Translation:
    """criterion id (any version) → the ids of its counterparts in the target version."""

    target_number: int
    counterparts: dict[int, tuple[int, ...]]

    def of(self, criterion_id: int) -> tuple[int, ...]:
        return self.counterparts.get(criterion_id, ())


def _graph() -> tuple[dict[int, set[int]], dict[int, int]]:
    """Every mapping as an edge both ways, and the version number of each criterion in one."""
    edges: dict[int, set[int]] = defaultdict(set)
    numbers: dict[int, int] = {}
    rows = CriterionMapping.objects.values_list(
        "source_id", "source__version__number", "target_id", "target__version__number"
    )
    for source, source_number, target, target_number in rows:
        edges[source].add(target)
        edges[target].add(source)
        numbers[source], numbers[target] = source_number, target_number
    return edges, numbers


def translation(*, criteria: dict[int, int], target_number: int) -> Translation:
    """`criteria`: criterion id → its version number. Criteria of the target version map to
    themselves; the others to the target version's criteria reached through mappings, each step
    moving towards the target version (never back), so that a merge further on does not bring
    in unrelated criteria."""
    counterparts: dict[int, tuple[int, ...]] = {}
    foreign = {cid: number for cid, number in criteria.items() if number != target_number}
    for cid, number in criteria.items():
        if number == target_number:
            counterparts[cid] = (cid,)
    if foreign:
        edges, numbers = _graph()
        for cid, number in foreign.items():
            counterparts[cid] = _reach(cid, number, edges, numbers, target_number)
    return Translation(target_number=target_number, counterparts=counterparts)


def _reach(start: int, start_number: int, edges, numbers, target: int) -> tuple[int, ...]:
    low, high = sorted((start_number, target))
    found: set[int] = set()
    queue = deque([(start, start_number)])
    seen = {start}
    while queue:
        current, current_number = queue.popleft()
        for neighbour in edges.get(current, ()):
            number = numbers[neighbour]
            towards = number > current_number if target > start_number else number < current_number
            if neighbour in seen or not towards or not low <= number <= high:
                continue
            seen.add(neighbour)
            if number == target:
                found.add(neighbour)
            else:
                queue.append((neighbour, number))
    return tuple(sorted(found))


@dataclass(frozen=True)
class VersionComparison:
    """Between an older and a newer version: what maps, what was dropped, what is new."""

    pairs: list[tuple[Criterion, list[Criterion]]]
    dropped: list[Criterion]
    added: list[Criterion]


def compare_versions(*, older: int, newer: int) -> VersionComparison:
    """Between version numbers `older` and `newer`."""
    older_criteria = list(_criteria(older))
    newer_criteria = {c.pk: c for c in _criteria(newer)}
    result = translation(criteria={c.pk: older for c in older_criteria}, target_number=newer)
    pairs, dropped, reached = [], [], set()
    for criterion in older_criteria:
        targets = [newer_criteria[pk] for pk in result.of(criterion.pk)]
        reached.update(result.of(criterion.pk))
        if targets:
            pairs.append((criterion, targets))
        else:
            dropped.append(criterion)
    added = [c for pk, c in newer_criteria.items() if pk not in reached]
    return VersionComparison(pairs=pairs, dropped=dropped, added=added)


def _criteria(number: int):
    return Criterion.objects.filter(version__number=number).select_related("function__axis")
