"""What an exported file says about itself: the « À propos » sheet of an XLSX or ODS (the site,
when, the filters in words, how many rows, the licence) and a file name that tells what it
holds (`mailleurs-acteurs-mobilite-die-2026-12-02.xlsx`). The import skips that sheet."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.conf import settings
from django.db.models import Model, QuerySet
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from actors.open_data.feeds import licence

ABOUT_TITLE = "À propos"
# The words of the filters in a file's name, at most this long (a name stays readable).
MAX_NAME_WORDS = 60


@dataclass(frozen=True)
class Filter:
    label: str
    value: str
    # A word for the file's name (« mobilite »), or "" when the filter only orders the rows.
    slug: str = ""


@dataclass(frozen=True)
class About:
    subject: str  # « Annuaire des acteurs »
    name: str  # the file name's first word: « acteurs »
    address: str  # the page that lists the same rows, with its query string
    filters: list[Filter] = field(default_factory=list)
    exported_at: datetime.datetime = field(default_factory=timezone.now)

    def file_name(self, extension: str) -> str:
        words = "-".join(f.slug for f in self.filters if f.slug)[:MAX_NAME_WORDS].strip("-")
        day = f"{timezone.localtime(self.exported_at):%Y-%m-%d}"
        parts = ("mailleurs", self.name, words, day)
        return "-".join(part for part in parts if part) + f".{extension}"

    def filters_text(self) -> str:
        if not self.filters:
            return _("aucun : toutes les lignes que vous pouvez voir")
        return " ; ".join(f"{f.label} : {f.value}" for f in self.filters)

    def rows(self, row_count: int) -> list[list]:
        """The « À propos » sheet: one label and its value a row. The date is a real date."""
        terms = licence()
        return [
            [_("Contenu"), self.subject],
            [_("Site"), f"{settings.SITE_NAME} — {self.address}"],
            [_("Exporté le"), timezone.localtime(self.exported_at).replace(tzinfo=None)],
            [_("Filtres"), self.filters_text()],
            [_("Nombre de lignes"), row_count],
            [_("Licence"), f"{terms['licence']} — {terms['url_licence']}"],
            [_("Producteur"), terms["producteur"]],
        ]


def about_search(request, *, subject: str, name: str, page: str, form=None) -> About:
    """The About of a list page's export: `page` is the list's address, `form` the bound and
    valid filter form whose cleaned data the file holds."""
    query = request.GET.urlencode()
    address = request.build_absolute_uri(page + (f"?{query}" if query else ""))
    return About(subject=subject, name=name, address=address, filters=filters_in_words(form))


def filters_in_words(form) -> list[Filter]:
    """Each filter the query string sets, as its label and its value in words: « Thème :
    Mobilité ; Santé ». A filter left empty is not named."""
    if form is None:
        return []
    described = []
    for name, bound_field in form.fields.items():
        value = form.cleaned_data.get(name)
        if name not in form.data or value in (None, "", [], ()):
            continue
        if isinstance(value, QuerySet) and not value.exists():
            continue
        words = _words(value, getattr(bound_field, "choices", None))
        slug = _slug_of(value, getattr(bound_field, "choices", None))
        described.append(Filter(str(bound_field.label or name), words, slug))
    return described


def _words(value, choices) -> str:
    if isinstance(value, QuerySet | list | tuple):
        return " ; ".join(_words(item, choices) for item in value)
    if isinstance(value, bool):
        return _("oui") if value else _("non")
    if isinstance(value, Decimal | float):
        return f"{value:g}"
    if choices is not None and not isinstance(value, Model):
        return str({str(key): label for key, label in choices}.get(str(value), value))
    return str(value)


def _slug_of(value, choices) -> str:
    """A word for the file's name from what the rows are about (a theme, a commune, words
    searched); not from a number or a sort order."""
    if isinstance(value, QuerySet | list | tuple):
        return "-".join(_slug_of(item, None) for item in value if isinstance(item, Model))
    if isinstance(value, Model):
        return getattr(value, "slug", "") or slugify(str(value))
    if isinstance(value, str) and choices is None:
        return slugify(value)
    return ""
