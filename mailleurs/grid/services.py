"""Writes of the grid: versions of the reference, rounds, respondents and their links, the
action plan. Every service takes plain data (keyword-only, typed), runs in a transaction and
checks its rule in `mailleurs.grid.policies` itself, whatever calls it. Answers are written by
`mailleurs.grid.answering`."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor
from mailleurs.grid import links, policies
from mailleurs.grid.choices import RespondentRole
from mailleurs.grid.models import (
    ActionItem,
    Criterion,
    CriterionMapping,
    GridVersion,
    Respondent,
    Round,
)
from mailleurs.versioning import change_of, locked


class GridError(Exception):
    """A write the grid refuses; the message is shown to the user, in French."""


# --- versions of the grid ----------------------------------------------------------------------


@transaction.atomic
def version_draft_from(*, version: GridVersion, user) -> GridVersion:
    """A new draft version, copy of `version`, each criterion mapped to its copy: staff then
    change wording, add or remove criteria (a removed criterion loses its correspondence)."""
    if not policies.can_edit_grid(user):
        raise PermissionDenied
    number = (GridVersion.objects.aggregate(top=Max("number"))["top"] or 0) + 1
    draft = GridVersion.objects.create(
        number=number,
        title=version.title,
        source=version.source,
        notes=_("Brouillon tiré de la version %(number)s.") % {"number": version.number},
    )
    for axis in version.axes.prefetch_related("functions__criteria", "functions__testimonies"):
        new_axis = draft.axes.create(
            number=axis.number, title=axis.title, scope=axis.scope, description=axis.description
        )
        for function in axis.functions.all():
            _copy_function(function, new_axis)
    return draft


def _copy_function(function, new_axis) -> None:
    new_function = new_axis.functions.create(
        number=function.number, title=function.title, description=function.description
    )
    for criterion in function.criteria.all():
        copy = Criterion.objects.create(
            function=new_function,
            version=new_axis.version,
            number=criterion.number,
            title=criterion.title,
            help_text=criterion.help_text,
            indicators=criterion.indicators,
        )
        CriterionMapping.objects.create(source=criterion, target=copy)
    for testimony in function.testimonies.all():
        new_function.testimonies.create(
            speaker=testimony.speaker, text=testimony.text, position=testimony.position
        )


@transaction.atomic
def version_publish(*, version: GridVersion, user) -> GridVersion:
    """New rounds are made with the latest published version; older rounds keep theirs."""
    if not policies.can_publish_version(user):
        raise PermissionDenied
    version = locked(version)
    if version.is_published:
        raise GridError(_("Cette version est déjà publiée."))
    if not version.criteria.exists():
        raise GridError(_("Une version sans critère ne peut pas être publiée."))
    version.published_at = timezone.now()
    version.save(update_fields=["published_at"])
    return version


# --- rounds ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class RoundData:
    title: str
    period_start: date
    period_end: date
    facilitator_id: int | None = None


def _check_round_data(data: RoundData) -> None:
    if data.period_end < data.period_start:
        raise GridError(_("La fin de la période doit suivre son début."))
    if data.facilitator_id is not None:
        facilitator = get_user_model().objects.filter(pk=data.facilitator_id).first()
        if facilitator is None or not policies.is_facilitator(facilitator):
            raise GridError(_("Cette personne n’est pas accompagnatrice de structures."))


@transaction.atomic
def round_open(*, actor: Actor, user, data: RoundData) -> Round:
    """A structure's manager opens a round with the grid's current version."""
    if not policies.can_open_round(user=user, actor=actor):
        raise PermissionDenied
    version = GridVersion.objects.current()
    if version is None:
        raise GridError(_("Aucune version de la grille n’est publiée."))
    _check_round_data(data)
    return Round.objects.create(
        actor=actor,
        grid_version=version,
        title=data.title.strip(),
        period_start=data.period_start,
        period_end=data.period_end,
        facilitator_id=data.facilitator_id,
        created_by=user,
        updated_by=user,
    )


def round_change(*, round: Round, user, data: RoundData, expected_version: int) -> Round:
    """Title, period and facilitator; refused when someone saved since the form was opened."""
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    _check_round_data(data)
    with change_of(round, user=user, expected_version=expected_version, check=True) as current:
        current.title = data.title.strip()
        current.period_start, current.period_end = data.period_start, data.period_end
        current.facilitator_id = data.facilitator_id
    return current


def round_set_status(*, round: Round, user, open: bool) -> Round:
    """Close a round (answers stop) or reopen it."""
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    with change_of(round, user=user) as current:
        current.status = Round.Status.OPEN if open else Round.Status.CLOSED
    return current


def round_publish_results(*, round: Round, user, publish: bool = True) -> Round:
    """Respondents see the results once published (managers and facilitators always do)."""
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    with change_of(round, user=user) as current:
        current.results_published_at = timezone.now() if publish else None
    return current


# --- respondents and their links ---------------------------------------------------------------


@dataclass(frozen=True)
class Invitation:
    role: str
    label: str
    user_id: int | None = None


@transaction.atomic
def respondent_invite(*, round: Round, user, invitation: Invitation) -> tuple[Respondent, str]:
    """A respondent by private link (returns the link's token, shown once) or with an account
    (the structure's accepted members; returns an empty token)."""
    round = locked(round)
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    if invitation.role not in RespondentRole.values:
        raise GridError(_("Choisissez le rôle de la personne dans la liste."))
    label = invitation.label.strip()
    if not label:
        raise GridError(_("Dites qui vous invitez (un prénom, une fonction, un organisme)."))
    if invitation.user_id is not None:
        return _invite_account(round, invitation, label), ""
    token = links.new_token()
    respondent = Respondent.objects.create(
        round=round,
        role=invitation.role,
        label=label,
        token_hash=links.token_hash(token),
        link_expires_at=links.default_expiry(),
    )
    return respondent, token


def _invite_account(round: Round, invitation: Invitation, label: str) -> Respondent:
    account = get_user_model().objects.filter(pk=invitation.user_id, is_active=True).first()
    if account is None or not policies.can_be_invited_with_account(actor=round.actor, user=account):
        raise GridError(_("Seuls les membres de la structure peuvent répondre avec leur compte."))
    if round.respondents.filter(user=account).exists():
        raise GridError(_("Cette personne répond déjà à cette évaluation."))
    return Respondent.objects.create(round=round, role=invitation.role, label=label, user=account)


@transaction.atomic
def respondent_answer_myself(*, round: Round, user) -> Respondent:
    """A manager answers too, with their account, as a member of the structure's team."""
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    respondent, _created = Respondent.objects.get_or_create(
        round=round,
        user=user,
        defaults={"role": RespondentRole.TEAM, "label": user.get_full_name() or user.username},
    )
    return respondent


@transaction.atomic
def respondent_revoke_link(*, respondent: Respondent, user) -> Respondent:
    """The link stops working at once; the answers already given stay."""
    respondent = locked(respondent)
    if not policies.can_manage_round(user=user, round=respondent.round):
        raise PermissionDenied
    if respondent.user_id is not None:
        raise GridError(_("Cette personne répond avec son compte : elle n’a pas de lien."))
    respondent.link_revoked_at = timezone.now()
    respondent.save(update_fields=["link_revoked_at"])
    return respondent


@transaction.atomic
def respondent_new_link(*, respondent: Respondent, user) -> tuple[Respondent, str]:
    """A new link replaces the old one (one link per respondent), valid for a new period."""
    respondent = locked(respondent)
    if not policies.can_manage_round(user=user, round=respondent.round):
        raise PermissionDenied
    if respondent.user_id is not None:
        raise GridError(_("Cette personne répond avec son compte : elle n’a pas de lien."))
    token = links.new_token()
    respondent.token_hash = links.token_hash(token)
    respondent.link_revoked_at = None
    respondent.link_expires_at = links.default_expiry()
    respondent.save(update_fields=["token_hash", "link_revoked_at", "link_expires_at"])
    return respondent, token


# --- « le pas d'après » ------------------------------------------------------------------------


@dataclass(frozen=True)
class ActionData:
    criterion_id: int
    action: str
    owner: str
    due_date: date | None = None
    status: str = ActionItem.Status.PLANNED


def _check_action(round: Round, data: ActionData) -> None:
    if not Criterion.objects.filter(pk=data.criterion_id, version=round.grid_version_id).exists():
        raise GridError(_("Ce critère n’appartient pas à la grille de cette évaluation."))
    if not data.action.strip() or not data.owner.strip():
        raise GridError(_("Dites quelle action et qui s’en charge."))
    if data.status not in ActionItem.Status.values:
        raise GridError(_("Choisissez où en est l’action dans la liste."))


@transaction.atomic
def action_add(*, round: Round, user, data: ActionData) -> ActionItem:
    if not policies.can_manage_round(user=user, round=round):
        raise PermissionDenied
    _check_action(round, data)
    return ActionItem.objects.create(
        round=round,
        criterion_id=data.criterion_id,
        action=data.action.strip(),
        owner=data.owner.strip(),
        due_date=data.due_date,
        status=data.status,
    )


@transaction.atomic
def action_change(*, item: ActionItem, user, data: ActionData) -> ActionItem:
    item = locked(item)
    if not policies.can_manage_round(user=user, round=item.round):
        raise PermissionDenied
    _check_action(item.round, data)
    item.criterion_id, item.action, item.owner = data.criterion_id, data.action.strip(), data.owner
    item.due_date, item.status = data.due_date, data.status
    item.save()
    return item
