"""Schemes, local schemes, participations and relations: the maillage between actors."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.directory.folding import SORT_NAME_LENGTH, sort_name
from actors.models.fiches import Actor
from actors.models.territories import Territory
from actors.querysets import LocalSchemeQuerySet


class Scheme(models.Model):
    class Family(models.TextChoices):
        SOCIAL = "social", _("Action sociale et familles")
        RURAL = "rural", _("Développement rural et européen")
        ALIMENTATION = "alimentation", _("Alimentation")
        VILLE = "ville", _("Politique de la ville")
        PARTICIPATION = "participation", _("Participation des habitants")
        EMPLOI = "emploi", _("Emploi et insertion")
        SANTE = "sante", _("Santé")
        CONTRACTUALISATION = "contractualisation", _("Contrats entre l’État et les territoires")

    name = models.CharField(_("nom"), max_length=200, unique=True)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    family = models.CharField(_("famille"), max_length=30, choices=Family.choices)
    description = models.TextField(_("description"), help_text=_("Markdown."))
    national_carrier = models.CharField(_("porté au niveau national par"), max_length=250)
    official_url = models.URLField(_("lien officiel"), max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords(verbose_name=_("version de dispositif"))

    class Meta:
        verbose_name = _("dispositif")
        verbose_name_plural = _("dispositifs")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return self.acronym or self.name

    def get_absolute_url(self) -> str:
        return reverse("actors:scheme_detail", kwargs={"slug": self.slug})

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class LocalScheme(models.Model):
    """A scheme on a territory, for a period: « CTG de la CC du Diois 2023-2027 »."""

    class Status(models.TextChoices):
        PROJECT = "project", _("En projet")
        ACTIVE = "active", _("En cours")
        ENDED = "ended", _("Terminé")

    scheme = models.ForeignKey(
        Scheme, verbose_name=_("dispositif"), on_delete=models.PROTECT, related_name="instances"
    )
    name = models.CharField(_("nom"), max_length=250)
    # The name in French alphabetical order (`folding.sort_name`), as fiches: « École et
    # familles » among the E, not after « Vivre ensemble », on SQLite as on PostgreSQL.
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")
    slug = models.SlugField(_("slug"), max_length=120, unique=True)
    territories = models.ManyToManyField(
        Territory, verbose_name=_("territoires"), related_name="local_schemes"
    )
    start_date = models.DateField(_("début"), null=True, blank=True)
    end_date = models.DateField(_("fin"), null=True, blank=True)
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.ACTIVE
    )
    description = models.TextField(_("description"), blank=True)
    actors = models.ManyToManyField(
        Actor, through="Participation", related_name="local_schemes", blank=True
    )
    is_fictional = models.BooleanField(_("fictif"), default=False)
    updated_at = models.DateTimeField(_("mis à jour le"), auto_now=True)
    history = HistoricalRecords(
        excluded_fields=["sort_name", "updated_at"], verbose_name=_("version de dispositif local")
    )

    objects = LocalSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif local")
        verbose_name_plural = _("dispositifs locaux")
        ordering = ["scheme__position", "sort_name", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_date__isnull=True)
                | Q(end_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="local_scheme_period_ordered",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.sort_name = sort_name(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse(
            "actors:local_scheme_detail",
            kwargs={"scheme_slug": self.scheme.slug, "slug": self.slug},
        )

    @property
    def period(self) -> str:
        start = self.start_date.year if self.start_date else None
        end = self.end_date.year if self.end_date else None
        if start and end:
            return f"{start}-{end}"
        if start:
            return _("depuis %(year)s") % {"year": start}
        if end:
            return _("jusqu’en %(year)s") % {"year": end}
        return ""


class Participation(models.Model):
    class Role(models.TextChoices):
        PILOTE = "pilote", _("Pilote")
        PORTEUR = "porteur", _("Porteur")
        FINANCEUR = "financeur", _("Financeur")
        ANIMATEUR = "animateur", _("Animateur")
        PARTENAIRE = "partenaire", _("Partenaire")
        PARTICIPANT = "participant", _("Participant")

    local_scheme = models.ForeignKey(
        LocalScheme,
        verbose_name=_("dispositif local"),
        on_delete=models.CASCADE,
        related_name="participations",
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="participations"
    )
    role = models.CharField(_("rôle"), max_length=12, choices=Role.choices)
    note = models.CharField(_("précision"), max_length=250, blank=True)
    history = HistoricalRecords(verbose_name=_("version de participation"))

    class Meta:
        verbose_name = _("participation")
        verbose_name_plural = _("participations")
        ordering = ["local_scheme", "role", "actor__sort_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["local_scheme", "actor", "role"], name="participation_unique_role"
            )
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.get_role_display()} — {self.local_scheme}"


class Relation(models.Model):
    class Kind(models.TextChoices):
        PARTENARIAT = "partenariat", _("Partenariat")
        MEMBRE_DE = "membre_de", _("Membre de")
        FINANCE = "finance", _("Finance")
        ACCOMPAGNE = "accompagne", _("Accompagne")
        CO_ANIME = "co_anime", _("Co-anime avec")
        ORIENTE = "oriente", _("Oriente des publics vers")

    source = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="relations_out"
    )
    target = models.ForeignKey(
        Actor,
        verbose_name=_("acteur lié"),
        on_delete=models.CASCADE,
        related_name="relations_in",
    )
    kind = models.CharField(_("nature"), max_length=12, choices=Kind.choices)
    since = models.PositiveSmallIntegerField(
        _("depuis (année)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1900), MaxValueValidator(2100)],
    )
    note = models.CharField(_("précision"), max_length=300, blank=True)
    history = HistoricalRecords(verbose_name=_("version de relation"))

    class Meta:
        verbose_name = _("relation")
        verbose_name_plural = _("relations")
        ordering = ["source__sort_name", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "target", "kind"], name="relation_unique_kind"
            ),
            models.CheckConstraint(
                condition=~Q(source=models.F("target")), name="relation_not_to_itself"
            ),
            models.CheckConstraint(
                condition=Q(since__isnull=True) | Q(since__gte=1900, since__lte=2100),
                name="relation_since_range",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} — {self.get_kind_display()} — {self.target}"

    @property
    def forward_wording(self) -> str:
        """What the source's fiche says before the target's name: « Partenaire de X »."""
        return RELATION_FORWARD_WORDING.get(self.kind) or self.get_kind_display()

    @property
    def reverse_wording(self) -> str:
        """What the target's fiche says after the source's name, as a sentence: « X est
        partenaire de cette structure »."""
        return RELATION_REVERSE_WORDING.get(self.kind) or _("est lié à cette structure")


# Kinds are nouns or verbs in forms; on a fiche each reads as a sentence, from either side.
RELATION_FORWARD_WORDING = {
    Relation.Kind.PARTENARIAT: _("Partenaire de"),
    Relation.Kind.MEMBRE_DE: _("Membre de"),
    Relation.Kind.FINANCE: _("Finance"),
    Relation.Kind.ACCOMPAGNE: _("Accompagne"),
    Relation.Kind.CO_ANIME: _("Co-anime avec"),
    Relation.Kind.ORIENTE: _("Oriente des publics vers"),
}
RELATION_REVERSE_WORDING = {
    Relation.Kind.PARTENARIAT: _("est partenaire de cette structure"),
    Relation.Kind.MEMBRE_DE: _("est membre de cette structure"),
    Relation.Kind.FINANCE: _("finance cette structure"),
    Relation.Kind.ACCOMPAGNE: _("accompagne cette structure"),
    Relation.Kind.CO_ANIME: _("co-anime des actions avec cette structure"),
    Relation.Kind.ORIENTE: _("oriente des publics vers cette structure"),
}
