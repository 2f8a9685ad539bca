"""Scores computed by hand: means of levels, « je ne sais pas » and missing answers counted
beside the score, never in it; crossed views said in sentences."""

from types import SimpleNamespace

import pytest

from mailleurs.grid.crossed import largest_gaps
from mailleurs.grid.scoring import GridShape, Rating, score_round

# Function A (criteria 1, 2) and function B (criterion 3) make axis X.
SHAPE = GridShape(functions={10: (1, 2), 20: (3,)}, axes={100: (10, 20)})
RESPONDENTS = {1: "equipe", 2: "benevole", 3: "elu", 4: "partenaire_institutionnel", 5: "habitant"}
RATINGS = [
    Rating(1, "equipe", 1, 4), Rating(1, "equipe", 2, 2), Rating(1, "equipe", 3, 0),
    Rating(2, "benevole", 1, 3), Rating(2, "benevole", 3, 1),  # criterion 2 left unanswered
    Rating(3, "elu", 1, 1), Rating(3, "elu", 2, 2), Rating(3, "elu", 3, 2),
    Rating(4, "partenaire_institutionnel", 1, 0), Rating(4, "partenaire_institutionnel", 2, 1),
]  # fmt: skip


@pytest.fixture
def scores():
    return score_round(SHAPE, RATINGS, RESPONDENTS)


def test_the_structures_own_view(scores):
    view = scores.by_view["structure"]
    assert view.criteria[1].value == 3.5  # (4 + 3) / 2
    assert view.criteria[2].value == 2  # the board member did not answer
    assert view.criteria[3].value == 1  # « je ne sais pas » is not a zero
    assert view.functions[10].value == 2.75  # (3.5 + 2) / 2
    assert view.functions[20].value == 1
    assert view.axes[100].value == 1.875  # (2.75 + 1) / 2


def test_counts_beside_each_score(scores):
    view = scores.by_view["structure"]
    c2, c3 = view.criteria[2], view.criteria[3]
    assert (c2.answered, c2.levels, c2.dont_know, c2.missing) == (1, 1, 0, 1)
    assert (c3.answered, c3.levels, c3.dont_know, c3.missing) == (1, 1, 1, 0)
    a = view.functions[10]
    assert (a.respondents, a.answered, a.levels, a.dont_know, a.missing) == (2, 2, 3, 0, 1)
    assert view.axes[100].dont_know == 1 and view.axes[100].missing == 1
    assert view.functions[20].thin  # one person behind it


def test_the_partners_view(scores):
    view = scores.by_view["partenaires"]
    assert view.criteria[1].value == 1  # the institutional partner does not know
    assert view.criteria[2].value == 1.5
    assert view.functions[10].value == 1.25
    assert view.axes[100].value == 1.625  # (1.25 + 2) / 2
    assert view.criteria[3].missing == 1


def test_a_view_nobody_answered_has_no_score_but_counts_its_missing_answers(scores):
    view = scores.by_view["habitants"]
    assert view.functions[10].value is None and view.axes[100].value is None
    assert view.functions[10].missing == 2 and view.functions[10].answered == 0


def test_everyone_together(scores):
    view = scores.by_view["ensemble"]
    assert view.criteria[1].value == pytest.approx(8 / 3)
    assert view.functions[10].value == pytest.approx((8 / 3 + 5 / 3) / 2)
    assert view.axes[100].value == pytest.approx(((8 / 3 + 5 / 3) / 2 + 1.5) / 2)


def test_scores_per_role_in_the_order_of_the_roles(scores):
    assert list(scores.by_role) == [
        "equipe", "benevole", "partenaire_institutionnel", "elu", "habitant",
    ]  # fmt: skip
    assert scores.by_role["elu"].functions[10].value == 1.5
    assert scores.by_role["benevole"].criteria[2].missing == 1


def test_nothing_answered_at_all():
    empty = score_round(SHAPE, [], {1: "equipe"})
    assert empty.by_view["structure"].axes[100].value is None
    assert empty.by_view["partenaires"].respondents == 0


def test_the_largest_gaps_first_said_in_sentences(scores):
    titles = [(1, "Des lieux pour permettre"), (2, "Savoir animer"), (3, "Codécider")]
    criteria = [SimpleNamespace(pk=pk, title=title) for pk, title in titles]
    gaps = largest_gaps(criteria, scores.by_view["structure"], scores.by_view["partenaires"])
    assert [gap.criterion.pk for gap in gaps] == [1, 3, 2]
    assert gaps[0].sentence == (
        "Sur « Des lieux pour permettre », la structure se donne 3,5 sur 4 et ses partenaires "
        "1 sur 4 : elle se voit plus avancée que ses partenaires ne la voient "
        "(écart de 2,5 points). 1 partenaire a répondu."
    )
    assert gaps[1].sentence == (
        "Sur « Codécider », les partenaires donnent 2 sur 4 et la structure se donne 1 sur 4 : "
        "ses partenaires la voient plus avancée qu’elle ne se voit elle-même (écart de 1 point). "
        "1 partenaire a répondu."
    )
    assert "2 partenaires ont répondu" in gaps[2].sentence
