"""A message of the discussion under a term. Plain text, never Markdown: what members write is
shown as they typed it. A hidden message stays in the table, with who hid it and why."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Length
from django.db.models.lookups import LessThanOrEqual
from django.utils.translation import gettext_lazy as _

BODY_MAX_LENGTH = 2000


def display_name(user) -> str:
    """How the discussion names a person: full name, else the username."""
    if user is None:
        return str(_("un compte supprimé"))
    return user.get_full_name() or user.get_username()


class TermComment(models.Model):
    term = models.ForeignKey(
        "glossary.Term", verbose_name=_("terme"), on_delete=models.CASCADE, related_name="comments"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    body = models.TextField(_("message"), max_length=BODY_MAX_LENGTH)
    sphere = models.ForeignKey(
        "actors.Sphere",
        verbose_name=_("sphère depuis laquelle l’auteur parle"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("écrit le"), auto_now_add=True, db_index=True)
    hidden_at = models.DateTimeField(_("masqué le"), null=True, blank=True)
    hidden_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("masqué par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    hidden_reason = models.CharField(_("raison du masquage"), max_length=200, blank=True)

    class Meta:
        verbose_name = _("message de discussion")
        verbose_name_plural = _("messages de discussion")
        ordering = ["created_at", "pk"]
        indexes = [models.Index(fields=["author", "created_at"], name="termcomment_author_recent")]
        constraints = [
            # The form says so already; the table keeps it true whatever writes to it.
            models.CheckConstraint(condition=~Q(body=""), name="termcomment_body_not_empty"),
            models.CheckConstraint(
                condition=LessThanOrEqual(Length("body"), BODY_MAX_LENGTH),
                name="termcomment_body_max_length",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.term} — {display_name(self.author)}, {self.created_at:%d/%m/%Y %H:%M}"

    @property
    def is_hidden(self) -> bool:
        return self.hidden_at is not None

    @property
    def hidden_by_author(self) -> bool:
        return self.is_hidden and self.author_id is not None and self.hidden_by_id == self.author_id

    @property
    def author_name(self) -> str:
        return display_name(self.author)

    @property
    def hidden_by_name(self) -> str:
        return display_name(self.hidden_by)
