"""What illustrates a sheet: images (re-encoded by the site, with their alternative text),
PDF documents, and video or web links shown as links (never embedded from outside)."""

from urllib.parse import urlsplit

from django.db import models
from django.utils.translation import gettext_lazy as _

from experiences.models.sheets import Experience


def image_path(instance, filename: str) -> str:
    # The site chooses the name: the uploaded one is never trusted (see experiences.uploads).
    return f"experiences/images/{filename}"


def document_path(instance, filename: str) -> str:
    return f"experiences/documents/{filename}"


class ExperienceImage(models.Model):
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="images")
    file = models.ImageField(_("image"), upload_to=image_path, width_field="width",
                             height_field="height")  # fmt: skip
    width = models.PositiveIntegerField(editable=False, default=0)
    height = models.PositiveIntegerField(editable=False, default=0)
    alt_text = models.CharField(
        _("texte alternatif"),
        max_length=250,
        help_text=_("Ce que montre l’image, pour qui ne la voit pas."),
    )
    caption = models.CharField(_("légende"), max_length=250, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("image")
        verbose_name_plural = _("images")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.alt_text


class ExperienceDocument(models.Model):
    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="documents")
    file = models.FileField(_("document PDF"), upload_to=document_path)
    title = models.CharField(_("titre"), max_length=200)
    size = models.PositiveIntegerField(editable=False, default=0)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("document")
        verbose_name_plural = _("documents")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title


class ExperienceLink(models.Model):
    """A video or a page elsewhere: shown as a link naming its host."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="links")
    url = models.URLField(_("adresse"), max_length=500)
    title = models.CharField(_("titre"), max_length=200)
    is_video = models.BooleanField(_("vidéo"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        verbose_name = _("lien")
        verbose_name_plural = _("liens")
        ordering = ["position", "pk"]

    def __str__(self) -> str:
        return self.title

    @property
    def host(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")
