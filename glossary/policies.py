"""Every "who may" rule of the glossary, in one place.

Everyone reads the glossary; members propose a term or a sphere's view and take part in the
discussion under a term (visitors only see how many messages it holds); moderators publish
proposals, edit terms directly, restore versions, hide messages and show them again; an author
may hide their own message (it stays on record, like any hidden one); staff import the
glossary from a spreadsheet (the directory's import right).
Permission strings are named here; `mailleurs.roles` says which role holds them.
"""

from actors.policies import can_import

CONTRIBUTE = "glossary.contribute_term"
MODERATE = "glossary.moderate_term"


def can_contribute(user) -> bool:
    """Propose a new term, a change to a term or a view of one's sphere; write in the
    discussion under a term."""
    return user.is_authenticated and user.has_perm(CONTRIBUTE)


def can_moderate_glossary(user) -> bool:
    """Publish or refuse proposals, edit a term directly, restore a version, hide a message."""
    return user.is_authenticated and user.has_perm(MODERATE)


def can_import_glossary(user) -> bool:
    return can_import(user)


# --- the discussion under a term -----------------------------------------------------------


def can_read_discussion(user) -> bool:
    """Read the messages; everyone else sees how many there are."""
    return can_contribute(user)


def can_write_in_discussion(user) -> bool:
    return can_contribute(user)


def can_hide_comment(user, comment) -> bool:
    """Moderators hide any message; a member hides their own (the record stays)."""
    if can_moderate_glossary(user):
        return True
    return can_contribute(user) and comment.author_id is not None and comment.author_id == user.pk


def can_show_comment_again(user) -> bool:
    return can_moderate_glossary(user)


def sees_hidden_comments(user) -> bool:
    """Who reads a hidden message's text, with who hid it and why."""
    return can_moderate_glossary(user)


# The rules a template may ask by name: `{% if user|may:"glossary_moderate" %}`.
TEMPLATE_RULES = {
    "glossary_contribute": can_contribute,
    "glossary_moderate": can_moderate_glossary,
    "glossary_import": can_import_glossary,
}
