"""Keeps the search columns in step with the data: linked vocabularies, facet keys (see
`facet_keys`) and known words.

`Actor.search_vocabulary` holds, folded word by word, the names of what an actor is linked to (type,
spheres, themes, competences, contacts' professions, commune), so one text search covers them
on both databases. `SearchTerm` lists the words the directory knows, for typo suggestions.
"""

import re
import threading
from collections.abc import Iterable
from contextlib import contextmanager

from django.db import transaction

from actors.cache import bump_generation
from actors.directory.facet_keys import refresh_facet_keys
from actors.directory.folding import spaced_words
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Profession,
    Scheme,
    SearchTerm,
    Sphere,
    Territory,
    Theme,
)
from mailleurs.text import normalize

WORD = re.compile(r"[a-z0-9]+(?:'[a-z0-9]+)?")
MIN_TERM_LENGTH = 3
BATCH_SIZE = 2000


def vocabulary_text(actor) -> str:
    """Expects spheres, themes, competences and contacts' professions prefetched."""
    return vocabulary_text_of(
        actor.actor_type,
        actor.commune,
        [*actor.spheres.all(), *actor.themes.all(), *actor.competences.all()],
        [c.profession for c in actor.contacts.all() if c.profession_id],
    )


def vocabulary_text_of(actor_type, commune, vocabularies, professions) -> str:
    """The text from what it is made of: `vocabularies` are the spheres, themes and
    competences, `professions` the contacts', each in the order the fiche lists them."""
    names = [actor_type.name, commune.name, *(obj.name for obj in vocabularies)]
    return spaced_words(*names, *(profession.name for profession in professions))


def refresh_search_vocabulary(actor_ids: Iterable[int]) -> int:
    """Recompute `search_vocabulary` and `facet_keys` for these actors; returns how many
    vocabularies changed."""

    ids = list(actor_ids)
    refresh_facet_keys(ids)
    changed = 0
    for start in range(0, len(ids), BATCH_SIZE):
        batch = (
            Actor.objects.filter(pk__in=ids[start : start + BATCH_SIZE])
            .select_related("actor_type", "commune")
            .prefetch_related("spheres", "themes", "competences", "contacts__profession")
            .only("pk", "search_vocabulary", "actor_type__name", "commune__name")
        )
        stale = []
        for actor in batch:
            text = vocabulary_text(actor)
            if text != actor.search_vocabulary:
                actor.search_vocabulary = text
                stale.append(actor)
        with transaction.atomic():
            Actor.objects.bulk_update(stale, ["search_vocabulary"], batch_size=500)
        changed += len(stale)
    return changed


_deferral = threading.local()


@contextmanager
def deferred_refresh():
    """Bulk loads: gather the actors touched, refresh each once at the end."""
    if getattr(_deferral, "pending", None) is not None:
        yield
        return
    _deferral.pending, _deferral.texts = set(), []
    try:
        yield
        pending, texts = _deferral.pending, _deferral.texts
    finally:
        _deferral.pending = _deferral.texts = None
    refresh_search_vocabulary(sorted(pending))
    add_search_terms(texts)
    # The fiches' words and facets changed after their writes moved the generation: say so
    # again, so that nothing checked in between is kept (actors.cache.changed_since).
    if pending:
        bump_generation(pending)


def deferred_refresh_cancel() -> None:
    """Inside `deferred_refresh()`: forget what was gathered (the writes were rolled back)."""
    if getattr(_deferral, "pending", None) is not None:
        _deferral.pending.clear()
        _deferral.texts.clear()


def schedule_refresh(actor_ids: Iterable[int]) -> None:
    """Refresh now, or at the end of the enclosing `deferred_refresh()` block."""
    pending = getattr(_deferral, "pending", None)
    if pending is None:
        refresh_search_vocabulary(actor_ids)
    else:
        pending.update(actor_ids)


def refresh_located_fiches(commune_ids: Iterable[int]) -> list[int]:
    """A commune's name is in the search words of the fiches located there: refresh them after
    a rename, and return their ids (for `bump_generation`)."""
    located = list(
        Actor.objects.filter(commune_id__in=list(commune_ids)).values_list("pk", flat=True)
    )
    if located:
        schedule_refresh(located)
    return located


def words_of(text: str) -> dict[str, str]:
    """Normalised word → its first written form, for words long enough to be suggested."""
    found: dict[str, str] = {}
    for written in re.findall(r"[\w'’-]+", text or ""):
        for part in re.split(r"[-'’]", written):
            key = normalize(part)
            if len(key) >= MIN_TERM_LENGTH and not key.isdigit():
                found.setdefault(key, part.lower())
    return found


def add_search_terms(texts: Iterable[str]) -> None:
    """Known words for typo suggestions; at the end of a `deferred_refresh()` block if any."""

    deferred = getattr(_deferral, "texts", None)
    if deferred is not None:
        deferred.extend(texts)
        return

    words: dict[str, str] = {}
    for text in texts:
        for key, written in words_of(text).items():
            words.setdefault(key, written)
    rows = [SearchTerm(normalized=key[:80], term=written[:80]) for key, written in words.items()]
    SearchTerm.objects.bulk_create(rows, ignore_conflicts=True, batch_size=BATCH_SIZE)


def rebuild_search_terms() -> int:
    """Words from vocabularies, schemes, communes with actors and actor names."""

    texts: list[str] = []
    for model in (Sphere, ActorType, Theme, Competence, Profession):
        texts += model.objects.values_list("name", flat=True)
    texts += Scheme.objects.values_list("name", flat=True)
    texts += Scheme.objects.values_list("acronym", flat=True)
    texts += (
        Territory.objects.filter(located_actors__isnull=False)
        .distinct()
        .values_list("name", flat=True)
    )
    texts += Actor.objects.published().values_list("name", flat=True).iterator(chunk_size=5000)
    add_search_terms(texts)
    return SearchTerm.objects.count()
