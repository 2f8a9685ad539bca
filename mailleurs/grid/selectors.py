"""What the grid's pages read (one function per page need); scores are `scoring`'s."""

from dataclasses import dataclass

from django.db.models import Count, Prefetch

from mailleurs.grid import mapping, policies
from mailleurs.grid.choices import LEVEL_HINTS, Level
from mailleurs.grid.models import Axis, Criterion, GridFunction, GridVersion


def grid_reference(*, version: GridVersion) -> list[Axis]:
    """Axes → functions → criteria and testimonies, in four queries."""
    functions = GridFunction.objects.prefetch_related(
        Prefetch("criteria", queryset=Criterion.objects.order_by("number")), "testimonies"
    ).order_by("number")
    return list(
        version.axes.prefetch_related(Prefetch("functions", queryset=functions)).order_by("number")
    )


def scale() -> list[dict]:
    """The levels, the highest first, then « je ne sais pas »."""
    levels = [level for level in Level if level != Level.DONT_KNOW]
    return [
        {"value": level.value, "label": level.label, "hint": LEVEL_HINTS[level]}
        for level in [*reversed(levels), Level.DONT_KNOW]
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
