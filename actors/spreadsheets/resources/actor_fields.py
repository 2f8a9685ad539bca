"""The fields of the actors resource that do more than set an attribute from a cell."""

from django.utils import timezone
from django.utils.translation import gettext as _
from import_export import fields

from actors.models import Territory
from actors.spreadsheets import cells as w
from actors.spreadsheets.columns import ACTORS
from actors.spreadsheets.communes import find_commune, split_postcode
from actors.spreadsheets.resources.lookups import communes, named_communes
from mailleurs.text import normalize

INSEE_CODE = ACTORS.header("commune")
COMMUNE_NAME = ACTORS.header("commune_name")
POSTCODE = ACTORS.header("postcode")


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
        cleaned = self.clean(row, **kwargs)
        current = getattr(instance, self.attribute)
        if cleaned and current and timezone.localdate(current) == timezone.localdate(cleaned):
            return
        setattr(instance, self.attribute, cleaned)


class CommuneField(fields.Field):
    """By INSEE code, or by name when the code is missing (the postcode settles namesakes)."""

    def save(self, instance, row, is_m2m=False, **kwargs):
        code = w.pad_code(row.get(INSEE_CODE, ""))
        name = (row.get(COMMUNE_NAME) or "").strip()
        if not code and not name:
            raise ValueError(_("Donnez le code INSEE ou le nom de la commune."))
        instance.commune = _by_code(code) if code else _by_name(name, row, instance)


def _by_code(code: str) -> Territory:
    known = communes()
    if code not in known:
        known[code] = Territory.objects.filter(kind=Territory.Kind.COMMUNE, key=code).first()
    if known[code] is None:
        raise ValueError(_("Aucune commune n’a le code INSEE « %(code)s ».") % {"code": code})
    return known[code]


def _by_name(name: str, row, instance) -> Territory:
    postcode = w.DigitsWidget(5).clean(row.get(POSTCODE, ""))
    # A list names the same few communes on many rows: each is looked up once per import.
    known, key = named_communes(), (normalize(name), postcode)
    if key not in known:
        try:
            known[key] = find_commune(name, postcode)
        except ValueError as error:
            known[key] = str(error)
    if isinstance(known[key], str):
        raise ValueError(known[key])
    commune = known[key]
    written_code = split_postcode(name)[1]
    if written_code and not postcode and instance.pk is None:
        instance.postcode = written_code  # « 26400 Crest »: the code is the fiche's too
    return commune
