"""The shared vocabularies: spheres, actor types, themes, competences, professions."""

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Vocabulary(models.Model):
    """A term of a controlled list, edited by moderators and seeded from fixtures."""

    name = models.CharField(_("nom"), max_length=120, unique=True)
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    description = models.TextField(_("définition"), blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        abstract = True
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.name


class Sphere(Vocabulary):
    color = models.CharField(
        _("couleur"),
        max_length=7,
        default="#555555",
        help_text=_("Couleur des marqueurs sur la carte, au format #rrggbb."),
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("sphère")
        verbose_name_plural = _("sphères")
        constraints = [
            models.CheckConstraint(
                condition=Q(color__regex=r"^#[0-9a-fA-F]{6}$"), name="sphere_color_hex"
            )
        ]


class ActorType(Vocabulary):
    sphere = models.ForeignKey(
        Sphere,
        verbose_name=_("sphère habituelle"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="actor_types",
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("type d’acteur")
        verbose_name_plural = _("types d’acteurs")


class Theme(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("thème")
        verbose_name_plural = _("thèmes")


class Competence(Vocabulary):
    class Meta(Vocabulary.Meta):
        verbose_name = _("compétence")
        verbose_name_plural = _("compétences")


class Profession(Vocabulary):
    sphere = models.ForeignKey(
        Sphere,
        verbose_name=_("sphère"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="professions",
    )

    class Meta(Vocabulary.Meta):
        verbose_name = _("métier")
        verbose_name_plural = _("métiers")
