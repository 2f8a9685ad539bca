"""django-import-export resources: actors, relations and local-scheme participations read back
from the spreadsheets Mailleurs exports (same French headers).

A file is the truth for the columns it has: a column left out changes nothing, an empty cell
empties the value. Rows are matched to existing fiches by SIRET, else identifier (slug), else
name and commune; an unchanged row writes nothing, so importing the same file twice is harmless.
"""

import threading

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from import_export import fields, resources
from import_export.results import RowResult

from actors.models import (
    Actor,
    ActorRedirect,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    PublicationStatus,
    Relation,
    Sphere,
    Territory,
    Theme,
)
from actors.spreadsheets import cells as w
from actors.spreadsheets.import_history import HistoryBatch
from mailleurs.text import normalize, unique_slug

_cache = threading.local()


def _lookup(name: str, build):
    """Vocabulary tables, read once per import (reset by `reset_lookups`)."""
    tables = getattr(_cache, "tables", None)
    if tables is None:
        tables = _cache.tables = {}
    if name not in tables:
        tables[name] = build()
    return tables[name]


def reset_lookups() -> None:
    _cache.tables = {}


def spheres():
    return _lookup("spheres", lambda: w.Lookup(Sphere.objects.all(), label=_("sphère inconnue")))


def actor_types():
    return _lookup(
        "types", lambda: w.Lookup(ActorType.objects.all(), label=_("type d’acteur inconnu"))
    )


def themes():
    return _lookup("themes", lambda: w.Lookup(Theme.objects.all(), label=_("thème inconnu")))


def competences():
    return _lookup(
        "competences", lambda: w.Lookup(Competence.objects.all(), label=_("compétence inconnue"))
    )


def professions():
    return _lookup(
        "professions", lambda: w.Lookup(Profession.objects.all(), label=_("métier inconnu"))
    )


def territories():
    return _lookup(
        "territories",
        lambda: w.Lookup(
            Territory.objects.only("pk", "key", "name", "slug"),
            keys=("key",),
            label=_("territoire inconnu"),
        ),
    )


class SpreadsheetResource(resources.ModelResource):
    """What the three resources share: who imports and why (for history), the spreadsheet's
    line numbers (for messages), the columns read, and a savepoint per row: a database error
    inside a row (a value too long for its column…) is caught by django-import-export, and
    rolling back the row's own savepoint keeps a PostgreSQL transaction usable, the error
    reported on its line."""

    INFORMATIVE_COLUMNS: tuple[str, ...] = ()

    def __init__(self, *, user=None, reason: str = "", lines: list[int] | None = None):
        super().__init__()
        self.user = user
        self.reason = reason
        self.lines = lines
        self.import_fields = self.get_import_fields()  # read once, used on every row

    def known_columns(self) -> set[str]:
        return {f.column_name for f in self.import_fields} | set(self.INFORMATIVE_COLUMNS)

    def line_of(self, row_number: int) -> int:
        """The spreadsheet's line for a data row (row 1 is under the headers)."""
        return self.lines[row_number - 1] if self.lines else row_number + 1

    def import_row(self, row, instance_loader, **kwargs):
        with transaction.atomic():
            row_result = super().import_row(row, instance_loader, **kwargs)
            if row_result.errors:
                transaction.set_rollback(True)
        return row_result


class LinkField(fields.Field):
    """A value kept aside on the instance (links, contacts) and written after the save."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        instance._import_links[self.attribute] = self.clean(row, **kwargs)


class NewOnlyField(fields.Field):
    """The identifier: given to a new fiche, never changed on an existing one (its address)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if instance.pk is None:
            super().save(instance, row, is_m2m, **kwargs)


class KeptIfEmptyField(fields.Field):
    """The status: a file that leaves it empty keeps the fiche's own."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        if self.clean(row, **kwargs) is not None:
            super().save(instance, row, is_m2m, **kwargs)


class DayField(fields.Field):
    """A date and time shown as a day: the same day as the fiche's keeps the fiche's time."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        from django.utils import timezone

        cleaned = self.clean(row, **kwargs)
        current = getattr(instance, self.attribute)
        if cleaned and current and timezone.localdate(current) == timezone.localdate(cleaned):
            return
        setattr(instance, self.attribute, cleaned)


class CommuneField(fields.Field):
    """By INSEE code, or by name when the code is missing (the postcode settles namesakes)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        code = w.pad_code(row.get("Code INSEE", ""))
        name = (row.get("Commune") or "").strip()
        if not code and not name:
            raise ValueError(_("Donnez le code INSEE ou le nom de la commune."))
        communes = Territory.objects.filter(kind=Territory.Kind.COMMUNE)
        if code:
            known = _lookup("communes", dict)
            if code not in known:
                known[code] = communes.filter(key=code).first()
            commune = known[code]
            if commune is None:
                raise ValueError(
                    _("Aucune commune n’a le code INSEE « %(code)s ».") % {"code": code}
                )
        else:
            matches = list(communes.filter(search_name=normalize(name)))
            postcode = (row.get("Code postal") or "").strip()
            if len(matches) > 1 and postcode:
                matches = [c for c in matches if postcode in c.postcodes.split()] or matches
            if len(matches) != 1:
                raise ValueError(
                    _("Commune « %(name)s » introuvable ou ambiguë : donnez son code INSEE.")
                    % {"name": name}
                )
            commune = matches[0]
        instance.commune = commune


PREFETCHED_ROWS = 500
ACTOR_LINKS = ("spheres", "themes", "competences", "intervention_territories")
LINK_COLUMNS = (*ACTOR_LINKS, "contacts_public", "contacts_members")
CONTACT_COLUMNS = {
    "contacts_public": Contact.Visibility.PUBLIC,
    "contacts_members": Contact.Visibility.MEMBERS,
}


class ActorResource(SpreadsheetResource):
    name = fields.Field("name", "Nom", widget=w.TextWidget(200))
    acronym = fields.Field("acronym", "Sigle", widget=w.TextWidget(40))
    slug = NewOnlyField("slug", "Identifiant", widget=w.TextWidget(90))
    actor_type = fields.Field(
        "actor_type", "Type", widget=w.LookupWidget(actor_types, required=True)
    )
    spheres = LinkField("spheres", "Sphères", widget=w.LookupListWidget(spheres, required=True))
    pitch = fields.Field("pitch", "En une phrase", widget=w.TextWidget(300))
    missions = fields.Field("missions", "Missions", widget=w.TextWidget())
    themes = LinkField("themes", "Thèmes", widget=w.LookupListWidget(themes))
    competences = LinkField("competences", "Compétences", widget=w.LookupListWidget(competences))
    address = fields.Field("address", "Adresse", widget=w.TextWidget(250))
    postcode = fields.Field("postcode", "Code postal", widget=w.DigitsWidget(5))
    commune = CommuneField("commune", "Code INSEE")
    latitude = fields.Field("latitude", "Latitude", widget=w.DecimalNumberWidget())
    longitude = fields.Field("longitude", "Longitude", widget=w.DecimalNumberWidget())
    intervention_territories = LinkField(
        "intervention_territories",
        "Territoires d’intervention",
        widget=w.TerritoryListWidget(territories),
    )
    website = fields.Field("website", "Site web", widget=w.url_widget())
    email = fields.Field("email", "Courriel", widget=w.email_widget())
    phone = fields.Field("phone", "Téléphone", widget=w.phone_widget())
    siret = fields.Field("siret", "SIRET", widget=w.DigitsWidget(14))
    contacts_public = LinkField(
        "contacts_public", "Contacts publics", widget=w.ContactsWidget(professions)
    )
    contacts_members = LinkField(
        "contacts_members", "Contacts réservés aux membres", widget=w.ContactsWidget(professions)
    )
    description = fields.Field("description", "Présentation", widget=w.TextWidget())
    status = KeptIfEmptyField("status", "Statut", widget=w.ChoiceWidget(PublicationStatus.choices))
    is_fictional = fields.Field("is_fictional", "Fiche fictive", widget=w.YesNoWidget())
    last_checked_at = DayField("last_checked_at", "Vérifiée le", widget=w.FrenchDateTimeWidget())

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

    # Not read from the file: the date of the last change is the import's own.
    INFORMATIVE_COLUMNS = ("Commune", "Mise à jour")

    # --- matching -------------------------------------------------------------------------

    def before_import(self, dataset, **kwargs):
        reset_lookups()
        self.matches = ActorMatcher(dataset)
        self.history = HistoryBatch(user=self.user, reason=self.reason)
        self.loaded: dict[int, Actor] = {}
        if "Code INSEE" in (dataset.headers or []):
            codes = {w.pad_code(code) for code in dataset["Code INSEE"]} - {""}
            communes = Territory.objects.filter(kind=Territory.Kind.COMMUNE, key__in=codes)
            known = _lookup("communes", dict)
            known.update({commune.key: commune for commune in communes})
            known.update(dict.fromkeys(codes - set(known)))  # unknown codes: no query again

    def before_import_row(self, row, **kwargs):
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

    def after_import_row(self, row, row_result, **kwargs):
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
        if isinstance(field, CommuneField) and not {"Code INSEE", "Commune"} & set(row):
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
            instance.slug = unique_slug(Actor, instance.name or "fiche")
        if (instance.latitude is None) != (instance.longitude is None) and not (
            {"latitude", "longitude"} & set(errors)
        ):
            errors["latitude"] = ValidationError(
                _("Donnez la latitude et la longitude, ou aucune des deux.")
            )
        if (
            "spheres" not in errors
            and instance.pk is None
            and "spheres" not in instance._import_links
        ):
            errors["spheres"] = ValidationError(_("Cette colonne est obligatoire."))
        try:
            # Constraints are checked below in Python or by the database: one query less per row.
            # Type and commune come from tables read at the start: no query to check they exist.
            resolved = [
                name for name in ("actor_type", "commune") if getattr(instance, f"{name}_id")
            ]
            instance.full_clean(
                exclude=[*errors, *resolved],
                validate_unique=check_slug,
                validate_constraints=False,
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if instance.siret and "siret" not in errors:
            taken = Actor.objects.filter(siret=instance.siret).exclude(pk=instance.pk)
            if taken.exists():
                errors["siret"] = ValidationError(
                    _("Ce SIRET est déjà celui de « %(name)s ».") % {"name": taken.first().name}
                )
        if errors:
            raise ValidationError(errors)

    # --- writing --------------------------------------------------------------------------

    def before_save_instance(self, instance, row, **kwargs):
        if instance.pk is None:
            instance.created_by = self.user
        else:
            instance.version += 1
        instance.updated_by = self.user
        if instance.latitude is not None and instance.commune_id:
            at_commune = (instance.latitude, instance.longitude) == (
                instance.commune.latitude,
                instance.commune.longitude,
            )
            instance.location_source = (
                Actor.LocationSource.COMMUNE if at_commune else Actor.LocationSource.MAP
            )

    def do_instance_save(self, instance, is_create):
        # No version on save: `HistoryBatch` writes one per row, links included, at the end.
        instance.skip_history_when_saving = True
        instance.save(force_insert=is_create)

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
        self.history.flush()


def set_in_order(actor: Actor, name: str, objects: list, *, created: bool, history) -> None:
    """Like `.set()`, but the links keep the file's order, which exports and pages show. The
    row's save already refreshes the search columns; `HistoryBatch` records the links."""
    manager = getattr(actor, name)
    through, source, target = manager.through, manager.source_field_name, manager.target_field_name
    wanted = [through(**{f"{source}_id": actor.pk, f"{target}_id": obj.pk}) for obj in objects]
    if created:
        history.add_links(through, wanted)  # written with the other new fiches' links
        return
    rows = through.objects.filter(**{source: actor})
    current = list(rows.order_by("pk").values_list(f"{target}_id", flat=True))
    if current != [getattr(link, f"{target}_id") for link in wanted]:
        rows.delete()
        through.objects.bulk_create(wanted)


def snapshot(actor: Actor) -> dict:
    """What the import may change, in comparable form."""
    values = {field.attname: getattr(actor, field.attname) for field in Actor._meta.concrete_fields}
    for name in ACTOR_LINKS:
        values[name] = sorted(obj.pk for obj in getattr(actor, name).all())
    for column, visibility in CONTACT_COLUMNS.items():
        values[column] = [
            contact_tuple(c)
            for c in sorted(actor.contacts.all(), key=lambda c: (c.position, c.name, c.pk))
            if c.visibility == visibility
        ]
    return values


def contact_tuple(contact) -> tuple:
    if isinstance(contact, dict):
        profession = contact["profession"].pk if contact["profession"] else None
        return (contact["name"], contact["role"], profession, contact["email"], contact["phone"])
    return (contact.name, contact.role, contact.profession_id, contact.email, contact.phone)


def changed_columns(resource, before: dict, actor: Actor) -> list[str]:
    changed = []
    for field in resource.import_fields:
        name = field.attribute
        if name in LINK_COLUMNS and name not in actor._import_links:
            continue  # the column is not in the file
        if name in actor._import_links:
            new = actor._import_links[name]
            if name in CONTACT_COLUMNS:
                new = [contact_tuple(c) for c in new]
            else:
                new = sorted(obj.pk for obj in new)
        else:
            attname = Actor._meta.get_field(name).attname
            new = getattr(actor, attname)
            name = attname
        if _comparable(new) != _comparable(before.get(name)):
            changed.append(field.column_name)
    return changed


def _comparable(value):
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


def replace_contacts(actor: Actor, visibility: str, wanted: list[dict], *, history) -> None:
    """The listed contacts, in order; the others of this visibility are removed. A contact
    keeps its row (and history) when its name is unchanged. New ones are written in one query,
    their first version by `history`."""
    existing: dict[str, list[Contact]] = {}
    if actor._import_before is not None:
        for contact in actor.contacts.filter(visibility=visibility).order_by("position", "pk"):
            existing.setdefault(normalize(contact.name), []).append(contact)
    new = []
    for position, data in enumerate(wanted):
        values = {**data, "position": position}
        namesakes = existing.get(normalize(data["name"]))
        contact = namesakes.pop(0) if namesakes else None
        if contact is None:
            new.append(Contact(actor=actor, visibility=visibility, **values))
            continue
        if all(getattr(contact, key) == value for key, value in values.items()):
            continue
        for key, value in values.items():
            setattr(contact, key, value)
        contact._change_reason, contact._history_user = history.reason, history.user
        contact.save()
    for contact in (c for namesakes in existing.values() for c in namesakes):
        contact._change_reason, contact._history_user = history.reason, history.user
        contact.delete()
    history.add_contacts(Contact.objects.bulk_create(new))


SIRET_DIGITS = w.DigitsWidget(14)
AMBIGUOUS = -1  # two existing fiches bear this name in this commune


class ActorMatcher:
    """Finds, for every row of a file, the fiche it updates, with four queries in all; the rows
    that describe a structure already described higher up; and the rows whose keys disagree."""

    def __init__(self, dataset):
        self.headers = dataset.headers or []
        rows = [dict(zip(self.headers, values, strict=False)) for values in dataset]
        sirets = {self._siret(row) for row in rows} - {""}
        slugs = {self._slug(row) for row in rows} - {""}
        self.by_siret = dict(Actor.objects.filter(siret__in=sirets).values_list("siret", "pk"))
        # The old address of a merged fiche leads to the fiche it was merged into.
        self.by_slug = dict(
            ActorRedirect.objects.filter(old_slug__in=slugs).values_list("old_slug", "actor_id")
        )
        self.by_slug.update(Actor.objects.filter(slug__in=slugs).values_list("slug", "pk"))
        communes = {
            w.pad_code(row.get("Code INSEE", ""))
            for row in rows
            if not self._siret(row) and not self._slug(row)
        } - {""}
        self.by_name: dict[tuple, int] = {}
        named = Actor.objects.filter(commune__key__in=communes).values_list(
            "name", "commune__key", "pk"
        )
        for name, commune, pk in named.iterator(chunk_size=5000):
            key = (normalize(name), commune)
            self.by_name[key] = AMBIGUOUS if key in self.by_name else pk
        pks = [self.existing_pk(row) for row in rows]
        self.matched = list(dict.fromkeys(pk for pk in pks if pk and pk != AMBIGUOUS))
        self.position = {pk: index for index, pk in enumerate(self.matched)}
        self.first_line: dict[object, int] = {}
        self.duplicates: dict[int, int] = {}
        for number, row in enumerate(rows, 1):
            for key in self._keys(row):
                if key in self.first_line:
                    self.duplicates[number] = self.first_line[key]
                    break
            else:
                for key in self._keys(row):
                    self.first_line[key] = number

    @staticmethod
    def _siret(row) -> str:
        return SIRET_DIGITS.clean(row.get("SIRET", ""))

    @staticmethod
    def _slug(row) -> str:
        return (row.get("Identifiant") or "").strip()

    def _keys(self, row) -> list:
        """What makes two rows the same structure: the fiche they update, or the same SIRET or
        identifier; name and commune only for rows that give neither."""
        keys = []
        pk = self.existing_pk(row)
        if pk and pk != AMBIGUOUS:
            keys.append(("pk", pk))
        siret, slug = self._siret(row), self._slug(row)
        if siret:
            keys.append(("siret", siret))
        if slug:
            keys.append(("slug", slug))
        name, commune = normalize(row.get("Nom", "")), w.pad_code(row.get("Code INSEE", ""))
        if not siret and not slug and name and commune:
            keys.append(("name", name, commune))
        return keys

    def existing_pk(self, row) -> int | None:
        """By SIRET, else by identifier; by name and commune only when the row gives neither
        (an unknown SIRET or identifier is a new fiche, even if another one bears its name)."""
        siret, slug = self._siret(row), self._slug(row)
        if siret in self.by_siret:
            return self.by_siret[siret]
        if slug:
            return self.by_slug.get(slug)
        if siret:
            return None
        key = (normalize(row.get("Nom", "")), w.pad_code(row.get("Code INSEE", "")))
        return self.by_name.get(key)

    def problem_of(self, row) -> str:
        """Why the fiche this row updates cannot be told, if it cannot."""
        siret, slug = self._siret(row), self._slug(row)
        if (
            siret in self.by_siret
            and self.by_slug.get(slug, self.by_siret[siret]) != (self.by_siret[siret])
        ):
            return _(
                "Le SIRET et l’identifiant désignent deux fiches différentes : corrigez l’un "
                "des deux."
            )
        if self.existing_pk(row) == AMBIGUOUS:
            return _(
                "Plusieurs fiches portent ce nom dans cette commune : donnez l’identifiant ou le "
                "SIRET de celle à mettre à jour."
            )
        return ""

    def upcoming(self, pk: int, count: int) -> list[int]:
        """This fiche and the next ones the file updates, in the file's order."""
        start = self.position[pk]
        return self.matched[start : start + count]

    def duplicate_of(self, row_number: int) -> int | None:
        """The data line (1 = first row under the headers) this row repeats, if any."""
        return self.duplicates.get(row_number)


def actor_by_reference(slug: str, name: str, *, label: str) -> Actor:
    """An actor named in a relations or participations file: by identifier, else by a name
    that only one fiche bears."""
    slug, name = (slug or "").strip(), (name or "").strip()
    if slug:
        actor = Actor.objects.filter(slug=slug).first()
        if actor is None:
            raise ValueError(_("Aucune fiche n’a l’identifiant « %(slug)s ».") % {"slug": slug})
        return actor
    if not name:
        raise ValueError(_("Donnez l’identifiant ou le nom de %(label)s.") % {"label": label})
    matches = list(Actor.objects.filter(name__iexact=name)[:2])
    if len(matches) != 1:
        raise ValueError(
            _("« %(name)s » : aucune fiche ou plusieurs portent ce nom ; donnez l’identifiant.")
            % {"name": name}
        )
    return matches[0]


class ReferenceField(fields.Field):
    """An actor or local scheme given by its identifier column, with a name column as backup."""

    def __init__(self, attribute, column_name, *, name_column, resolve, **kwargs):
        self.name_column = name_column
        self.resolve = resolve
        super().__init__(attribute, column_name, **kwargs)

    def save(self, instance, row, is_m2m=False, **kwargs):
        setattr(
            instance,
            self.attribute,
            self.resolve(row.get(self.column_name, ""), row.get(self.name_column, "")),
        )


def local_scheme_by_reference(slug: str, name: str) -> LocalScheme:
    slug, name = (slug or "").strip(), (name or "").strip()
    found = None
    if slug:
        found = LocalScheme.objects.filter(slug=slug).first()
    elif name:
        found = LocalScheme.objects.filter(name__iexact=name).first()
    if found is None:
        raise ValueError(
            _("Dispositif local inconnu : « %(value)s ». Créez-le d’abord sur le site.")
            % {"value": slug or name}
        )
    return found


class LinkResource(SpreadsheetResource):
    """Relations and participations: a row is matched on its whole key (both ends and the
    kind or role); only the other columns can change."""

    KEY: tuple[str, ...] = ()

    class Meta:
        skip_unchanged = True
        skip_diff = True
        report_skipped = True
        use_transactions = True

    def __init__(self, **kwargs):
        super().__init__(**kwargs)
        self.seen: dict[tuple, int] = {}

    def get_instance(self, instance_loader, row):
        return None  # found in `import_instance`, once the key columns are read

    def import_field(self, field, instance, row, is_m2m=False, **kwargs):
        # An end of the link may be named by its identifier or by its name column alone.
        if isinstance(field, ReferenceField) or field.column_name in row:
            field.save(instance, row, is_m2m, **kwargs)

    def import_instance(self, instance, row, **kwargs):
        super().import_instance(instance, row, **kwargs)
        key = tuple(
            getattr(instance, f"{name}_id", None) or getattr(instance, name) for name in self.KEY
        )
        line = self.seen.setdefault(key, kwargs["row_number"])
        if line != kwargs["row_number"]:
            raise ValidationError(
                _("Même lien qu’à la ligne %(line)s : une seule ligne par lien.")
                % {"line": self.line_of(line)}
            )
        existing = self._meta.model.objects.filter(
            **{name: getattr(instance, name) for name in self.KEY}
        ).first()
        instance._import_changes = None
        self._last_changes = []
        if existing is not None:
            changes = [
                field.column_name
                for field in self.import_fields
                if field.attribute not in self.KEY
                and field.column_name in row
                and getattr(existing, field.attribute) != getattr(instance, field.attribute)
            ]
            instance.pk = existing.pk
            instance._state.adding = False
            instance._import_changes = self._last_changes = changes
            read = {f.attribute for f in self.import_fields if f.column_name in row}
            for field in self._meta.model._meta.concrete_fields:
                if field.name not in read and field.name not in self.KEY:
                    setattr(instance, field.attname, getattr(existing, field.attname))

    def after_import_row(self, row, row_result, **kwargs):
        row_result.changes = getattr(self, "_last_changes", [])
        if row_result.import_type == RowResult.IMPORT_TYPE_NEW and row_result.changes:
            row_result.import_type = RowResult.IMPORT_TYPE_UPDATE

    def skip_row(self, instance, original, row, import_validation_errors=None):
        if import_validation_errors:
            return False
        return instance._import_changes is not None and not instance._import_changes

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        choice = self.KEY[-1]  # the nature of the link or the role: part of its key
        if choice not in errors and not getattr(instance, choice):
            errors[choice] = ValidationError(_("Cette colonne est obligatoire."))
        try:
            instance.full_clean(
                exclude=list(errors), validate_unique=False, validate_constraints=False
            )
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        if errors:
            raise ValidationError(errors)

    def do_instance_save(self, instance, is_create):
        instance._change_reason = self.reason
        instance._history_user = self.user
        instance.save(force_insert=instance._state.adding)


class RelationResource(LinkResource):
    KEY = ("source", "target", "kind")
    source = ReferenceField(
        "source",
        "Identifiant",
        name_column="Acteur",
        resolve=lambda slug, name: actor_by_reference(slug, name, label=_("l’acteur")),
    )
    kind = fields.Field("kind", "Nature", widget=w.ChoiceWidget(Relation.Kind.choices))
    target = ReferenceField(
        "target",
        "Identifiant lié",
        name_column="Acteur lié",
        resolve=lambda slug, name: actor_by_reference(slug, name, label=_("l’acteur lié")),
    )
    since = fields.Field("since", "Depuis", widget=w.YearWidget())
    note = fields.Field("note", "Précision", widget=w.TextWidget(300))

    INFORMATIVE_COLUMNS = ("Acteur", "Acteur lié")

    class Meta(LinkResource.Meta):
        model = Relation
        fields = ("source", "kind", "target", "since", "note")

    def validate_instance(self, instance, import_validation_errors=None, validate_unique=True):
        errors = dict(import_validation_errors or {})
        if not errors and instance.source_id == instance.target_id:
            errors["target"] = ValidationError(
                _("Une structure ne peut pas être liée à elle-même.")
            )
        super().validate_instance(instance, errors or None, validate_unique)


class ParticipationResource(LinkResource):
    KEY = ("local_scheme", "actor", "role")
    local_scheme = ReferenceField(
        "local_scheme",
        "Identifiant",
        name_column="Dispositif local",
        resolve=local_scheme_by_reference,
    )
    actor = ReferenceField(
        "actor",
        "Identifiant de l’acteur",
        name_column="Acteur",
        resolve=lambda slug, name: actor_by_reference(slug, name, label=_("l’acteur")),
    )
    role = fields.Field("role", "Rôle", widget=w.ChoiceWidget(Participation.Role.choices))
    note = fields.Field("note", "Précision", widget=w.TextWidget(250))

    INFORMATIVE_COLUMNS = (
        "Dispositif",
        "Dispositif local",
        "Territoires",
        "Début",
        "Fin",
        "État",
        "Acteur",
    )

    class Meta(LinkResource.Meta):
        model = Participation
        fields = ("local_scheme", "actor", "role", "note")


RESOURCES = {
    "acteurs": ActorResource,
    "relations": RelationResource,
    "participations": ParticipationResource,
}
REQUIRED_COLUMNS = {  # at least one of them: a line of headers, not of data
    "acteurs": ("Nom", "Identifiant", "SIRET"),
    "relations": ("Nature",),
    "participations": ("Rôle",),
}
