"""Posting lists of the published fiches' search words, as of one snapshot (PostgreSQL).

A broad word's first search made PostgreSQL rank each of its tens of thousands of matches; the
cost grew with the directory. A snapshot keeps, for every word (lexeme) of the published
fiches, the fiches holding it and each one's share of the relevance rank, so that a one-word
search reads a few rows instead (actors.directory.postings). Fiches written since the snapshot
are searched in SQL, by their ids: the search rows' `touched` above the snapshot's `mark`,
and `SearchRowRemoval` for deleted ones.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PostingSnapshot(models.Model):
    """The published fiches as one build saw them, in arrays a process loads at once
    (numpy buffers, little-endian): positions are indexes into `fiche_ids`."""

    built_at = models.DateTimeField(auto_now_add=True)
    # The last `touched` number the build saw: rows above it were written after.
    mark = models.BigIntegerField()
    fiches = models.PositiveIntegerField()
    seconds = models.FloatField(default=0)
    fiche_ids = models.BinaryField()  # int64, increasing
    name_order = models.BinaryField()  # int32: the positions in (sort_name, id) order
    names = models.BinaryField()  # the `sort_name`s in that order, end to end (UTF-8)
    name_ends = models.BinaryField()  # int32: where each of those names ends in `names`
    facet_codes = models.BinaryField()  # int32: each position's facet codes, end to end
    facet_ends = models.BinaryField()  # int32: where each position's codes end

    class Meta:
        verbose_name = _("instantané de recherche")
        verbose_name_plural = _("instantanés de recherche")
        default_permissions = ()

    def __str__(self) -> str:
        return f"{self.fiches} fiches ({self.built_at:%d/%m/%Y %H:%M})"


class Posting(models.Model):
    """One word of a snapshot: the positions of the fiches holding it, increasing (int32),
    and for each its share of `ts_rank` before the last division (float32, `postings.ranks`)."""

    snapshot = models.ForeignKey(PostingSnapshot, on_delete=models.CASCADE, db_index=False)
    lexeme = models.TextField()  # compared as "C" on PostgreSQL: a prefix is a range
    positions = models.BinaryField()
    shares = models.BinaryField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(fields=["snapshot", "lexeme"], name="posting_lexeme_unique")
        ]

    def __str__(self) -> str:
        return self.lexeme


class SearchRowRemoval(models.Model):
    """A fiche deleted after some snapshot was built: its search row is gone, its postings are
    not. Written by the search rows' trigger; a build forgets those it saw."""

    actor_id = models.BigIntegerField()
    touched = models.BigIntegerField(db_index=True)

    class Meta:
        default_permissions = ()

    def __str__(self) -> str:
        return str(self.actor_id)
