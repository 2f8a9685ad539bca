"""Every "who may / who sees" rule of the experience sheets, in one place.

Everyone reads published sheets. Members write sheets (drafts are theirs until sent for
review) and propose changes to published ones; moderators publish, refuse, archive, edit
directly and restore versions; the accepted managers of an actor named in a sheet confirm its
role there. Permission strings are named here; `mailleurs.roles` says which role holds them.
"""

from actors.models import PublicationStatus
from actors.policies import is_structure_manager

WRITE = "experiences.add_experience"
MODERATE = "experiences.moderate_experience"


def can_write_sheets(user) -> bool:
    return user.is_authenticated and user.has_perm(WRITE)


def can_moderate_sheets(user) -> bool:
    return user.is_authenticated and user.has_perm(MODERATE)


def sees_every_sheet(user) -> bool:
    """Moderators see drafts and sheets in review as well as published ones."""
    return can_moderate_sheets(user)


def is_sheet_author(user, experience) -> bool:
    return user.is_authenticated and experience.created_by_id == user.pk


def can_edit_sheet(user, experience) -> bool:
    """Archived sheets are left alone; otherwise any writer may edit (a member's change to a
    published sheet waits for review: `can_publish_sheet_directly`)."""
    if experience.status == PublicationStatus.ARCHIVED:
        return can_moderate_sheets(user)
    return can_write_sheets(user)


def can_publish_sheet_directly(user, experience=None) -> bool:
    """Moderators publish; the author edits their own sheet freely until it is published."""
    if can_moderate_sheets(user):
        return True
    return (
        experience is not None
        and experience.status in (PublicationStatus.DRAFT, PublicationStatus.REVIEW)
        and is_sheet_author(user, experience)
    )


def can_confirm_involvement(user, involvement) -> bool:
    """The actor's accepted managers say whether it did take part, in that role."""
    return is_structure_manager(user=user, actor=involvement.actor)


# The rules a template may ask by name: `{% if user|may:"sheets_moderate" %}`.
TEMPLATE_RULES = {
    "sheets_write": can_write_sheets,
    "sheets_moderate": can_moderate_sheets,
}
