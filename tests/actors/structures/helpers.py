"""Memberships written straight to the database, and the addresses of the structure pages:
shared by the tests of tests/actors/structures/."""

from django.urls import reverse

from actors.models import StructureMembership


def membership(actor, user, *, status="accepted", is_manager=False, **extra):
    return StructureMembership.objects.create(
        actor=actor, user=user, status=status, is_manager=is_manager, **extra
    )


def join_url(actor):
    return reverse("actors:structure_join", kwargs={"slug": actor.slug})


def team_url(actor):
    return reverse("actors:structure_team", kwargs={"slug": actor.slug})


def confirm_url(actor):
    return reverse("actors:structure_confirm_up_to_date", kwargs={"slug": actor.slug})


def decide_url(row):
    return reverse("actors:structure_decide", kwargs={"slug": row.actor.slug, "pk": row.pk})


def make_manager_url(row):
    return reverse("actors:structure_make_manager", kwargs={"slug": row.actor.slug, "pk": row.pk})


def leave_url(row):
    return reverse("actors:structure_leave", kwargs={"slug": row.actor.slug, "pk": row.pk})
