"""The « fonction mailleur » grid and the assessments made with it.

Reference (versioned, edited by staff): `GridVersion` → `Axis` (3) → `GridFunction` (4 per
axis) → `Criterion` (2 to 5 per function, 32 in version 1), with the `Testimony` of each
function and the `CriterionMapping` that says which criterion of one version corresponds to
which of another.

Assessments: a structure (an `Actor`) opens a `Round` made with one version; its `Respondent`s
(by private link or with an account), each with a role, give an `Answer` per criterion with a
comment and `Evidence`; the round's `ActionItem`s are « le pas d'après ».
"""

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from mailleurs.grid.choices import SCALE_MAX, Level, RespondentRole, Speaker
from mailleurs.grid.querysets import (
    GridVersionQuerySet,
    RespondentQuerySet,
    RoundQuerySet,
)


class GridVersion(models.Model):
    number = models.PositiveSmallIntegerField(_("numéro"), unique=True)
    title = models.CharField(_("titre"), max_length=200)
    notes = models.TextField(_("ce qui change"), blank=True)
    source = models.TextField(_("source"), blank=True)
    published_at = models.DateTimeField(_("publiée le"), null=True, blank=True)
    created_at = models.DateTimeField(_("créée le"), auto_now_add=True)

    objects = GridVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = _("version de la grille")
        verbose_name_plural = _("versions de la grille")
        permissions = [("publish_gridversion", _("Publier une version de la grille"))]

    def __str__(self):
        return _("Version %(number)s") % {"number": self.number}

    def get_absolute_url(self):
        return reverse("grid:version", kwargs={"number": self.number})

    @property
    def is_published(self) -> bool:
        return self.published_at is not None


class Axis(models.Model):
    version = models.ForeignKey(GridVersion, on_delete=models.CASCADE, related_name="axes")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    scope = models.CharField(_("fonctionnement"), max_length=100, blank=True)
    description = models.TextField(_("présentation"), blank=True)

    class Meta:
        ordering = ["version", "number"]
        verbose_name = _("axe")
        verbose_name_plural = _("axes")
        constraints = [
            models.UniqueConstraint(fields=["version", "number"], name="grid_axis_unique_number")
        ]

    def __str__(self):
        return _("Axe %(number)s — %(title)s") % {"number": self.number, "title": self.title}


class GridFunction(models.Model):
    axis = models.ForeignKey(Axis, on_delete=models.CASCADE, related_name="functions")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("titre"), max_length=200)
    description = models.TextField(_("présentation"), blank=True)

    class Meta:
        ordering = ["axis__number", "number"]
        verbose_name = _("fonction")
        verbose_name_plural = _("fonctions")
        constraints = [
            models.UniqueConstraint(fields=["axis", "number"], name="grid_function_unique_number")
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    @property
    def code(self) -> str:
        return f"{self.axis.number}.{self.number}"

    @property
    def anchor(self) -> str:
        return f"fonction-{self.axis.number}-{self.number}"


class Criterion(models.Model):
    function = models.ForeignKey(GridFunction, on_delete=models.CASCADE, related_name="criteria")
    # The function's version, kept here so that checking "this criterion belongs to that
    # version" and mapping criteria between versions take one query.
    version = models.ForeignKey(GridVersion, on_delete=models.CASCADE, related_name="criteria")
    number = models.PositiveSmallIntegerField(_("numéro"))
    title = models.CharField(_("intitulé"), max_length=300)
    help_text = models.TextField(_("ce que l’on regarde"), blank=True)
    indicators = models.TextField(_("indicateurs (un par ligne)"), blank=True)

    class Meta:
        ordering = ["function__axis__number", "function__number", "number"]
        verbose_name = _("critère")
        verbose_name_plural = _("critères")
        constraints = [
            models.UniqueConstraint(
                fields=["function", "number"], name="grid_criterion_unique_number"
            )
        ]

    def __str__(self):
        return f"{self.code} {self.title}"

    def save(self, *args, **kwargs):
        self.version_id = self.function.axis.version_id
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.version.get_absolute_url()}#{self.anchor}"

    @property
    def code(self) -> str:
        return f"{self.function.code}.{self.number}"

    @property
    def anchor(self) -> str:
        return "critere-" + self.code.replace(".", "-")

    @property
    def indicator_list(self) -> list[str]:
        return [line.strip() for line in self.indicators.splitlines() if line.strip()]


class Testimony(models.Model):
    function = models.ForeignKey(GridFunction, on_delete=models.CASCADE, related_name="testimonies")
    speaker = models.CharField(_("qui parle"), max_length=30, choices=Speaker.choices)
    text = models.TextField(_("témoignage (reformulé)"))
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("témoignage")
        verbose_name_plural = _("témoignages")

    def __str__(self):
        return f"{self.get_speaker_display()} — {self.text[:60]}"


class CriterionMapping(models.Model):
    """`source` (an older version's criterion) corresponds to `target` (a newer one's)."""

    source = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="mapped_to")
    target = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="mapped_from")
    note = models.CharField(_("précision"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("correspondance entre critères")
        verbose_name_plural = _("correspondances entre critères")
        constraints = [
            models.UniqueConstraint(fields=["source", "target"], name="grid_mapping_unique")
        ]

    def __str__(self):
        return f"{self.source} → {self.target}"


class Round(models.Model):
    """An assessment of one structure, at one time, with one version of the grid."""

    class Status(models.TextChoices):
        OPEN = "open", _("ouverte")
        CLOSED = "closed", _("clôturée")

    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.PROTECT, related_name="grid_rounds",
        verbose_name=_("structure"),
    )  # fmt: skip
    grid_version = models.ForeignKey(
        GridVersion, on_delete=models.PROTECT, related_name="rounds", verbose_name=_("grille")
    )
    title = models.CharField(_("titre"), max_length=200)
    period_start = models.DateField(_("début"))
    period_end = models.DateField(_("fin"))
    facilitator = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="accompanied_rounds", verbose_name=_("accompagnateur·rice"),
    )  # fmt: skip
    status = models.CharField(_("état"), max_length=10, choices=Status.choices, default=Status.OPEN)
    results_published_at = models.DateTimeField(_("résultats publiés le"), null=True, blank=True)
    is_fictional = models.BooleanField(_("fictive (démonstration)"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    created_at = models.DateTimeField(_("ouverte le"), auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True,
        related_name="+",
    )  # fmt: skip
    updated_at = models.DateTimeField(_("mise à jour le"), auto_now=True)
    version = models.PositiveIntegerField(_("version"), default=1)

    objects = RoundQuerySet.as_manager()

    class Meta:
        ordering = ["-period_end", "-pk"]
        verbose_name = _("évaluation")
        verbose_name_plural = _("évaluations")
        permissions = [("accompany_rounds", _("Accompagner les évaluations des structures"))]
        indexes = [models.Index(fields=["actor", "period_end"], name="grid_round_actor_end")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_end__gte=models.F("period_start")),
                name="grid_round_period_in_order",
            )
        ]

    def __str__(self):
        return f"{self.actor} — {self.title}"

    def get_absolute_url(self):
        return reverse("grid:round", kwargs={"pk": self.pk})

    @property
    def is_open(self) -> bool:
        return self.status == self.Status.OPEN

    @property
    def results_published(self) -> bool:
        return self.results_published_at is not None


class Respondent(models.Model):
    """Someone asked to answer: by a private link (only its hash is kept) or with an account."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="respondents")
    role = models.CharField(_("rôle"), max_length=30, choices=RespondentRole.choices)
    label = models.CharField(
        _("qui"), max_length=120, help_text=_("Par exemple « Partenaire CAF » ou un prénom.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, null=True, blank=True,
        related_name="grid_respondents", verbose_name=_("compte"),
    )  # fmt: skip
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    link_expires_at = models.DateTimeField(_("lien valable jusqu’au"), null=True, blank=True)
    link_revoked_at = models.DateTimeField(_("lien révoqué le"), null=True, blank=True)
    created_at = models.DateTimeField(_("invité·e le"), auto_now_add=True)
    last_answer_at = models.DateTimeField(_("dernière réponse"), null=True, blank=True)
    completed_at = models.DateTimeField(_("a terminé le"), null=True, blank=True)

    objects = RespondentQuerySet.as_manager()

    class Meta:
        ordering = ["round", "role", "pk"]
        verbose_name = _("répondant·e")
        verbose_name_plural = _("répondant·e·s")
        constraints = [
            models.UniqueConstraint(
                fields=["round", "user"],
                condition=models.Q(user__isnull=False),
                name="grid_respondent_one_per_account",
            )
        ]

    def __str__(self):
        return f"{self.label} ({self.get_role_display()})"

    @property
    def by_link(self) -> bool:
        return self.user_id is None


class Answer(models.Model):
    respondent = models.ForeignKey(Respondent, on_delete=models.CASCADE, related_name="answers")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="answers")
    level = models.PositiveSmallIntegerField(_("niveau"), choices=Level.choices)
    comment = models.TextField(_("commentaire"), blank=True)
    comment_shared = models.BooleanField(
        _("commentaire partagé avec l’évaluation"),
        default=True,
        help_text=_("Sinon, seule l’équipe de la structure le lit."),
    )
    updated_at = models.DateTimeField(_("enregistrée le"), auto_now=True)

    class Meta:
        verbose_name = _("réponse")
        verbose_name_plural = _("réponses")
        constraints = [
            models.UniqueConstraint(
                fields=["respondent", "criterion"], name="grid_answer_one_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(level__lte=SCALE_MAX), name="grid_answer_level_on_scale"
            ),
        ]

    def __str__(self):
        return f"{self.respondent} — {self.criterion.code} : {self.get_level_display()}"


class Evidence(models.Model):
    class Kind(models.TextChoices):
        ACTION = "action", _("Action")
        DOCUMENT = "document", _("Document")
        FICHE = "fiche", _("Fiche de l’annuaire")

    answer = models.ForeignKey(Answer, on_delete=models.CASCADE, related_name="evidence")
    kind = models.CharField(_("nature"), max_length=10, choices=Kind.choices)
    label = models.CharField(_("intitulé"), max_length=200)
    url = models.URLField(_("lien"), max_length=500, blank=True)
    actor = models.ForeignKey(
        "actors.Actor", on_delete=models.SET_NULL, null=True, blank=True, related_name="+",
        verbose_name=_("fiche"),
    )  # fmt: skip
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("preuve")
        verbose_name_plural = _("preuves")

    def __str__(self):
        return self.label

    @property
    def href(self) -> str:
        return self.actor.get_absolute_url() if self.actor_id else self.url


class ActionItem(models.Model):
    """« Le pas d'après »: a criterion to work on, what, who, by when, where it stands."""

    class Status(models.TextChoices):
        PLANNED = "planned", _("à faire")
        STARTED = "started", _("en cours")
        DONE = "done", _("fait")
        DROPPED = "dropped", _("abandonné")

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="actions")
    criterion = models.ForeignKey(Criterion, on_delete=models.PROTECT, related_name="+")
    action = models.TextField(_("action"))
    owner = models.CharField(_("qui"), max_length=150)
    due_date = models.DateField(_("pour quand"), null=True, blank=True)
    status = models.CharField(
        _("où en est-on"), max_length=10, choices=Status.choices, default=Status.PLANNED
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["criterion__function__axis__number", "criterion__function__number",
                    "criterion__number", "pk"]  # fmt: skip
        verbose_name = _("action du pas d’après")
        verbose_name_plural = _("actions du pas d’après")

    def __str__(self):
        return self.action[:80]
