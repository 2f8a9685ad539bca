"""Every "who may" rule of the glossary, in one place.

Everyone reads the glossary; members propose a term or a sphere's view and take part in the
discussion under a term; moderators publish proposals, edit terms directly, restore versions
and hide messages; staff import the glossary from a spreadsheet (the directory's import right).
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


# The rules a template may ask by name: `{% if user|may:"glossary_moderate" %}`.
TEMPLATE_RULES = {
    "glossary_contribute": can_contribute,
    "glossary_moderate": can_moderate_glossary,
    "glossary_import": can_import_glossary,
}
