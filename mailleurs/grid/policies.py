"""Every "who may / who sees" rule of the grid, in one place.

An assessment belongs to its structure: the structure's managers (`actors.policies`) run it;
the people it invites see it (and its results once the managers publish them); facilitators
(the « Accompagnateurs » group) see the rounds of the structures they accompany, that is the
structures where they are named on a round; everyone else sees only the network aggregates,
above `NETWORK_THRESHOLD` structures. Views, services, querysets and templates ask these
functions; permission strings are named here, and `mailleurs.roles` says who holds them.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from actors.models import StructureMembership
from actors.policies import is_structure_manager
from mailleurs.grid.models import Respondent, Round

ACCOMPANY = "grid.accompany_rounds"
PUBLISH_VERSION = "grid.publish_gridversion"
EDIT_GRID = "grid.change_criterion"
# The network median of a function is shown only when at least this many other structures
# contribute to it: below, one structure could be recognised.
NETWORK_THRESHOLD = 5


# --- the grid itself ---------------------------------------------------------------------------


def can_edit_grid(user) -> bool:
    """Staff prepare a new version of the grid (wording, criteria, correspondences)."""
    return user.is_authenticated and user.has_perm(EDIT_GRID)


def can_publish_version(user) -> bool:
    return user.is_authenticated and user.has_perm(PUBLISH_VERSION)


# --- rounds ------------------------------------------------------------------------------------


def is_facilitator(user) -> bool:
    return user.is_authenticated and user.has_perm(ACCOMPANY)


def accompanies(*, user, actor) -> bool:
    """A facilitator accompanies a structure once named on one of its rounds."""
    return is_facilitator(user) and Round.objects.filter(actor=actor, facilitator=user).exists()


def can_open_round(*, user, actor) -> bool:
    return is_structure_manager(user=user, actor=actor)


def can_manage_round(*, user, round: Round) -> bool:
    """Invite, revoke links, close, publish the results, write the action plan."""
    return is_structure_manager(user=user, actor=round.actor)


def is_round_respondent(*, user, round: Round) -> bool:
    return user.is_authenticated and round.respondents.filter(user=user).exists()


def can_see_round(*, user, round: Round) -> bool:
    if not user.is_authenticated:
        return False
    return (
        can_manage_round(user=user, round=round)
        or is_round_respondent(user=user, round=round)
        or accompanies(user=user, actor=round.actor)
    )


@dataclass(frozen=True)
class ResultsAccess:
    """What a user may do with a round's results, asked once per page."""

    see: bool
    manage: bool
    export: bool  # every answer, and the earlier rounds whether published or not

    @property
    def team_comments(self) -> bool:
        return self.manage


def results_access(*, user, round: Round) -> ResultsAccess:
    """Managers and facilitators see the results at any time, export every answer, and see the
    earlier rounds whether published or not; respondents see the results once published; only
    managers read the comments kept for the team. Each rule is asked once."""
    if not user.is_authenticated:
        return ResultsAccess(see=False, manage=False, export=False)
    manage = can_manage_round(user=user, round=round)
    export = manage or accompanies(user=user, actor=round.actor)
    see = export or (round.results_published and is_round_respondent(user=user, round=round))
    return ResultsAccess(see=see, manage=manage, export=export)


def can_see_results(*, user, round: Round) -> bool:
    return results_access(user=user, round=round).see


def round_visibility(user) -> Q:
    """The rounds `can_see_round` accepts, as a filter (lists of rounds)."""
    managed = StructureMembership.objects.filter(
        user=user, status=StructureMembership.Status.ACCEPTED, is_manager=True
    ).values("actor_id")
    condition = Q(actor__in=managed) | Q(
        pk__in=Respondent.objects.filter(user=user).values("round_id")
    )
    if is_facilitator(user):
        accompanied = Round.objects.filter(facilitator=user).values("actor_id")
        condition |= Q(actor__in=accompanied)
    return condition


# --- answering ---------------------------------------------------------------------------------


class LinkState:
    VALID = "valid"
    EXPIRED = "expired"
    REVOKED = "revoked"


def link_state(respondent: Respondent, *, now=None) -> str:
    if respondent.link_revoked_at is not None or respondent.token_hash is None:
        return LinkState.REVOKED
    expires = respondent.link_expires_at
    if expires is not None and expires <= (now or timezone.now()):
        return LinkState.EXPIRED
    return LinkState.VALID


def can_answer(*, respondent: Respondent, user=None) -> bool:
    """By link: a valid link; with an account: that account. And the round must be open."""
    if not respondent.round.is_open:
        return False
    if respondent.user_id is not None:
        return user is not None and user.is_authenticated and user.pk == respondent.user_id
    return link_state(respondent) == LinkState.VALID


def can_be_invited_with_account(*, actor, user) -> bool:
    """Accounts a manager may choose as respondents: the structure's accepted members."""
    return StructureMembership.objects.filter(
        actor=actor, user=user, status=StructureMembership.Status.ACCEPTED
    ).exists()


# The rules a template may ask by name: `{% if user|may_grid:"edit_grid" %}`.
TEMPLATE_RULES = {
    "edit_grid": can_edit_grid,
}
