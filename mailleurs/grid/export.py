"""A round's answers and scores as an XLSX workbook: the scores, one sheet per view with every
answer of its respondents, the scores per role, « le pas d'après ». Numbers are written as
numbers (a score, a level, a count); `xlsx_sheets` neutralises text so that no cell runs as a
formula."""

from collections.abc import Iterator

from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from actors.spreadsheets.exports import xlsx_sheets
from mailleurs.grid.choices import VIEW_ROLES, Level, View
from mailleurs.grid.models import Answer
from mailleurs.grid.results import Results
from mailleurs.grid.scoring import Score, ViewScores

SHEET_VIEWS = [
    (View.STRUCTURE, gettext_lazy("Structure")),
    (View.PARTNERS, gettext_lazy("Partenaires")),
    (View.RESIDENTS, gettext_lazy("Habitants")),
]


def _score_cells(score: Score) -> list:
    value = None if score.value is None else round(score.value, 2)
    return [value, score.answered, score.dont_know, score.missing]


def _score_headers(name: str) -> list[str]:
    return [
        f"{name} — {_('score sur 4')}",
        f"{name} — {_('répondant·e·s')}",
        f"{name} — {_('je ne sais pas')}",
        f"{name} — {_('réponses manquantes')}",
    ]


def _score_table(results: Results, views: list[tuple[str, ViewScores]]) -> Iterator[list]:
    yield [_("Niveau"), _("Code"), _("Intitulé"), *(h for name, _v in views
                                                   for h in _score_headers(name))]  # fmt: skip
    for axis in results.axes:
        yield [_("Axe"), str(axis.number), axis.title,
               *(c for _n, scores in views
                 for c in _score_cells(scores.axes[axis.pk]))]  # fmt: skip
        for function in axis.functions.all():
            yield [_("Fonction"), function.code, function.title,
                   *(c for _n, scores in views
                     for c in _score_cells(scores.functions[function.pk]))]  # fmt: skip
            for criterion in function.criteria.all():
                yield [_("Critère"), criterion.code, criterion.title,
                       *(c for _n, scores in views
                         for c in _score_cells(scores.criteria[criterion.pk]))]  # fmt: skip


def _answer_rows(results: Results, view: str, *, team_comments: bool) -> Iterator[list]:
    yield [_("Code"), _("Critère"), _("Fonction"), _("Répondant·e"), _("Rôle"), _("Niveau"),
           _("Je ne sais pas"), _("Commentaire"), _("Commentaire réservé à l’équipe")]  # fmt: skip
    codes = {c.pk: c for c in results.criteria}
    answers = (
        Answer.objects.filter(
            respondent__round=results.round, respondent__role__in=VIEW_ROLES[view]
        )
        .select_related("respondent")
        .order_by(
            "criterion__function__axis__number",
            "criterion__function__number",
            "criterion__number",
            "respondent__role",
            "respondent_id",
        )  # fmt: skip
    )
    for answer in answers.iterator(chunk_size=2000):
        criterion = codes[answer.criterion_id]
        readable = answer.comment_shared or team_comments
        yield [
            criterion.code, criterion.title, criterion.function.title,
            answer.respondent.label, answer.respondent.get_role_display(),
            answer.level or None, _("oui") if answer.level == Level.DONT_KNOW else _("non"),
            answer.comment if readable else "",
            _("oui") if not answer.comment_shared and readable else _("non"),
        ]  # fmt: skip


def _action_rows(results: Results) -> Iterator[list]:
    yield [_("Évaluation"), _("Code"), _("Critère"), _("Action"), _("Qui"), _("Pour quand"),
           _("Où en est-on")]  # fmt: skip
    for item in [*results.previous_actions, *results.actions]:
        yield [item.round.title, item.criterion.code,
               item.criterion.title, item.action, item.owner,
               item.due_date, item.get_status_display()]  # fmt: skip


def round_workbook(results: Results, *, team_comments: bool):
    """The temporary file of the workbook, ready to be sent."""
    by_view = results.scores.by_view
    views = [(capfirst(str(View(view).label)), by_view[view]) for view in View]
    roles = [(name, results.scores.by_role[role]) for role, name in results.roles]
    team = team_comments
    sheets = [
        (_("Scores"), _score_table(results, views)),
        *[
            (str(title), _answer_rows(results, view, team_comments=team))
            for view, title in SHEET_VIEWS
        ],
        (_("Scores par rôle"), _score_table(results, roles)),
        (_("Le pas d’après"), _action_rows(results)),
    ]
    return xlsx_sheets(sheets)
