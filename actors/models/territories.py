"""Territories: régions, départements, EPCI, communes and custom perimeters, with a point."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from actors.directory.folding import SORT_NAME_LENGTH, sort_name
from actors.querysets import TerritoryQuerySet
from mailleurs.text import normalize

LATITUDE_VALIDATORS = [MinValueValidator(-90), MaxValueValidator(90)]


LONGITUDE_VALIDATORS = [MinValueValidator(-180), MaxValueValidator(180)]


def coordinates_constraints(prefix: str) -> list[models.CheckConstraint]:
    """Latitude and longitude in range, and set together or not at all."""
    return [
        models.CheckConstraint(
            condition=Q(latitude__isnull=True) | Q(latitude__gte=-90, latitude__lte=90),
            name=f"{prefix}_latitude_range",
        ),
        models.CheckConstraint(
            condition=Q(longitude__isnull=True) | Q(longitude__gte=-180, longitude__lte=180),
            name=f"{prefix}_longitude_range",
        ),
        models.CheckConstraint(
            condition=Q(latitude__isnull=True, longitude__isnull=True)
            | Q(latitude__isnull=False, longitude__isnull=False),
            name=f"{prefix}_coordinates_together",
        ),
    ]


class Territory(models.Model):
    class Kind(models.TextChoices):
        REGION = "region", _("Région")
        DEPARTEMENT = "departement", _("Département")
        EPCI = "epci", _("EPCI")
        COMMUNE = "commune", _("Commune")
        GAL = "gal", _("GAL LEADER")
        PETR = "petr", _("PETR / pays")
        PAT = "pat", _("Territoire de PAT")
        BASSIN_DE_VIE = "bassin_de_vie", _("Bassin de vie")
        QPV = "qpv", _("Quartier prioritaire (QPV)")
        PERIMETRE = "perimetre", _("Autre périmètre")

    OFFICIAL_KINDS = (Kind.REGION, Kind.DEPARTEMENT, Kind.EPCI, Kind.COMMUNE)

    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices, db_index=True)
    code = models.CharField(
        _("code officiel"),
        max_length=20,
        blank=True,
        help_text=_("INSEE pour les communes, départements et régions ; SIREN pour les EPCI."),
    )
    key = models.SlugField(
        _("identifiant"),
        max_length=60,
        unique=True,
        help_text=_(
            "Identifiant dans les adresses /territoires/… : le code INSEE ou SIREN, "
            "« R84 » pour une région, un libellé pour un périmètre."
        ),
    )
    name = models.CharField(_("nom"), max_length=200)
    slug = models.SlugField(_("slug"), max_length=220)
    region = models.ForeignKey(
        "self",
        verbose_name=_("région"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Kind.REGION},
    )
    departement = models.ForeignKey(
        "self",
        verbose_name=_("département"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": Kind.DEPARTEMENT},
    )
    epci = models.ForeignKey(
        "self",
        verbose_name=_("EPCI"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="member_communes",
        limit_choices_to={"kind": Kind.EPCI},
    )
    communes = models.ManyToManyField(
        "self",
        verbose_name=_("communes du périmètre"),
        symmetrical=False,
        blank=True,
        related_name="perimeters",
        limit_choices_to={"kind": Kind.COMMUNE},
        help_text=_("Pour un périmètre sur mesure : les communes qui le composent."),
    )
    population = models.PositiveIntegerField(_("population"), null=True, blank=True)
    postcodes = models.CharField(_("codes postaux"), max_length=200, blank=True)
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    description = models.TextField(_("description"), blank=True)
    search_name = models.CharField(max_length=200, editable=False, db_index=True)
    # The name in French alphabetical order (`folding.sort_name`), as fiches: « Île-de-France »
    # among the I, between « Hauts-de-France » and « La Réunion », on both databases.
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "code"],
                condition=~Q(code=""),
                name="territory_unique_official_code",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=["region", "departement", "epci", "commune"]) ^ Q(code=""),
                name="territory_official_kinds_have_code",
            ),
            *coordinates_constraints("territory"),
        ]
        indexes = [
            # The communes around a point (a fiche's neighbours): a band of latitude read in
            # the index alone, whatever the number of communes elsewhere.
            models.Index(
                fields=["latitude", "longitude", "id"],
                condition=Q(kind="commune"),
                name="territory_commune_place_idx",
            ),
        ]

    def __str__(self) -> str:
        if self.kind == self.Kind.COMMUNE and self.departement_id:
            return f"{self.name} ({self.departement.code})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        self.sort_name = sort_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actors:territory_detail", kwargs={"key": self.key})

    def get_kind_display(self) -> str:
        # Django's own version rebuilds a dict of every (lazily translated) choice on each call:
        # 22 translations per territory, felt in lists of hundreds (the maillage's suggestions).
        return str(self.Kind(self.kind).label) if self.kind in self.Kind.values else self.kind

    @property
    def is_official(self) -> bool:
        return self.kind in self.OFFICIAL_KINDS

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None
