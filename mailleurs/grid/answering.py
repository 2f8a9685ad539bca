"""Writing answers: each answer as it is given (one criterion, htmx) or a whole screen (the
plain form), with comments and evidence. Everything is checked before anything is written:
a closed round, an expired or revoked link, a level outside the scale, a criterion of another
version of the grid are refused with a French message and write nothing."""

import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor
from mailleurs.grid import policies
from mailleurs.grid.choices import Level
from mailleurs.grid.models import Answer, Criterion, Evidence, Respondent, Round
from mailleurs.versioning import locked

COMMENT_MAX = 3000
FICHE_PATH = re.compile(r"/acteurs/([-a-z0-9]+)/?")


class AnswerError(Exception):
    """An answer the grid refuses; the message is shown to the respondent, in French."""


@dataclass(frozen=True)
class AnswerData:
    criterion_id: int
    level: int
    comment: str = ""
    comment_shared: bool = True


@dataclass(frozen=True)
class EvidenceData:
    criterion_id: int
    kind: str
    label: str
    url: str = ""


@dataclass(frozen=True)
class ScreenData:
    """What the plain form of one screen sends: answers, evidence to add and to remove."""

    answers: list[AnswerData] = field(default_factory=list)
    evidence: list[EvidenceData] = field(default_factory=list)
    remove_evidence: list[int] = field(default_factory=list)


def refusal(respondent: Respondent, user=None) -> str | None:
    """Why this respondent may not answer now, in French; None when they may."""
    if not respondent.round.is_open:
        return _("Cette évaluation est clôturée : les réponses ne peuvent plus changer.")
    if respondent.user_id is None:
        state = policies.link_state(respondent)
        if state == policies.LinkState.REVOKED:
            return _("Ce lien a été désactivé. Demandez un nouveau lien à la structure.")
        if state == policies.LinkState.EXPIRED:
            return _("Ce lien a expiré. Demandez un nouveau lien à la structure.")
    if not policies.can_answer(respondent=respondent, user=user):
        return _("Vous ne pouvez pas répondre à la place de quelqu’un d’autre.")
    return None


def _check_answers(respondent: Respondent, answers: list[AnswerData]) -> None:
    wanted = {answer.criterion_id for answer in answers}
    known = set(
        Criterion.objects.filter(
            pk__in=wanted, version_id=respondent.round.grid_version_id
        ).values_list("pk", flat=True)
    )
    if wanted - known:
        raise AnswerError(_("Ce critère n’appartient pas à la grille de cette évaluation."))
    for answer in answers:
        if answer.level not in Level.values:
            raise AnswerError(_("Choisissez un niveau de l’échelle (1 à 4) ou « je ne sais pas »."))
        if len(answer.comment) > COMMENT_MAX:
            raise AnswerError(
                _("Un commentaire tient en %(max)s caractères au plus.") % {"max": COMMENT_MAX}
            )


def _locked_respondent(respondent: Respondent, user) -> Respondent:
    current = locked(respondent)
    current.round = Round.objects.select_for_update().get(pk=current.round_id)
    reason = refusal(current, user)
    if reason:
        raise AnswerError(reason)
    return current


def _write(respondent: Respondent, answers: list[AnswerData]) -> list[Answer]:
    saved = []
    for answer in answers:
        row, _created = Answer.objects.update_or_create(
            respondent=respondent,
            criterion_id=answer.criterion_id,
            defaults={
                "level": answer.level,
                "comment": answer.comment.strip(),
                "comment_shared": answer.comment_shared,
            },
        )
        saved.append(row)
    return saved


@transaction.atomic
def answers_save(*, respondent: Respondent, user=None, answers: list[AnswerData]) -> list[Answer]:
    """Save answers as they are given (the previous answer to a criterion is replaced)."""
    respondent = _locked_respondent(respondent, user)
    _check_answers(respondent, answers)
    saved = _write(respondent, answers)
    respondent.last_answer_at = timezone.now()
    respondent.save(update_fields=["last_answer_at"])
    return saved


@transaction.atomic
def screen_save(*, respondent: Respondent, user=None, data: ScreenData) -> list[Answer]:
    """One screen of the plain form: its answers, then evidence added and removed, all or
    nothing."""
    respondent = _locked_respondent(respondent, user)
    _check_answers(respondent, data.answers)
    saved = _write(respondent, data.answers)
    answers = {a.criterion_id: a for a in respondent.answers.all()}
    for item in data.evidence:
        _add_evidence(answers, item)
    Evidence.objects.filter(answer__respondent=respondent, pk__in=data.remove_evidence).delete()
    respondent.last_answer_at = timezone.now()
    respondent.save(update_fields=["last_answer_at"])
    return saved


def _add_evidence(answers: dict[int, Answer], item: EvidenceData) -> Evidence:
    answer = answers.get(item.criterion_id)
    if answer is None:
        raise AnswerError(_("Donnez d’abord votre réponse à ce critère, puis ajoutez un lien."))
    if item.kind not in Evidence.Kind.values:
        raise AnswerError(_("Choisissez la nature du lien : action, document ou fiche."))
    label, url, actor = item.label.strip(), item.url.strip(), None
    if item.kind == Evidence.Kind.FICHE:
        actor = _fiche(url)
        label = label or actor.name
    elif not url.startswith(("https://", "http://")):
        raise AnswerError(_("Le lien doit commencer par https:// ou http://."))
    if not label:
        raise AnswerError(_("Donnez un intitulé au lien."))
    return Evidence.objects.create(
        answer=answer, kind=item.kind, label=label[:200], url="" if actor else url[:500],
        actor=actor,
    )  # fmt: skip


def _fiche(text: str) -> Actor:
    """A published fiche of the directory, from its address or its slug."""
    match = FICHE_PATH.search(text)
    slug = match.group(1) if match else text.strip().strip("/")
    actor = Actor.objects.published().filter(slug=slug).first()
    if actor is None:
        raise AnswerError(
            _("Aucune fiche publiée ne porte cette adresse : copiez l’adresse de la fiche.")
        )
    return actor


@transaction.atomic
def respondent_finish(*, respondent: Respondent, user=None) -> Respondent:
    """The respondent says they are done (they can still come back while the round is open)."""
    respondent = _locked_respondent(respondent, user)
    respondent.completed_at = timezone.now()
    respondent.save(update_fields=["completed_at"])
    return respondent
