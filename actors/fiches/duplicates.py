"""Likely duplicates of a fiche being created: same SIRET, or a close name in the commune."""

import difflib

from actors.models import Actor, PublicationStatus
from mailleurs.text import normalize

NAME_SIMILARITY = 0.8


def likely_duplicates(*, name: str, commune, user, siret: str = "", exclude_pk=None) -> list[Actor]:
    """Among the fiches `user` may see: someone else's draft is nobody else's business."""
    candidates = (
        Actor.objects.visible_to(user)
        .exclude(status=PublicationStatus.ARCHIVED)
        .select_related("commune")
    )
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    found = {}
    if siret:
        for actor in candidates.filter(siret=siret):
            found[actor.pk] = actor
    wanted = normalize(name)
    for actor in candidates.filter(commune=commune).only("pk", "name", "slug", "commune"):
        ratio = difflib.SequenceMatcher(None, wanted, normalize(actor.name)).ratio()
        if ratio >= NAME_SIMILARITY:
            found[actor.pk] = actor
    return list(found.values())
