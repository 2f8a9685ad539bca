"""Writes to an actor's links (relations, participations) and to schemes and local schemes:
keyword-only, atomic, plain data, each checking its rule in `actors.policies`."""

from django.core.exceptions import PermissionDenied
from django.db import transaction

from actors import policies
from actors.models import Actor, LocalScheme, Participation, Relation, Scheme
from mailleurs.rows import RowChange, apply_row_changes
from mailleurs.text import unique_slug
from mailleurs.versioning import locked


@transaction.atomic
def links_save(
    *,
    actor: Actor,
    user,
    relations: tuple[RowChange, ...],
    participations: tuple[RowChange, ...],
) -> None:
    if not policies.can_publish_directly(user, actor):
        raise PermissionDenied
    apply_row_changes(Relation.objects.filter(source=actor), relations, source=actor)
    apply_row_changes(Participation.objects.filter(actor=actor), participations, actor=actor)


def _fill(instance, fields: dict):
    for name, value in fields.items():
        setattr(instance, name, value)
    return instance


@transaction.atomic
def scheme_save(*, scheme: Scheme | None, user, fields: dict) -> Scheme:
    """Create a scheme (`scheme` None) or change one; the address comes from the acronym or
    the name when left empty."""
    if not policies.can_edit_scheme(user, scheme):
        raise PermissionDenied
    saved = _fill(locked(scheme) if scheme else Scheme(), fields)
    if not saved.slug:
        saved.slug = unique_slug(Scheme, saved.acronym or saved.name)
    saved.save()
    return saved


@transaction.atomic
def local_scheme_save(
    *, local_scheme: LocalScheme | None, user, fields: dict, territories: list
) -> LocalScheme:
    if not policies.can_edit_local_scheme(user, local_scheme):
        raise PermissionDenied
    current = locked(local_scheme) if local_scheme else LocalScheme()
    saved = _fill(current, fields)
    if not saved.slug:
        saved.slug = unique_slug(LocalScheme, saved.name)
    saved.save()
    saved.territories.set(territories)
    return saved
