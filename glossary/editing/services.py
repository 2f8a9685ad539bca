"""Writes of the glossary from the browser: keyword-only, atomic, plain data. A term is saved
with its links and its sphere views as one version; members' changes wait as proposals
(`mailleurs.proposals`), moderators' are published at once; no lost update
(`mailleurs.versioning`)."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actors import notifications
from actors.models import Sphere
from glossary import policies
from glossary.models import Term, TermProposal, TermView
from mailleurs.proposals import AlreadyDecided, acceptance_reason, lock_pending, record_decision
from mailleurs.text import unique_slug, unix_lines
from mailleurs.versioning import (
    VersionConflict,
    change_of,
    check_version,
    locked,
    restore_fields,
    restore_reason,
    stamp,
)

__all__ = ["AlreadyDecided", "VersionConflict"]  # views catch them from here


@dataclass(frozen=True)
class TermData:
    """A term as typed: its own fields, its links (schemes, related, not_to_confuse) and the
    text of each sphere's view ({sphere: text}; "" removes that view; a sphere not given is
    left as it is)."""

    fields: dict
    links: dict = field(default_factory=dict)
    views: dict = field(default_factory=dict)


def _apply_views(term: Term, views: dict, *, user, reason=None) -> None:
    existing = {view.sphere_id: view for view in TermView.objects.filter(term=term)}
    for sphere, text in views.items():
        text, view = unix_lines(text).strip(), existing.get(sphere.pk)
        if view is not None and not text:
            view._history_user, view._change_reason = user, reason
            view.delete()
        elif text and (view is None or view.text != text):
            view = view or TermView(term=term, sphere=sphere)
            view.text = text
            view._history_user, view._change_reason = user, reason
            view.save()


def _save_as_one_version(term: Term, data: TermData, *, user, reason=None) -> None:
    """The history records the term once, links included, then its views as they changed."""
    for name, value in data.fields.items():
        setattr(term, name, unix_lines(value) if isinstance(value, str) else value)
    term.skip_history_when_saving = True
    try:
        term.save()
        for name, values in data.links.items():
            getattr(term, name).set(values)
    finally:
        del term.skip_history_when_saving
    term.save()
    _apply_views(term, data.views, user=user, reason=reason)


def _create(*, user, data: TermData, reason=None) -> Term:
    term = Term(slug=unique_slug(Term, data.fields["word"], max_length=120))
    stamp(term, user=user, reason=reason)
    term.version = 1  # the first version, whoever wrote it
    _save_as_one_version(term, data, user=user, reason=reason)
    return term


@transaction.atomic
def term_update(*, term: Term, user, data: TermData, expected_version, reason=None) -> Term:
    current = locked(term)
    check_version(current, expected_version)
    stamp(current, user=user, reason=reason)
    _save_as_one_version(current, data, user=user, reason=reason)
    return current


@dataclass
class Submitted:
    term: Term | None
    proposal: TermProposal | None = None


@transaction.atomic
def term_submit(*, term: Term | None, user, data: TermData, expected_version, typed: dict):
    """A new term or a change: published when the user moderates the glossary, otherwise kept
    as typed for a moderator (checked again then)."""
    if not policies.can_contribute(user):
        raise PermissionDenied
    if policies.can_moderate_glossary(user):
        if term is None:
            return Submitted(_create(user=user, data=data))
        return Submitted(
            term_update(term=term, user=user, data=data, expected_version=expected_version)
        )
    base_version = 0
    if term is not None:
        current = locked(term)
        check_version(current, expected_version)
        base_version = current.version
    proposal = TermProposal.objects.create(
        term=term, author=user, data=typed, base_version=base_version, kind=TermProposal.Kind.TERM
    )
    return Submitted(term, proposal)


@transaction.atomic
def view_submit(*, term: Term, user, sphere, text: str, expected_version) -> Submitted:
    """One sphere's view on a term: published by moderators, proposed by members."""
    if not policies.can_contribute(user):
        raise PermissionDenied
    data = TermData(fields={}, views={sphere: text})
    if policies.can_moderate_glossary(user):
        return Submitted(
            term_update(term=term, user=user, data=data, expected_version=expected_version)
        )
    current = locked(term)
    check_version(current, expected_version)
    proposal = TermProposal.objects.create(
        term=term,
        author=user,
        data={"sphere": [sphere.slug], "text": [text]},
        base_version=current.version,
        kind=TermProposal.Kind.VIEW,
    )
    return Submitted(term, proposal)


@transaction.atomic
def proposal_accept(
    *, proposal: TermProposal, reviewer, data: TermData, comment="", expected_version=None,
    request=None,
) -> Term:  # fmt: skip
    """Publish a proposal (`data`: checked again against the glossary as it is now); the
    history credits its author and says who accepted it."""
    if not policies.can_moderate_glossary(reviewer):
        raise PermissionDenied
    lock_pending(proposal)
    author, reason = proposal.author or reviewer, acceptance_reason(proposal, reviewer)
    if proposal.term_id is None:
        term = _create(user=author, data=data, reason=reason)
        proposal.term = term
    else:
        current = locked(proposal.term)
        if expected_version is not None:
            check_version(current, expected_version)
        term = term_update(
            term=current, user=author, data=data, expected_version=current.version, reason=reason
        )
    record_decision(proposal, reviewer=reviewer, status=TermProposal.Status.ACCEPTED,
                    comment=comment)  # fmt: skip
    notifications.proposal_decided(proposal, accepted=True, request=request)
    return term


@transaction.atomic
def proposal_reject(*, proposal: TermProposal, reviewer, comment: str, request=None) -> None:
    if not policies.can_moderate_glossary(reviewer):
        raise PermissionDenied
    lock_pending(proposal)
    record_decision(proposal, reviewer=reviewer, status=TermProposal.Status.REJECTED,
                    comment=comment)  # fmt: skip
    notifications.proposal_decided(proposal, accepted=False, request=request)


def _views_of_version(term: Term, record):
    """The views as they stood with `record`: a term's views are saved right after it, so
    until its next version."""
    following = term.history.filter(history_date__gt=record.history_date).order_by("history_date")
    next_record = following.exclude(history_id=record.history_id).first()
    until = next_record.history_date - timedelta(microseconds=1) if next_record else None
    views = TermView.history.as_of(until) if until else TermView.objects.all()
    return views.filter(term_id=term.pk)


@transaction.atomic
def term_restore_version(*, term: Term, record, user) -> Term:
    """Bring back a version of the term: its fields, its links and its views as they were
    then. The restore is itself a new version."""
    if not policies.can_moderate_glossary(user):
        raise PermissionDenied
    reason = restore_reason(record)
    with change_of(term, user=user, reason=reason) as current:
        restore_fields(current, record)
    then = {view.sphere_id: view.text for view in _views_of_version(term, record)}
    spheres = {view.sphere for view in current.views.select_related("sphere")}
    spheres |= set(Sphere.objects.filter(pk__in=list(then)))
    _apply_views(current, {s: then.get(s.pk, "") for s in spheres}, user=user, reason=reason)
    return current
