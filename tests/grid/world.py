"""A structure with an open round, seen from every role: the permission matrix uses it
(tests/mailleurs/test_permission_matrix.py), as do the grid's own tests."""

from dataclasses import dataclass
from datetime import date

from django.contrib.auth.models import Group

from actors.models import Actor, StructureMembership
from mailleurs.grid import services
from mailleurs.grid.models import Respondent, Round
from mailleurs.grid.reference_data import load_grid_version
from mailleurs.roles import FACILITATOR, MEMBER, sync_role_groups
from tests.actors.factories import ActorFactory, ActorTypeFactory


@dataclass
class GridWorld:
    structure: Actor
    round: Round
    partner: Respondent
    token: str
    users: dict


def _account(django_user_model, username: str, *groups: str):
    user = django_user_model.objects.create_user(
        username=username, email=f"{username}@example.org", password="motdepasse-test"
    )
    sync_role_groups()
    for name in groups:
        user.groups.add(Group.objects.get(name=name))
    return user


def build_grid_world(django_user_model, grid_data: dict) -> GridWorld:
    """Version 1 of the grid; a centre social managed by « gestionnaire », accompanied by
    « accompagnatrice », with an open round answered by « benevole » (account) and by a
    partner (private link); « autre-accompagnatrice » accompanies another structure."""
    load_grid_version(grid_data)
    structure = ActorFactory(
        name="Centre social des Trois Ponts",
        actor_type=ActorTypeFactory(name="Centre social", slug="centre-social"),
    )
    manager = _account(django_user_model, "gestionnaire", MEMBER)
    volunteer = _account(django_user_model, "benevole", MEMBER)
    for user, is_manager in ((manager, True), (volunteer, False)):
        StructureMembership.objects.create(
            actor=structure, user=user, status=StructureMembership.Status.ACCEPTED,
            is_manager=is_manager,
        )  # fmt: skip
    facilitator = _account(django_user_model, "accompagnatrice", FACILITATOR)
    other_facilitator = _account(django_user_model, "autre-accompagnatrice", FACILITATOR)
    round = services.round_open(
        actor=structure,
        user=manager,
        data=services.RoundData(
            title="Évaluation 2026", period_start=date(2026, 1, 1), period_end=date(2026, 3, 31),
            facilitator_id=facilitator.pk,
        ),
    )  # fmt: skip
    other = ActorFactory(name="EVS des Collines")
    Round.objects.create(
        actor=other, grid_version=round.grid_version, title="Autre", facilitator=other_facilitator,
        period_start=date(2026, 1, 1), period_end=date(2026, 2, 1),
    )  # fmt: skip
    services.respondent_invite(
        round=round, user=manager,
        invitation=services.Invitation(role="benevole", label="Bénévole", user_id=volunteer.pk),
    )  # fmt: skip
    partner, token = services.respondent_invite(
        round=round, user=manager,
        invitation=services.Invitation(role="elu", label="Élu à la jeunesse"),
    )  # fmt: skip
    users = {"manager": manager, "facilitator": facilitator, "respondent": volunteer,
             "other_facilitator": other_facilitator}  # fmt: skip
    return GridWorld(structure, round, partner, token, users)
