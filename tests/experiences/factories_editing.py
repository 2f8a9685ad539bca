"""Factories for the writing side of the experience sheets: sheets, actors involved,
testimonies, and the managers of an actor (who are told and confirm)."""

import factory
from django.contrib.auth import get_user_model
from factory.django import DjangoModelFactory

from actors.models import StructureMembership
from experiences.models import (
    CooperationMode,
    Experience,
    ExperienceActor,
    ExperienceProposal,
    Testimony,
)
from tests.actors.factories import ActorFactory, CommuneFactory


class SheetFactory(DjangoModelFactory):
    class Meta:
        model = Experience
        django_get_or_create = ("slug",)

    title = factory.Sequence(lambda n: f"Expérience {n}")
    slug = factory.Sequence(lambda n: f"experience-{n}")
    summary = "Des habitants et un centre social ouvrent un lieu de répit pour les aidants."
    territory = factory.SubFactory(CommuneFactory)
    cooperation_mode = CooperationMode.JOINT_ACTION
    status = "published"


class InvolvementFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceActor

    experience = factory.SubFactory(SheetFactory)
    actor = factory.SubFactory(ActorFactory)
    role = ExperienceActor.Role.PARTNER
    phases = factory.LazyFunction(lambda: ["conception"])


class QuoteFactory(DjangoModelFactory):
    class Meta:
        model = Testimony

    experience = factory.SubFactory(SheetFactory)
    quote = "On s’est enfin parlé entre métiers."
    speaker_role = "animatrice famille"


class ProposalFactory(DjangoModelFactory):
    class Meta:
        model = ExperienceProposal

    experience = factory.SubFactory(SheetFactory)
    data = factory.LazyFunction(dict)
    base_version = 1


def manager_of(actor, username: str):
    """An accepted manager of `actor`, with an e-mail address."""
    user = get_user_model().objects.create_user(
        username=username, email=f"{username}@example.org", password="motdepasse-test"
    )
    StructureMembership.objects.create(
        actor=actor, user=user, status=StructureMembership.Status.ACCEPTED, is_manager=True
    )
    return user
