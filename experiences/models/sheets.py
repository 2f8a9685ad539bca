"""An experience sheet, the actors involved with their role, and the testimonies."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.directory.folding import SORT_NAME_LENGTH, sort_name
from actors.models import Actor, LocalScheme, PublicationStatus, Scheme, Sphere, Territory, Theme
from experiences.querysets import ExperienceQuerySet


class CooperationMode(models.TextChoices):
    """How the actors worked together (the modes of cooperation of seed 002, in our words)."""

    INFORMATION = "information", _("Information mutuelle")
    ORIENTATION = "orientation", _("Orientation des publics")
    JOINT_ACTION = "action-commune", _("Action commune")
    PROJECT = "projet-partage", _("Projet co-construit et co-porté")
    NETWORK = "reseau", _("Réseau ou collectif durable")
    SUPPORT = "accompagnement", _("Accompagnement d’un porteur")


class Phase(models.TextChoices):
    """The phases of an action at which a partner came in (seed 002)."""

    EMERGENCE = "emergence", _("Émergence de l’idée")
    DIAGNOSIS = "diagnostic", _("Diagnostic")
    DESIGN = "conception", _("Conception")
    FUNDING = "financement", _("Recherche de financements")
    RUNNING = "mise-en-oeuvre", _("Mise en œuvre")
    EVALUATION = "evaluation", _("Évaluation")
    SPREADING = "essaimage", _("Essaimage, transmission")


class Experience(models.Model):
    title = models.CharField(_("titre"), max_length=200)
    # The title in French alphabetical order (`folding.sort_name`), as fiches: « Échanges de
    # savoirs » among the E, not after « Vélos partagés », on SQLite as on PostgreSQL.
    sort_title = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")
    slug = models.SlugField(_("adresse"), max_length=120, unique=True)
    summary = models.TextField(
        _("résumé"), help_text=_("Un paragraphe : qui, quoi, où, pour quoi.")
    )
    territory = models.ForeignKey(
        Territory,
        verbose_name=_("territoire"),
        on_delete=models.PROTECT,
        related_name="experiences",
    )
    started_on = models.DateField(_("début"), null=True, blank=True)
    ended_on = models.DateField(_("fin"), null=True, blank=True, help_text=_("Vide : en cours."))
    need = models.TextField(_("le besoin ou le problème"), blank=True, help_text=_("Markdown."))
    steps = models.TextField(_("comment on s’y est pris"), blank=True, help_text=_("Markdown."))
    results = models.TextField(_("résultats"), blank=True, help_text=_("Markdown."))
    levers = models.TextField(
        _("ce qui a aidé (leviers)"), blank=True, help_text=_("Un levier par ligne.")
    )
    blockers = models.TextField(
        _("ce qui a bloqué (freins)"), blank=True, help_text=_("Un frein par ligne.")
    )
    conditions = models.TextField(
        _("pour le refaire ailleurs"), blank=True, help_text=_("Markdown.")
    )
    cost = models.CharField(_("coût"), max_length=300, blank=True)
    funding = models.CharField(_("financements"), max_length=300, blank=True)
    cooperation_mode = models.CharField(
        _("mode de coopération"), max_length=20, choices=CooperationMode.choices
    )
    schemes = models.ManyToManyField(
        Scheme, verbose_name=_("dispositifs"), blank=True, related_name="experiences"
    )
    local_schemes = models.ManyToManyField(
        LocalScheme, verbose_name=_("dispositifs locaux"), blank=True, related_name="experiences"
    )
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), blank=True, related_name="experiences"
    )
    grid_functions = models.ManyToManyField(
        "grid.GridFunction",
        verbose_name=_("fonctions de la grille mailleur"),
        blank=True,
        related_name="experiences",
    )
    contact_actor = models.ForeignKey(
        Actor,
        verbose_name=_("à contacter"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("La structure qui répond aux questions sur cette expérience."),
    )
    is_illustrative = models.BooleanField(
        _("exemple illustratif"),
        default=False,
        help_text=_("Récit de démonstration, inspiré de situations réelles."),
    )
    status = models.CharField(
        _("état"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True, db_index=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("créée par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("mise à jour par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    # Normalised text of the sheet for the search (mailleurs.text.normalize).
    search_text = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", "sort_title", "updated_at"],
        m2m_fields=[schemes, local_schemes, themes, grid_functions],
        verbose_name=_("version de fiche expérience"),
    )

    objects = ExperienceQuerySet.as_manager()

    class Meta:
        verbose_name = _("fiche expérience")
        verbose_name_plural = _("fiches expérience")
        permissions = [
            ("moderate_experience", _("Publier, refuser et archiver les fiches expérience"))
        ]
        ordering = ["-started_on", "sort_title", "id"]
        constraints = [
            models.CheckConstraint(condition=Q(version__gte=1), name="experience_version_positive"),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True)
                | Q(started_on__isnull=True)
                | Q(ended_on__gte=models.F("started_on")),
                name="experience_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    def save(self, *args, **kwargs):
        self.sort_title = sort_name(self.title)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("experiences:detail", kwargs={"slug": self.slug})

    @property
    def lever_list(self) -> list[str]:
        return [line.strip() for line in self.levers.splitlines() if line.strip()]

    @property
    def blocker_list(self) -> list[str]:
        return [line.strip() for line in self.blockers.splitlines() if line.strip()]

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED


class ExperienceActor(models.Model):
    """An actor of the directory in a sheet, with its role and the phases it came in at; the
    actor's managers confirm it."""

    class Role(models.TextChoices):
        CARRIER = "porteur", _("Porteur")
        PARTNER = "partenaire", _("Partenaire")
        FUNDER = "financeur", _("Financeur")
        SUPPORT = "accompagnateur", _("Accompagnateur")
        PARTICIPANT = "participant", _("Participant")

    experience = models.ForeignKey(
        Experience, on_delete=models.CASCADE, related_name="involvements"
    )
    actor = models.ForeignKey(
        Actor, verbose_name=_("acteur"), on_delete=models.CASCADE, related_name="experiences"
    )
    role = models.CharField(_("rôle"), max_length=20, choices=Role.choices)
    # Phase codes (`Phase`), in the order of an action.
    phases = models.JSONField(_("phases"), default=list, blank=True)
    note = models.CharField(_("précision"), max_length=300, blank=True)
    confirmed_at = models.DateTimeField(_("confirmé le"), null=True, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("confirmé par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords(verbose_name=_("version d’acteur impliqué"))

    class Meta:
        verbose_name = _("acteur impliqué")
        verbose_name_plural = _("acteurs impliqués")
        ordering = ["position", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["experience", "actor"], name="experience_actor_once")
        ]

    def __str__(self) -> str:
        return f"{self.actor} — {self.get_role_display()}"

    def phase_labels(self) -> list[str]:
        labels = dict(Phase.choices)
        return [str(labels[code]) for code in self.phases if code in labels]


class Testimony(models.Model):
    """A quote in the speaker's words. The speaker is named by role and sphere; a private
    person's name is shown only with their consent."""

    experience = models.ForeignKey(Experience, on_delete=models.CASCADE, related_name="testimonies")
    quote = models.TextField(_("témoignage"), max_length=1500)
    speaker_role = models.CharField(
        _("qui parle"),
        max_length=150,
        help_text=_("Sa fonction : « habitante bénévole », « animatrice famille »…"),
    )
    sphere = models.ForeignKey(
        Sphere,
        verbose_name=_("sphère"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
    )
    speaker_name = models.CharField(_("nom (avec son accord)"), max_length=150, blank=True)
    name_consent = models.BooleanField(_("la personne accepte d’être nommée"), default=False)
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords(verbose_name=_("version de témoignage"))

    class Meta:
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")
        ordering = ["position", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(speaker_name="") | Q(name_consent=True),
                name="testimony_name_needs_consent",
            )
        ]

    def __str__(self) -> str:
        return f"{self.speaker_role} — {self.experience}"

    @property
    def shown_name(self) -> str:
        return self.speaker_name if self.name_consent else ""
