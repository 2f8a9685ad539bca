"""Writes to fiches: keyword-only, atomic, with the checks no view may skip."""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from actors.models import Actor, ActorProposal, PublicationStatus, StructureMembership
from mailleurs.text import unique_slug


class VersionConflict(Exception):
    """Someone saved the fiche since this form was opened: nothing was written."""

    def __init__(self, current: Actor):
        super().__init__(f"version {current.version}")
        self.current = current


def can_publish_directly(user, actor: Actor | None = None) -> bool:
    if user.has_perm("actors.publish_directly"):
        return True
    # An accepted manager of the structure keeps its fiche up to date without review.
    if (
        actor is not None
        and actor.pk
        and user.is_authenticated
        and StructureMembership.objects.filter(
            actor=actor, user=user, status="accepted", is_manager=True
        ).exists()
    ):
        return True
    # A member's own fiche still waiting for review is theirs to finish.
    return (
        actor is not None
        and actor.status != PublicationStatus.PUBLISHED
        and (actor.created_by_id == user.pk)
    )


@dataclass
class SaveResult:
    actor: Actor
    proposal: ActorProposal | None = None

    @property
    def waits_for_review(self) -> bool:
        return self.proposal is not None or self.actor.status == PublicationStatus.REVIEW


def _save_as_one_version(actor: Actor, form) -> None:
    """Save the fiche and its links; history records it once, links included (not once per
    list of links, as it would by itself)."""
    actor.skip_history_when_saving = True
    try:
        actor.save()
        form.save_m2m()
    finally:
        del actor.skip_history_when_saving
    actor.save()


@transaction.atomic
def actor_create(*, user, form, contacts, draft: bool = False) -> Actor:
    actor = form.save(commit=False)
    actor.slug = unique_slug(Actor, actor.name)
    actor.created_by = actor.updated_by = user
    if draft:
        actor.status = PublicationStatus.DRAFT
    else:
        actor.status = (
            PublicationStatus.PUBLISHED if can_publish_directly(user) else PublicationStatus.REVIEW
        )
    _save_as_one_version(actor, form)
    contacts.instance = actor
    contacts.save()
    return actor


@transaction.atomic
def actor_update(*, actor: Actor, user, form, contacts, expected_version: int | None) -> Actor:
    """Apply a validated form, refusing it if the fiche changed since the form was opened."""
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    if expected_version is None or current.version != expected_version:
        raise VersionConflict(current)
    updated = form.save(commit=False)
    updated.version = current.version + 1
    updated.updated_by = user
    _save_as_one_version(updated, form)
    contacts.save()
    return updated


def proposal_data(post) -> dict:
    """The submitted form as it was typed, to be validated again when a moderator accepts."""
    return {key: post.getlist(key) for key in post if key != "csrfmiddlewaretoken"}


@transaction.atomic
def actor_submit(*, actor: Actor, user, form, contacts, post) -> SaveResult:
    """Publish directly when the user may, otherwise keep the change for review."""
    if can_publish_directly(user, actor):
        version = form.cleaned_data.get("version")
        return SaveResult(
            actor=actor_update(
                actor=actor, user=user, form=form, contacts=contacts, expected_version=version
            )
        )
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    if form.cleaned_data.get("version") != current.version:
        raise VersionConflict(current)
    proposal = ActorProposal.objects.create(
        actor=actor, author=user, data=proposal_data(post), base_version=current.version
    )
    return SaveResult(actor=actor, proposal=proposal)


def _notify_author(proposal: ActorProposal, *, accepted: bool, request=None) -> None:
    author = proposal.author
    if author is None or not author.email:
        return
    url = reverse("actors:actor_detail", kwargs={"slug": proposal.actor.slug})
    if request is not None:
        url = request.build_absolute_uri(url)
    verdict = _("acceptée et publiée") if accepted else _("refusée")
    lines = [
        _("Bonjour,"),
        "",
        _("Votre proposition de modification de la fiche « %(name)s » a été %(verdict)s.")
        % {"name": proposal.actor.name, "verdict": verdict},
    ]
    if proposal.comment:
        lines += ["", _("Commentaire de la relecture :"), proposal.comment]
    lines += ["", url]
    send_mail(
        subject=_("Mailleurs : votre modification de « %(name)s »") % {"name": proposal.actor.name},
        message="\n".join(lines),
        from_email=None,
        recipient_list=[author.email],
    )


@transaction.atomic
def proposal_accept(*, proposal: ActorProposal, reviewer, form, contacts, comment="", request=None):
    """Publish a proposal; the form is the proposal re-validated against the current fiche."""
    current = Actor.objects.select_for_update().get(pk=proposal.actor_id)
    actor = actor_update(
        actor=current, user=reviewer, form=form, contacts=contacts, expected_version=current.version
    )
    proposal.status = ActorProposal.Status.ACCEPTED
    proposal.reviewer, proposal.reviewed_at, proposal.comment = reviewer, timezone.now(), comment
    proposal.save()
    _notify_author(proposal, accepted=True, request=request)
    return actor


@transaction.atomic
def proposal_reject(*, proposal: ActorProposal, reviewer, comment: str, request=None) -> None:
    proposal.status = ActorProposal.Status.REJECTED
    proposal.reviewer, proposal.reviewed_at, proposal.comment = reviewer, timezone.now(), comment
    proposal.save()
    _notify_author(proposal, accepted=False, request=request)


RESTORED_FIELDS_EXCLUDED = {
    "id", "slug", "version", "created_at", "created_by", "updated_at", "updated_by",
    "search_text", "search_vocabulary", "status",
}  # fmt: skip


@transaction.atomic
def actor_restore_version(*, actor: Actor, record, user) -> Actor:
    """Bring back the fields of an earlier version; the restore is itself a new version."""
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    for field in Actor._meta.concrete_fields:
        if field.name not in RESTORED_FIELDS_EXCLUDED:
            setattr(current, field.attname, getattr(record, field.attname))
    current.skip_history_when_saving = True
    current.save()
    for field in Actor._meta.many_to_many:
        column = field.m2m_reverse_field_name()
        getattr(current, field.name).set(getattr(record, field.name).values_list(column, flat=True))
    del current.skip_history_when_saving
    current.version += 1
    current.updated_by = user
    current._change_reason = _("Restauration de la version du %(date)s") % {
        "date": timezone.localtime(record.history_date).strftime("%d/%m/%Y %H:%M")
    }
    current.save()
    return current


@transaction.atomic
def actor_set_status(*, actor: Actor, user, status: str) -> Actor:
    """Archive (nothing is deleted) or bring back a fiche."""
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    current.status = status
    current.version += 1
    current.updated_by = user
    current.save()
    return current


@transaction.atomic
def actor_finish_draft(*, actor: Actor, user) -> Actor:
    """A draft is ready: it goes to review, or is published by those who publish directly
    (a member's own fiche is theirs to edit, not to publish)."""
    current = Actor.objects.select_for_update().get(pk=actor.pk)
    if current.status != PublicationStatus.DRAFT:
        return current
    if current.created_by_id != user.pk and not user.has_perm("actors.moderate_actor"):
        raise PermissionDenied
    current.status = (
        PublicationStatus.PUBLISHED if can_publish_directly(user) else PublicationStatus.REVIEW
    )
    current.version += 1
    current.updated_by = user
    current.save()
    return current
