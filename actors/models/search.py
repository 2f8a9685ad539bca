"""Words the directory knows, for « vouliez-vous dire »."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """A word known to the directory, for « vouliez-vous dire… » suggestions."""

    term = models.CharField(_("mot"), max_length=80)
    normalized = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("mot connu")
        verbose_name_plural = _("mots connus")
        ordering = ["normalized"]

    def __str__(self) -> str:
        return self.term


class ActorSearchRow(models.Model):
    """What a word search reads of a fiche, in a narrow table of its own (PostgreSQL).

    A broad word finds tens of thousands of fiches; reading them in the fiches' table visits
    wide rows (descriptions, addresses) and their out-of-line search vectors. This copy holds
    only the status, the name in alphabetical order (the tie-break of the relevance order),
    the facet keys as short codes and, on PostgreSQL, the search vector kept inline: about
    1 KB a fiche, so that a broad word's matches stay in PostgreSQL's memory. A trigger on the
    fiches' table keeps it in step on every write, whatever the path (migrations 0020, 0022,
    0023). SQLite leaves it empty and unused.
    """

    actor_id = models.BigIntegerField(primary_key=True)
    status = models.CharField(max_length=10)
    # `Actor.sort_name`: the tie-break of the relevance order, compared as "C" (migration 0023).
    sort_name = models.CharField(max_length=200, default="")
    # `facet_keys` as numbers of 4 characters each (`facet_keys.read_codes`), read by a
    # visitor's word search without a Python string per key (actors.directory.word_matches).
    facet_codes = models.TextField(default="")
    # The write's number in `actors_search_touch_seq`, set by the trigger (migration 0025): the
    # rows written since a posting snapshot are those above its `mark` (actors.directory.postings).
    touched = models.BigIntegerField(default=0)

    class Meta:
        verbose_name = _("ligne de recherche")
        verbose_name_plural = _("lignes de recherche")
        default_permissions = ()

    def __str__(self) -> str:
        return self.sort_name
