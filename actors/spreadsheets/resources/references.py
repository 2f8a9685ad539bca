"""The two ends of a relation or participation, named in a file by an identifier column,
with a name column as backup."""

from django.utils.translation import gettext as _
from import_export import fields

from actors.models import Actor, LocalScheme
from actors.spreadsheets.cells import Lookup
from actors.spreadsheets.columns import Sheet


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


def local_scheme_by_reference(slug: str, name: str) -> LocalScheme:
    slug, name = (slug or "").strip(), (name or "").strip()
    found = None
    if slug:
        found = LocalScheme.objects.filter(slug=slug).first()
    elif name:
        found = LocalScheme.objects.filter(name__iexact=name).first()
    if found is None:
        message = _("Dispositif local inconnu : « %(value)s ».") % {"value": slug or name}
        shown = "slug" if slug else "name"
        close = Lookup(LocalScheme.objects.only(shown), keys=(), label="", shown=shown).suggestion(
            slug or name
        )
        if close:
            message += " " + _("Vouliez-vous dire « %(name)s » ?") % {"name": close}
        else:
            message += " " + _("Créez-le d’abord sur le site.")
        raise ValueError(message)
    return found


def reference(sheet: Sheet, key: str, name_key: str, *, resolve) -> ReferenceField:
    """The end `key` read from its identifier column, or from its name column `name_key`."""
    return ReferenceField(
        key, sheet.header(key), name_column=sheet.header(name_key), resolve=resolve
    )


def actor_reference(sheet: Sheet, key: str, name_key: str, *, label: str) -> ReferenceField:
    return reference(
        sheet,
        key,
        name_key,
        resolve=lambda slug, name: actor_by_reference(slug, name, label=label),
    )
