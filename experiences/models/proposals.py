"""A member's change to a published sheet, waiting for a moderator (`mailleurs.proposals`)."""

from django.db import models
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from experiences.models.sheets import Experience
from mailleurs.proposals import Proposal


class ExperienceProposal(Proposal):
    """`data` is the sheet's form as the member typed it (texts and lists of rows, never
    files): it is checked again when a moderator accepts it."""

    experience = models.ForeignKey(
        Experience,
        verbose_name=gettext_lazy("fiche expérience"),
        on_delete=models.CASCADE,
        related_name="proposals",
    )

    class Meta(Proposal.Meta):
        verbose_name = gettext_lazy("proposition pour une fiche expérience")
        verbose_name_plural = gettext_lazy("propositions pour les fiches expérience")

    def __str__(self) -> str:
        return f"{self.experience} — {self.get_status_display()}"

    def notice(self) -> dict:
        """What the e-mail telling its author of the decision names."""
        from experiences.editing.addresses import sheet_url  # the pages import the models

        return {
            "name": self.experience.title,
            "what": _("de modification de la fiche expérience"),
            "url": sheet_url(self.experience),
        }
