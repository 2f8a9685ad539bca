"""The actors resource: a row per structure, matched to its fiche, its links and contacts
written after it, one version per fiche and row."""

from functools import partial

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from actors.models import Actor, PublicationStatus, Territory
from actors.spreadsheets import cells as w
from actors.spreadsheets.columns import ACTORS
from actors.spreadsheets.import_history import HistoryBatch
from actors.spreadsheets.resources.actor_changes import changed_columns, snapshot
from actors.spreadsheets.resources.actor_fields import (
    COMMUNE_NAME,
    INSEE_CODE,
    CommuneField,
    DayField,
    KeptIfEmptyField,
    LinkField,
    NewOnlyField,
)
from actors.spreadsheets.resources.actor_links import (
    ACTOR_LINKS,
    CONTACT_COLUMNS,
    replace_contacts,
    set_in_order,
)
from actors.spreadsheets.resources.actor_matching import AMBIGUOUS, NAME, SLUG, ActorMatcher
from actors.spreadsheets.resources.actor_search_columns import fill_search_columns
from actors.spreadsheets.resources.actor_slugs import SlugReservations
from actors.spreadsheets.resources.base import SpreadsheetResource, column_field
from actors.spreadsheets.resources.lookups import (
    actor_types,
    communes,
    competences,
    professions,
    reset_lookups,
    spheres,
    territories,
    themes,
)
from mailleurs.versioning import stamp

PREFETCHED_ROWS = 500
column = partial(column_field, ACTORS)


class ActorResource(SpreadsheetResource):
    sheet = ACTORS
    # The commune is read from its INSEE code, else from its name: errors point at either.
    ALSO_READ = {"commune": (INSEE_CODE, COMMUNE_NAME)}

    name = column("name", widget=w.TextWidget(200))
    acronym = column("acronym", widget=w.TextWidget(40))
    slug = column("slug", NewOnlyField, widget=w.TextWidget(90))
    actor_type = column("actor_type", widget=w.LookupWidget(actor_types, required=True))
    spheres = column("spheres", LinkField, widget=w.LookupListWidget(spheres))
    pitch = column("pitch", widget=w.TextWidget(300))
    missions = column("missions", widget=w.TextWidget())
    themes = column("themes", LinkField, widget=w.LookupListWidget(themes))
    competences = column("competences", LinkField, widget=w.LookupListWidget(competences))
    address = column("address", widget=w.TextWidget(250))
    postcode = column("postcode", widget=w.DigitsWidget(5))
    commune = column("commune", CommuneField)
    latitude = column("latitude", widget=w.DecimalNumberWidget())
    longitude = column("longitude", widget=w.DecimalNumberWidget())
    intervention_territories = column(
        "intervention_territories", LinkField, widget=w.TerritoryListWidget(territories)
    )
    website = column("website", widget=w.url_widget())
    email = column("email", widget=w.email_widget())
    phone = column("phone", widget=w.phone_widget())
    siret = column("siret", widget=w.DigitsWidget(14))
    contacts_public = column("contacts_public", LinkField, widget=w.ContactsWidget(professions))
    contacts_members = column("contacts_members", LinkField, widget=w.ContactsWidget(professions))
    description = column("description", widget=w.TextWidget())
    status = column("status", KeptIfEmptyField, widget=w.ChoiceWidget(PublicationStatus.choices))
    is_fictional = column("is_fictional", widget=w.YesNoWidget())
    last_checked_at = column("last_checked_at", DayField, widget=w.FrenchDateTimeWidget())

    class Meta:
        model = Actor
        fields = (
            "name", "acronym", "slug", "actor_type", "spheres", "pitch", "missions", "themes",
            "competences", "address", "postcode", "commune", "latitude", "longitude",
            "intervention_territories", "website", "email", "phone", "siret", "contacts_public",
            "contacts_members", "description", "status", "is_fictional", "last_checked_at",
        )  # fmt: skip
        skip_unchanged = True
        skip_diff = True
        report_skipped = True
        use_transactions = True
        # Not django-import-export's bulk lists (`save_instance` saves as without the option):
        # the option spares its savepoint around every row, taken only where a row writes
        # (`row_writes_now`): 20,000 statements for 10,000 new fiches.
        use_bulk = True

    # --- matching -------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        reset_lookups()
        self.matches = ActorMatcher(dataset)
        self.history = HistoryBatch(user=self.user, reason=self.reason)
        self.loaded: dict[int, Actor] = {}
        self.created_rows: list[tuple] = []  # (row result, new fiche), for their ids
        # The slugs of the rows without one: any of them may be a new fiche.
        headers = dataset.headers or []
        self.slugs = SlugReservations(
            row.get(NAME, "")
            for row in (dict(zip(headers, values, strict=False)) for values in dataset)
            if not (row.get(SLUG) or "").strip()
        )
        if INSEE_CODE in (dataset.headers or []):
            codes = {w.pad_code(code) for code in dataset[INSEE_CODE]} - {""}
            found = Territory.objects.filter(kind=Territory.Kind.COMMUNE, key__in=codes)
            known = communes()
            known.update({commune.key: commune for commune in found})
            known.update(dict.fromkeys(codes - set(known)))  # unknown codes: no query again

    def before_import_row(self, row, **kwargs):
        self._created = None
        problem = self.matches.problem_of(row)
        if problem:
            raise ValidationError(problem)
        duplicate = self.matches.duplicate_of(kwargs["row_number"])
        if duplicate:
            raise ValidationError(
                _("Même structure qu’à la ligne %(line)s : une seule ligne par structure.")
                % {"line": self.line_of(duplicate)}
            )

    def get_instance(self, instance_loader, row):
        pk = self.matches.existing_pk(row)
        if pk is None or pk == AMBIGUOUS:
            return None
        if pk not in self.loaded:  # the next fiches of the file, read together
            upcoming = self.matches.upcoming(pk, PREFETCHED_ROWS)
            self.loaded = {
                actor.pk: actor
                for actor in Actor.objects.select_related("commune")
                .prefetch_related(*ACTOR_LINKS, "contacts")
                .filter(pk__in=upcoming)
            }
        return self.loaded.pop(pk)

    def row_writes_now(self, row) -> bool:
        # A new fiche is written with the others at the end (`HistoryBatch.flush`).
        return self.matches.existing_pk(row) not in (None, AMBIGUOUS)

    def after_import_row(self, row, row_result, **kwargs):
        if self._created is not None:  # the row went through: its new fiche's slug is taken
            self.slugs.add(self._created.slug)
            self.created_rows.append((row_result, self._created))
        row_result.changes = self._last_changes  # the columns an update changes, for the preview

    def after_init_instance(self, instance, new, row, **kwargs):
        self._last_changes = []
        instance._import_links = {}
        instance._import_before = None if new else snapshot(instance)
        if new:
            instance.status = PublicationStatus.PUBLISHED

    # --- validation -----------------------------------------------------------------------

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        if field.column_name not in row and not isinstance(field, CommuneField):
            return
        if isinstance(field, CommuneField) and not {INSEE_CODE, COMMUNE_NAME} & set(row):
            return
        field.save(instance, row, is_m2m, **kwargs)

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors or instance._import_before is None:
            return False
        if instance.latitude is None and instance.longitude is None and instance.commune_id:
            # Empty cells mean "the commune's centre", which the fiche already has, or gets.
            instance.latitude, instance.longitude = (
                instance.commune.latitude,
                instance.commune.longitude,
            )
        instance._import_changes = changed_columns(self, instance._import_before, instance)
        self._last_changes = instance._import_changes
        return not instance._import_changes

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        # A slug made here is unique already, and an existing fiche keeps its own.
        check_slug = instance.pk is None and bool(instance.slug)
        if instance.slug == "" and "slug" not in errors:
            instance.slug = self.slugs.reserve(instance.name)
        if (instance.latitude is None) != (instance.longitude is None) and not (
            {"latitude", "longitude"} & set(errors)
        ):
            errors["latitude"] = ValidationError(
                _("Donnez la latitude et la longitude, ou aucune des deux.")
            )
        if instance.pk is not None and instance._import_links.get("spheres") == []:
            errors["spheres"] = ValidationError(_("Donnez au moins une valeur."))
        if "spheres" not in errors and instance.pk is None:
            self._infer_spheres(instance, errors)
        before = instance._import_before
        if not instance.pitch and "pitch" not in errors and (before is None or not before["pitch"]):
            # A list kept by hand rarely has one: the fiche is made, flagged for its editors
            # (a summary already written is not emptied by a file, though).
            instance.to_complete = True
            errors_excluded = ["pitch"]
        else:
            errors_excluded = []
        try:
            # Constraints are checked below in Python or by the database: one query less per row.
            # Type and commune come from tables read at the start: no query to check they exist.
            resolved = [
                name for name in ("actor_type", "commune") if getattr(instance, f"{name}_id")
            ]
            instance.full_clean(
                exclude=[*errors, *resolved, *errors_excluded],
                validate_unique=check_slug,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if check_slug and "slug" not in errors and instance.slug in self.slugs.created:
            # A fiche of a row above has it, not written yet: the database check's message.
            errors["slug"] = instance.unique_error_message(Actor, ("slug",))
        if instance.siret and "siret" not in errors:
            taken = Actor.objects.filter(siret=instance.siret).exclude(pk=instance.pk)
            if taken.exists():
                errors["siret"] = ValidationError(
                    _("Ce SIRET est déjà celui de « %(name)s ».") % {"name": taken.first().name}
                )
        if errors:
            raise ValidationError(errors)

    @staticmethod
    def _infer_spheres(instance, errors: dict) -> None:
        """A new fiche without spheres gets its type's usual one (« Centre social » → « Action
        sociale »), when the type has one."""
        if instance._import_links.get("spheres"):
            return
        usual = instance.actor_type.sphere if instance.actor_type_id else None
        if usual is not None:
            instance._import_links["spheres"] = [usual]
        elif instance.actor_type_id:
            errors["spheres"] = ValidationError(
                _("Donnez la sphère : le type « %(type)s » n’en a pas d’habituelle.")
                % {"type": instance.actor_type}
            )
        elif "actor_type" not in errors:
            errors["spheres"] = ValidationError(_("Cette colonne est obligatoire."))

    # --- writing --------------------------------------------------------------------------

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.created_by = instance.updated_by = self.user
            fill_search_columns(instance)
        else:
            # No row lock here: the whole import runs in one transaction, one savepoint a row.
            stamp(instance, user=self.user)
        if instance.latitude is not None and instance.commune_id:
            at_commune = (instance.latitude, instance.longitude) == (
                instance.commune.latitude,
                instance.commune.longitude,
            )
            instance.location_source = (
                Actor.LocationSource.COMMUNE if at_commune else Actor.LocationSource.MAP
            )

    def save_instance(self, instance, is_create, row, **kwargs):
        # What django-import-export does without `use_bulk` (see Meta).
        self.before_save_instance(instance, row, **kwargs)
        self.do_instance_save(instance, is_create)
        self.after_save_instance(instance, row, **kwargs)

    def do_instance_save(self, instance, is_create):
        # No version on save: `HistoryBatch` writes one per row, links included, at the end.
        instance.skip_history_when_saving = True
        if is_create:
            # Written with the other new fiches at the end, in bulk (`HistoryBatch.flush`).
            instance.prepare_for_save()
            self._created = instance
        else:
            instance.save()

    def save_m2m(self, instance, row, **kwargs):
        links, created = instance._import_links, instance._import_before is None
        for name in ACTOR_LINKS:
            if name in links:
                set_in_order(instance, name, links[name], created=created, history=self.history)
        for column, visibility in CONTACT_COLUMNS.items():
            if column in links:
                replace_contacts(instance, visibility, links[column], history=self.history)
        del instance.skip_history_when_saving
        instance._change_reason = self.reason
        instance._history_user = self.user
        self.history.add(instance, created=created)

    def after_import(self, dataset, result, **kwargs):
        self.history.flush(versions=not kwargs.get("dry_run"))
        for row_result, actor in self.created_rows:  # their ids, now that they are written
            row_result.object_id = actor.pk
