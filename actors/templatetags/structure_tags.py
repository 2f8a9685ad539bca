"""What a fiche shows about its people, computed in `actors.structures.selectors` (no rule in
templates)."""

from django import template

from actors.structures.selectors import FicheStructureStatus, fiche_structure_status

register = template.Library()


@register.simple_tag
def structure_status(actor, user) -> FicheStructureStatus:
    """`{% structure_status actor user as structure %}`: the user's membership and what they may
    do here (join, confirm the fiche is up to date, manage the team)."""
    return fiche_structure_status(actor=actor, user=user)
