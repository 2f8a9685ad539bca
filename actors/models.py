"""Territories, vocabularies, actors and contacts, schemes, and the maillage between actors."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.querysets import ActorQuerySet, LocalSchemeQuerySet, TerritoryQuerySet
from actors.validators import validate_phone, validate_siret
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

    objects = TerritoryQuerySet.as_manager()

    class Meta:
        verbose_name = _("territoire")
        verbose_name_plural = _("territoires")
        ordering = ["name"]
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

    def __str__(self) -> str:
        if self.kind == self.Kind.COMMUNE and self.departement_id:
            return f"{self.name} ({self.departement.code})"
        return self.name

    def save(self, *args, **kwargs):
        self.search_name = normalize(self.name)
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actors:territory_detail", kwargs={"key": self.key})

    @property
    def is_official(self) -> bool:
        return self.kind in self.OFFICIAL_KINDS

    @property
    def has_point(self) -> bool:
        return self.latitude is not None and self.longitude is not None


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


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", _("Brouillon")
    REVIEW = "review", _("En relecture")
    PUBLISHED = "published", _("Publiée")
    ARCHIVED = "archived", _("Archivée")


class Actor(models.Model):
    Status = PublicationStatus  # for the querysets, which the models module imports

    class LocationSource(models.TextChoices):
        ADDRESS = "address", _("Adresse")
        MAP = "map", _("Point placé sur la carte")
        COMMUNE = "commune", _("Centre de la commune (position approchée)")

    name = models.CharField(_("nom"), max_length=200)
    acronym = models.CharField(_("sigle"), max_length=40, blank=True)
    slug = models.SlugField(_("slug"), max_length=90, unique=True)
    spheres = models.ManyToManyField(Sphere, verbose_name=_("sphères"), related_name="actors")
    actor_type = models.ForeignKey(
        ActorType, verbose_name=_("type"), on_delete=models.PROTECT, related_name="actors"
    )
    pitch = models.CharField(
        _("en une phrase"), max_length=300, help_text=_("Ce que fait la structure, en une phrase.")
    )
    description = models.TextField(
        _("présentation"), blank=True, help_text=_("Markdown : titres, listes, liens.")
    )
    missions = models.TextField(_("missions"), blank=True)
    themes = models.ManyToManyField(
        Theme, verbose_name=_("thèmes"), blank=True, related_name="actors"
    )
    competences = models.ManyToManyField(
        Competence, verbose_name=_("compétences"), blank=True, related_name="actors"
    )
    address = models.CharField(_("adresse"), max_length=250, blank=True)
    postcode = models.CharField(_("code postal"), max_length=5, blank=True)
    commune = models.ForeignKey(
        Territory,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="located_actors",
        limit_choices_to={"kind": Territory.Kind.COMMUNE},
    )
    latitude = models.FloatField(
        _("latitude"), null=True, blank=True, validators=LATITUDE_VALIDATORS
    )
    longitude = models.FloatField(
        _("longitude"), null=True, blank=True, validators=LONGITUDE_VALIDATORS
    )
    location_source = models.CharField(
        _("origine de la position"),
        max_length=10,
        choices=LocationSource.choices,
        default=LocationSource.COMMUNE,
    )
    intervention_territories = models.ManyToManyField(
        Territory,
        verbose_name=_("territoires d’intervention"),
        blank=True,
        related_name="covering_actors",
    )
    website = models.URLField(_("site web"), max_length=300, blank=True)
    email = models.EmailField(_("courriel de la structure"), blank=True)
    phone = models.CharField(
        _("téléphone de la structure"), max_length=25, blank=True, validators=[validate_phone]
    )
    siret = models.CharField(_("SIRET"), max_length=14, blank=True, validators=[validate_siret])
    status = models.CharField(
        _("statut"),
        max_length=10,
        choices=PublicationStatus.choices,
        default=PublicationStatus.DRAFT,
        db_index=True,
    )
    is_fictional = models.BooleanField(
        _("fiche fictive"),
        default=False,
        help_text=_("Données de démonstration : cette structure n’existe pas."),
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
    last_checked_at = models.DateTimeField(
        _("vérifiée le"),
        null=True,
        blank=True,
        help_text=_("Dernière fois qu’un gestionnaire a confirmé que la fiche est à jour."),
    )
    # Normalised own text (SQLite search) and the names of linked vocabularies, commune and
    # contacts' professions (both databases). On PostgreSQL a trigger turns these columns into
    # the weighted `search_vector` column (migration 0002), which the model does not declare.
    search_text = models.TextField(editable=False, blank=True)
    search_vocabulary = models.TextField(editable=False, blank=True)
    history = HistoricalRecords(
        excluded_fields=["search_text", "search_vocabulary", "updated_at"],
        m2m_fields=[spheres, themes, competences, intervention_territories],
        verbose_name=_("version d’acteur"),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~Q(siret=""), name="actor_unique_siret"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="actor_version_positive"),
            *coordinates_constraints("actor"),
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="actor_point_idx"),
            # The directory's default order (name, then id) read straight from the index.
            models.Index(fields=["name", "id"], name="actor_name_idx"),
        ]
        permissions = [
            ("view_member_contacts", _("Voir les contacts réservés aux membres")),
            ("moderate_actor", _("Publier, refuser, fusionner et restaurer des fiches")),
            ("import_data", _("Importer des tableurs")),
            ("export_all_columns", _("Exporter toutes les colonnes")),
            ("publish_directly", _("Publier ses modifications sans relecture")),
        ]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.siret = (self.siret or "").replace(" ", "")
        self.fill_point_from_commune()
        self.search_text = self.build_search_text()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("actors:actor_detail", kwargs={"slug": self.slug})

    def place_at(self, latitude, longitude, *, source) -> None:
        """Put the fiche at a point found by `source`; without a point, `save` takes the
        commune's and flags it as approximate."""
        if latitude is None or longitude is None:
            self.latitude = self.longitude = None
        else:
            self.latitude, self.longitude, self.location_source = latitude, longitude, source

    def fill_point_from_commune(self) -> None:
        """Without a point, the fiche stands at its commune's, flagged as approximate."""
        if self.latitude is None and self.commune_id:
            commune = self.commune
            self.latitude, self.longitude = commune.latitude, commune.longitude
            self.location_source = self.LocationSource.COMMUNE

    def build_search_text(self) -> str:
        """Own fields only, normalised; linked vocabularies live in `search_vocabulary`."""
        parts = [self.name, self.acronym, self.pitch, self.missions, self.description]
        return normalize(" ".join(p for p in parts if p))

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def has_approximate_location(self) -> bool:
        return self.location_source == self.LocationSource.COMMUNE


class Contact(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Membres connectés seulement")

    actor = models.ForeignKey(
        Actor, verbose_name=_("structure"), on_delete=models.CASCADE, related_name="contacts"
    )
    name = models.CharField(_("nom"), max_length=150)
    profession = models.ForeignKey(
        Profession,
        verbose_name=_("métier"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    role = models.CharField(_("fonction"), max_length=150, blank=True)
    email = models.EmailField(_("courriel"), blank=True)
    phone = models.CharField(_("téléphone"), max_length=25, blank=True, validators=[validate_phone])
    visibility = models.CharField(
        _("visibilité"), max_length=10, choices=Visibility.choices, default=Visibility.MEMBERS
    )
    position = models.PositiveSmallIntegerField(_("ordre"), default=0)
    history = HistoricalRecords(verbose_name=_("version de contact"))

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["position", "name"]

    def __str__(self) -> str:
        return f"{self.name} — {self.actor}"


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
        excluded_fields=["updated_at"], verbose_name=_("version de dispositif local")
    )

    objects = LocalSchemeQuerySet.as_manager()

    class Meta:
        verbose_name = _("dispositif local")
        verbose_name_plural = _("dispositifs locaux")
        ordering = ["scheme__position", "name"]
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
        ordering = ["local_scheme", "role", "actor__name"]
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
        ordering = ["source__name", "kind"]
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


class SearchTerm(models.Model):
    """A word known to the directory, for « vouliez-vous dire… » suggestions."""

    term = models.CharField(_("mot"), max_length=80)
    normalized = models.CharField(max_length=80, unique=True)

    class Meta:
        verbose_name = _("mot connu")
        verbose_name_plural = _("mots connus")
        ordering = ["normalized"]

    def __str__(self) -> str:
        return self.term


class ActorProposal(models.Model):
    """A change to a published fiche by a member whose edits are reviewed first.

    The published fiche stays as it is until a moderator accepts the proposal."""

    class Status(models.TextChoices):
        PENDING = "pending", _("En attente")
        ACCEPTED = "accepted", _("Acceptée")
        REJECTED = "rejected", _("Refusée")

    actor = models.ForeignKey(
        Actor, verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="proposals"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("auteur"),
        on_delete=models.SET_NULL,
        null=True,
        related_name="actor_proposals",
    )
    data = models.JSONField(_("modifications proposées"))
    base_version = models.PositiveIntegerField(_("version de départ"))
    status = models.CharField(
        _("état"), max_length=10, choices=Status.choices, default=Status.PENDING, db_index=True
    )
    created_at = models.DateTimeField(_("proposée le"), auto_now_add=True)
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("relue par"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
    )
    reviewed_at = models.DateTimeField(_("relue le"), null=True, blank=True)
    comment = models.TextField(_("commentaire de la relecture"), blank=True)

    class Meta:
        verbose_name = _("proposition de modification")
        verbose_name_plural = _("propositions de modification")
        ordering = ["created_at", "pk"]

    def __str__(self) -> str:
        return f"{self.actor} — {self.get_status_display()}"


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


class ActorRedirect(models.Model):
    """The address of a fiche merged into another one keeps working."""

    old_slug = models.SlugField(_("ancienne adresse"), max_length=90, unique=True)
    actor = models.ForeignKey(
        Actor, verbose_name=_("fiche conservée"), on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("redirection de fiche")
        verbose_name_plural = _("redirections de fiches")

    def __str__(self) -> str:
        return f"{self.old_slug} → {self.actor.slug}"


class ImportRecord(models.Model):
    """One spreadsheet uploaded on /import/: kept with its file, its preview and its outcome."""

    class Kind(models.TextChoices):
        ACTORS = "acteurs", _("Acteurs")
        RELATIONS = "relations", _("Relations entre acteurs")
        PARTICIPATIONS = "participations", _("Participations aux dispositifs locaux")

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

    class Meta:
        verbose_name = _("import de tableur")
        verbose_name_plural = _("imports de tableurs")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.filename} ({self.get_status_display()})"

    def get_absolute_url(self) -> str:
        return reverse("actors:import_detail", kwargs={"pk": self.pk})

    @property
    def reason(self) -> str:
        """What the history of every fiche it changes says (100 characters at most there)."""
        text = _("Import n° %(pk)s, fichier « %(name)s »") % {"pk": self.pk, "name": self.filename}
        return text if len(text) <= 100 else text[:98] + "…»"
