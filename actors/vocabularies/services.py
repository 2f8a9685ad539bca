"""Writes to the shared vocabularies (spheres, types, themes, competences, professions)."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actors import policies
from mailleurs.text import unique_slug
from mailleurs.versioning import locked


@transaction.atomic
def term_save(*, model, term, user, fields: dict):
    """Create a term of `model` (`term` None) or change one; a new term's address comes from
    its name."""
    if not policies.can_edit_vocabulary(user, model, creating=term is None):
        raise PermissionDenied
    saved = locked(term) if term else model()
    for name, value in fields.items():
        setattr(saved, name, value)
    if not saved.slug:
        saved.slug = unique_slug(model, saved.name)
    saved.save()
    return saved
