"""« Regards croisés »: the criteria where the structure's view and its partners' differ most,
each said in a sentence a person can read out in a meeting."""

from dataclasses import dataclass

from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from mailleurs.grid.models import Criterion
from mailleurs.grid.scoring import Score, ViewScores

# Below this difference (on the 1-4 scale) two views are said to agree.
MEANINGFUL_GAP = 0.5
LARGEST = 3


@dataclass(frozen=True)
class Gap:
    criterion: Criterion
    structure: Score
    partners: Score

    @property
    def difference(self) -> float:
        return self.structure.value - self.partners.value

    @property
    def sentence(self) -> str:
        return gap_sentence(self)


def largest_gaps(
    criteria: list[Criterion], structure: ViewScores, partners: ViewScores, *, limit: int = LARGEST
) -> list[Gap]:
    """The criteria both views scored, the widest difference first (at least `MEANINGFUL_GAP`;
    ties in the grid's order)."""
    gaps = [
        Gap(criterion, structure.criteria[criterion.pk], partners.criteria[criterion.pk])
        for criterion in criteria
        if structure.criteria[criterion.pk].value is not None
        and partners.criteria[criterion.pk].value is not None
    ]
    wide = [gap for gap in gaps if abs(gap.difference) >= MEANINGFUL_GAP]
    return sorted(wide, key=lambda gap: -abs(gap.difference))[:limit]


def _number(value: float) -> str:
    rounded = round(value, 1)
    return number_format(rounded, decimal_pos=0 if rounded == int(rounded) else 1)


def gap_sentence(gap: Gap) -> str:
    values = {
        "title": gap.criterion.title,
        "structure": _number(gap.structure.value),
        "partners": _number(gap.partners.value),
    }
    # French: « 1,5 point », « 2 points ».
    values["gap"] = ngettext(
        "écart de %(n)s point", "écart de %(n)s points", 2 if abs(gap.difference) >= 2 else 1
    ) % {"n": _number(abs(gap.difference))}
    basis = ngettext(
        "%(count)s partenaire a répondu", "%(count)s partenaires ont répondu", gap.partners.answered
    ) % {"count": gap.partners.answered}
    if gap.difference > 0:
        text = _(
            "Sur « %(title)s », la structure se donne %(structure)s sur 4 et ses partenaires "
            "%(partners)s sur 4 : elle se voit plus avancée que ses partenaires ne la voient "
            "(%(gap)s)."
        )
    else:
        text = _(
            "Sur « %(title)s », les partenaires donnent %(partners)s sur 4 et la structure "
            "se donne %(structure)s sur 4 : ses partenaires la voient plus avancée qu’elle ne se "
            "voit elle-même (%(gap)s)."
        )
    return f"{text % values} {basis}."
