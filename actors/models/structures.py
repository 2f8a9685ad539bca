"""The people of a structure: membership requests, members and managers."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from actors.models.fiches import Actor


class StructureMembership(models.Model):
    """A person who belongs to a structure: asked for, then accepted by a manager or moderator.

    Managers edit their structure's fiche without review and confirm it is still up to date."""

    class Status(models.TextChoices):
        REQUESTED = "requested", _("Demandée")
        ACCEPTED = "accepted", _("Acceptée")
        REFUSED = "refused", _("Refusée")

    actor = models.ForeignKey(
        Actor, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="memberships"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("personne"),
        on_delete=models.CASCADE,
        related_name="structure_memberships",
    )
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.REQUESTED
    )
    is_manager = models.BooleanField(_("gestionnaire de la fiche"), default=False)
    message = models.CharField(_("message"), max_length=500, blank=True)
    created_at = models.DateTimeField(_("demandée le"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("décidée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    decided_at = models.DateTimeField(_("décidée le"), null=True, blank=True)

    class Meta:
        verbose_name = _("appartenance à une structure")
        verbose_name_plural = _("appartenances à une structure")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["actor", "user"], name="membership_unique_person")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.actor} ({self.get_status_display()})"
