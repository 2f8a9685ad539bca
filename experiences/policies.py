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


def can_publish_sheets(user) -> bool:
    """Publish a sheet in review, send it back to its author, archive or bring it back."""
    return can_moderate_sheets(user)


def can_review_sheet_proposals(user) -> bool:
    return can_moderate_sheets(user)


def can_restore_sheet_versions(user) -> bool:
    return can_moderate_sheets(user)


def can_see_sheet_history(user) -> bool:
    """Signed-in users read the history of the sheets they see (`visible_to`)."""
    return user.is_authenticated


def can_add_sheet_files(user, experience=None) -> bool:
    """Images and documents are added (or removed) by those whose changes are published
    directly, and by the author of a new sheet: a member's proposal carries texts only, so
    no file waits on disk for a review."""
    if experience is None:
        return can_write_sheets(user)
    return can_edit_sheet(user, experience) and can_publish_sheet_directly(user, experience)


def can_confirm_involvement(user, involvement) -> bool:
    """The actor's accepted managers say whether it did take part, in that role."""
    return is_structure_manager(user=user, actor=involvement.actor)


# The rules a template may ask by name: `{% if user|may:"sheets_moderate" %}`.
TEMPLATE_RULES = {
    "sheets_write": can_write_sheets,
    "sheets_moderate": can_moderate_sheets,
    "sheets_publish": can_publish_sheets,
    "sheets_restore": can_restore_sheet_versions,
}
