"""The record of each spreadsheet import."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


class ImportRecord(models.Model):
    """One spreadsheet uploaded on /import/ (or on the glossary's import page): kept with its
    file, its preview and its outcome, from the preview to the confirmation and after."""

    class Kind(models.TextChoices):
        ACTORS = "acteurs", _("Acteurs")
        RELATIONS = "relations", _("Relations entre acteurs")
        PARTICIPATIONS = "participations", _("Participations aux dispositifs locaux")
        GLOSSARY = "glossaire", _("Glossaire")

    class Status(models.TextChoices):
        PREVIEW = "preview", _("Prévisualisé, pas importé")
        IMPORTED = "imported", _("Importé")
        REFUSED = "refused", _("Refusé : rien n’a été écrit")

    kind = models.CharField(_("contenu"), max_length=20, choices=Kind.choices)
    filename = models.CharField(_("fichier"), max_length=255)
    file_format = models.CharField(_("format"), max_length=5)
    content = models.BinaryField(_("contenu du fichier"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PREVIEW
    )
    valid_rows_only = models.BooleanField(_("lignes valides seulement"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("déposé par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    created_at = models.DateTimeField(_("déposé le"), auto_now_add=True)
    imported_at = models.DateTimeField(_("importé le"), null=True, blank=True)
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("importé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    rows_total = models.PositiveIntegerField(_("lignes"), default=0)
    rows_new = models.PositiveIntegerField(_("nouvelles"), default=0)
    rows_updated = models.PositiveIntegerField(_("modifiées"), default=0)
    rows_unchanged = models.PositiveIntegerField(_("inchangées"), default=0)
    rows_invalid = models.PositiveIntegerField(_("en erreur"), default=0)
    report = models.JSONField(_("compte rendu"), default=dict)
    # How the file is read: its headers → column keys (the mapping step), and the vocabulary
    # suggestions accepted for all rows (column, value, suggestion).
    mapping = models.JSONField(_("correspondance des colonnes"), default=dict, blank=True)
    substitutions = models.JSONField(_("suggestions acceptées"), default=list, blank=True)

    class Meta:
        verbose_name = _("import de tableur")
        verbose_name_plural = _("imports de tableurs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        # The glossary's imports have their page beside the glossary's other pages.
        area = "glossary" if self.kind == self.Kind.GLOSSARY else "actors"
        return reverse(f"{area}:import_detail", kwargs={"pk": self.pk})

    @property
    def reason(self) -> str:
        """What the history of every fiche it changes says (100 characters at most there)."""
        text = _("Import n° %(pk)s, fichier « %(name)s »") % {"pk": self.pk, "name": self.filename}
        return text if len(text) <= 100 else text[:98] + "…»"


class ImportMapping(models.Model):
    """A column mapping saved under a name (« Fichier du réseau Drôme »), offered for the next
    file from the same source: its headers → the key of the column each fills ("" for none)."""

    name = models.CharField(_("nom"), max_length=100)
    kind = models.CharField(_("contenu"), max_length=20, choices=ImportRecord.Kind.choices)
    columns = models.JSONField(_("colonnes"), default=dict)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("enregistrée par"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
    )
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)

    class Meta:
        verbose_name = _("correspondance de colonnes")
        verbose_name_plural = _("correspondances de colonnes")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["kind", "name"], name="import_mapping_unique_name")
        ]

    def __str__(self) -> str:
        return self.name
