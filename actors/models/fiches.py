"""Actors (fiches) and their contacts, proposed changes and old addresses."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from actors.directory.folding import SORT_NAME_LENGTH, actor_search_text, sort_name
from actors.fiche_urls import fiche_url
from actors.models.territories import (
    LATITUDE_VALIDATORS,
    LONGITUDE_VALIDATORS,
    Territory,
    coordinates_constraints,
)
from actors.models.vocabularies import ActorType, Competence, Profession, Sphere, Theme
from actors.querysets import ActorQuerySet
from actors.validators import validate_phone, validate_siret
from mailleurs.proposals import Proposal


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
    # A fiche imported from a list that lacked its one-line summary: shown « à compléter » to
    # editors until someone writes it.
    to_complete = models.BooleanField(
        _("à compléter"),
        default=False,
        help_text=_("Importée sans son résumé en une phrase : à compléter."),
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
    # The name in French alphabetical order (`folding.sort_name`): lists and ties sort on it.
    # PostgreSQL compares it as "C" (migration 0023), SQLite as its default: the same order.
    sort_name = models.CharField(max_length=SORT_NAME_LENGTH, editable=False, default="")
    search_vocabulary = models.TextField(editable=False, blank=True)
    # "<facet>:<id>" for the type, spheres, themes, competences, schemes and contacts'
    # professions: the directory counts its facets from it (actors/directory/facet_keys.py).
    facet_keys = models.JSONField(default=list, editable=False, blank=True)
    history = HistoricalRecords(
        excluded_fields=[
            "search_text",
            "sort_name",
            "search_vocabulary",
            "facet_keys",
            "updated_at",
        ],
        m2m_fields=[spheres, themes, competences, intervention_territories],
        verbose_name=_("version d’acteur"),
    )

    objects = ActorQuerySet.as_manager()

    class Meta:
        verbose_name = _("acteur")
        verbose_name_plural = _("acteurs")
        ordering = ["sort_name", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["siret"], condition=~Q(siret=""), name="actor_unique_siret"
            ),
            models.CheckConstraint(condition=Q(version__gte=1), name="actor_version_positive"),
            *coordinates_constraints("actor"),
        ]
        indexes = [
            models.Index(fields=["latitude", "longitude"], name="actor_point_idx"),
            # The directory's default order (alphabetical, then id) read straight from the index.
            models.Index(fields=["sort_name", "id"], name="actor_sort_name_idx"),
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
        self.prepare_for_save()
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return fiche_url(self.slug)

    def prepare_for_save(self) -> None:
        """What every write of a fiche settles first (a bulk insert, which skips `save`, too)."""
        if self.pitch:
            self.to_complete = False
        self.siret = (self.siret or "").replace(" ", "")
        self.fill_point_from_commune()
        self.fill_search_columns()

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

    def fill_search_columns(self) -> None:
        """The columns folded from the fiche's own fields: its words and its sort key."""
        self.search_text = self.build_search_text()
        self.sort_name = sort_name(self.name)

    def build_search_text(self) -> str:
        """Own fields only, folded word by word in weighted sections (see `sectioned_words`);
        linked vocabularies live in `search_vocabulary`."""
        return actor_search_text(self)

    @property
    def display_name(self) -> str:
        return f"{self.name} ({self.acronym})" if self.acronym else self.name

    @property
    def listed_spheres(self) -> list:
        """Its spheres in display order, read from `facet_keys` and the cached vocabularies:
        a list of cards reads no link table for them."""
        from actors.directory.facets import filed_under  # that module reads these models

        return filed_under(self, facets=("sphere",))["sphere"]

    @property
    def is_published(self) -> bool:
        return self.status == PublicationStatus.PUBLISHED

    @property
    def has_approximate_location(self) -> bool:
        return self.location_source == self.LocationSource.COMMUNE


class Contact(models.Model):
    class Visibility(models.TextChoices):
        PUBLIC = "public", _("Public")
        MEMBERS = "members", _("Membres connecté·e·s seulement")

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


class ActorProposal(Proposal):
    """A change to a published fiche by a member whose edits are reviewed first.

    The published fiche stays as it is until a moderator accepts it (`mailleurs.proposals`)."""

    actor = models.ForeignKey(
        Actor, verbose_name=_("fiche"), on_delete=models.CASCADE, related_name="proposals"
    )

    class Meta(Proposal.Meta):
        verbose_name = _("proposition de modification")
        verbose_name_plural = _("propositions de modification")

    def __str__(self) -> str:
        return f"{self.actor} — {self.get_status_display()}"

    def notice(self) -> dict:
        """What the e-mail telling its author of the decision names."""
        return {
            "name": self.actor.name,
            "what": _("de modification de la fiche"),
            "url": self.actor.get_absolute_url(),
        }


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
