"""A job a person started and follows on its page: what it is, where it stands, what it gave."""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _


def result_path(job: "Job", filename: str) -> str:
    return f"taches/{job.pk}/{filename}"


def input_path(job: "Job", filename: str) -> str:
    return f"taches/{job.pk}/entree/{filename}"


class Job(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", _("en attente")
        RUNNING = "running", _("en cours")
        DONE = "done", _("terminé")
        FAILED = "failed", _("échoué")
        CANCELLED = "cancelled", _("annulé")

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="background_jobs"
    )
    kind = models.CharField(_("genre"), max_length=50)
    label = models.CharField(_("intitulé"), max_length=200)
    # What the work function needs, as JSON (a task's arguments must be).
    params = models.JSONField(default=dict, blank=True)
    # A file the work reads (an uploaded spreadsheet to import): kept apart from the params.
    input_file = models.FileField(_("fichier à traiter"), upload_to=input_path, blank=True)
    status = models.CharField(
        _("état"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    rows_done = models.PositiveIntegerField(_("lignes traitées"), default=0)
    rows_total = models.PositiveIntegerField(_("lignes en tout"), null=True, blank=True)
    error_message = models.TextField(_("raison de l’échec"), blank=True)
    result_file = models.FileField(_("fichier produit"), upload_to=result_path, blank=True)
    result_name = models.CharField(_("nom du fichier"), max_length=200, blank=True)
    result_link = models.CharField(_("lien vers le résultat"), max_length=500, blank=True)
    cancel_requested = models.BooleanField(_("annulation demandée"), default=False)
    # Set once the work began writing: from then on it can no longer be cancelled.
    has_written = models.BooleanField(_("a commencé à écrire"), default=False)
    # The id of the task that runs it (django.tasks), to find it in the worker's table.
    task_id = models.CharField(max_length=64, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    started_at = models.DateTimeField(_("commencée le"), null=True, blank=True)
    finished_at = models.DateTimeField(_("finie le"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("tâche")
        verbose_name_plural = _("tâches")

    def __str__(self):
        return self.label

    def get_absolute_url(self):
        return reverse("background:job_detail", kwargs={"pk": self.pk})

    @property
    def is_active(self) -> bool:
        return self.status in (self.Status.PENDING, self.Status.RUNNING)

    @property
    def duration_seconds(self) -> float | None:
        if self.started_at is None or self.finished_at is None:
            return None
        return (self.finished_at - self.started_at).total_seconds()
