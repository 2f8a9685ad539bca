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
