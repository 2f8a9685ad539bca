"""Identifiers for the new fiches of an actors file, with a few queries for the whole file.

`unique_slug` asks the database about each candidate, one query a row at least. Here the
fiches' slugs that the file's names could take are read at the start; the fiches the import
creates are remembered as it goes. A fiche gets the very slug `unique_slug` would give it at
that point of the import (the same candidates, in the same order)."""

from itertools import batched

from django.db.models import Q

from actors.models import Actor
from mailleurs.text import slug_base, slug_candidates

MAX_LENGTH = 80  # `unique_slug`'s, as the fiche form uses it
# Up to « -99999 », every candidate of a base starts with the base cut this short.
PREFIX_LENGTH = MAX_LENGTH - len("-99999")
BATCH = 500


class SlugReservations:
    def __init__(self, names):
        bases = {slug_base(name or "fiche", max_length=MAX_LENGTH) for name in names}
        self.free_bases = set(bases)  # no fiche has this slug
        for chunk in batched(sorted(bases), BATCH):
            self.free_bases -= set(
                Actor.objects.filter(slug__in=chunk).values_list("slug", flat=True)
            )
        # A base taken already: every slug starting like its candidates, read once.
        self.prefixes = {base[:PREFIX_LENGTH] for base in bases - self.free_bases}
        self.existing: set[str] = set()
        for chunk in batched(sorted(self.prefixes), BATCH):
            starting = Q()
            for prefix in chunk:
                starting |= Q(slug__startswith=prefix)
            self.existing.update(Actor.objects.filter(starting).values_list("slug", flat=True))
        self.created: set[str] = set()

    def reserve(self, name: str) -> str:
        """The first candidate for `name` that neither a fiche nor this import has taken."""
        base = slug_base(name or "fiche", max_length=MAX_LENGTH)
        for candidate in slug_candidates(base, max_length=MAX_LENGTH):
            if candidate not in self.created and not self._in_database(candidate, base):
                return candidate
        raise AssertionError("unreachable")  # the candidates never run out

    def add(self, slug: str) -> None:
        """A fiche this import created (its row done without error): its slug is taken."""
        self.created.add(slug)

    def _in_database(self, candidate: str, base: str) -> bool:
        prefix = base[:PREFIX_LENGTH]
        if prefix in self.prefixes and candidate.startswith(prefix):
            return candidate in self.existing
        if candidate == base and base in self.free_bases:
            return False
        # A name the start did not see (or a 100,000th namesake): asked as `unique_slug` does.
        return Actor.objects.filter(slug=candidate).exists()
