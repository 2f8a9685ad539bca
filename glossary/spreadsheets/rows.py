"""How the glossary's file is read, row by row: each row becomes the entry of one term (see
`glossary.entries`). A column the file leaves out keeps the term's stored value; a cell left
empty empties it (an empty « regard » removes that sphere's view). Every refusal is a
`CellError` naming the row's line in the spreadsheet and the column, in French."""

from copy import deepcopy
from dataclasses import dataclass, field

from django.core.validators import validate_slug
from django.utils.translation import gettext as _

from actors.models import Scheme, Sphere
from actors.spreadsheets import cells as w
from actors.spreadsheets.imports import CellError
from glossary.entries import blank_entry, clean_lines, clean_text
from glossary.models import Term
from glossary.spreadsheets.columns import GLOSSARY, REQUIRED_KEYS, sphere_in
from glossary.validation import view_problem

MAX_LENGTHS = {name: Term._meta.get_field(name).max_length for name in ("slug", "word", "acronym")}


@dataclass
class Layout:
    """What each header of the file holds."""

    columns: dict[str, str] = field(default_factory=dict)  # column key → header
    views: dict[str, Sphere] = field(default_factory=dict)  # « regard : … » header → sphere
    unknown_views: dict[str, str] = field(default_factory=dict)  # header → why it is refused
    ignored: list[str] = field(default_factory=list)


def layout_of(headers: list[str]) -> Layout:
    layout = Layout()
    keys = {column.header: column.key for column in GLOSSARY.columns}
    spheres = w.Lookup(
        Sphere.objects.all(),
        label=_("sphère inconnue"),
        hint=_("Écrivez « regard : » puis le nom d’une sphère de l’annuaire."),
    )
    for header in filter(None, headers):
        named = sphere_in(header)
        if header in keys:
            layout.columns[keys[header]] = header
        elif named is None:
            layout.ignored.append(header)
        else:
            try:
                sphere = spheres.get(named)
            except ValueError as error:
                layout.unknown_views[header] = str(error)
                continue
            if sphere in layout.views.values():
                layout.unknown_views[header] = _(
                    "Une autre colonne donne déjà le regard de « %(sphere)s »."
                ) % {"sphere": sphere.name}
            else:
                layout.views[header] = sphere
    return layout


@dataclass
class Row:
    line: int
    values: dict[str, str]  # header → cell, as read
    entry: dict
    stored: dict | None  # the term's entry now; None for a new term
    errors: list[CellError] = field(default_factory=list)
    # « voir aussi », « ne pas confondre avec » as typed: they may name a term of a later row.
    link_texts: dict[str, str] = field(default_factory=dict)
    status: str = ""
    changes: list[str] = field(default_factory=list)

    def refuse(self, header: str, message) -> None:
        self.errors.append(CellError(self.line, header, str(message), self.values.get(header, "")))

    @property
    def slug(self) -> str:
        return self.entry["slug"]


def slug_list(text: str) -> str:
    """Slugs one a line read as the export writes them, « ctg ; evs »."""
    return (text or "").replace("\n", ";")


class RowReader:
    """Reads the rows of one file against the glossary as it is stored (`stored`: each term's
    entry by slug)."""

    def __init__(self, layout: Layout, stored: dict[str, dict]):
        self.layout = layout
        self.stored = stored
        # « CTG » finds the term « ctg »: a spreadsheet may capitalise a cell's first letter.
        self.slugs = {slug.lower(): slug for slug in stored}
        self.schemes = w.Lookup(
            Scheme.objects.all(),
            keys=("slug",),
            shown="slug",
            label=_("dispositif inconnu"),
            hint=_("Donnez les identifiants de dispositifs de l’annuaire, séparés par « ; »."),
        )
        self.widgets = {
            "slug": w.ValidatedTextWidget(validate_slug, max_length=MAX_LENGTHS["slug"]),
            "word": w.TextWidget(MAX_LENGTHS["word"]),
            "acronym": w.TextWidget(MAX_LENGTHS["acronym"]),
            "definition": w.TextWidget(),
            "category": w.ChoiceWidget(Term.Category.choices),
        }

    def read(self, line: int, values: dict[str, str]) -> Row:
        row = Row(line=line, values=values, entry=blank_entry(""), stored=None)
        slug_header = self.layout.columns["slug"]
        try:
            slug = self.widgets["slug"].clean(values[slug_header])
        except ValueError as error:
            row.refuse(slug_header, error)
            slug = ""
        slug = self.slugs.get(slug.lower(), slug)
        row.stored = self.stored.get(slug)
        row.entry = deepcopy(row.stored) if row.stored else blank_entry(slug)
        for key, header in self.layout.columns.items():
            if key != "slug":
                self._read_cell(row, key, header)
        self._check_required(row)
        self._read_views(row)
        return row

    def _read_cell(self, row: Row, key: str, header: str) -> None:
        text = row.values[header]
        try:
            if key in self.widgets:
                row.entry[key] = self.widgets[key].clean(text) or ""
            elif key in ("variants", "sources"):
                row.entry[key] = clean_lines(text)
            elif key == "schemes":
                schemes = w.LookupListWidget(lambda: self.schemes).clean(slug_list(text))
                row.entry[key] = [scheme.slug for scheme in schemes]
            else:  # read by `checks` once every row is: they may name a term of a later row
                row.link_texts[key] = text
        except ValueError as error:
            row.refuse(header, error)

    def _check_required(self, row: Row) -> None:
        """A required cell cannot be emptied; a new term needs the required columns."""
        for key in REQUIRED_KEYS:
            header = self.layout.columns.get(key)
            if header is None and row.stored is None and row.slug:
                header = GLOSSARY.header(key)
                row.refuse(header, _("Cette colonne manque : un nouveau terme en a besoin."))
            elif (
                header is not None
                and not row.values[header].strip()
                and not any(error.column == header for error in row.errors)
            ):
                row.refuse(header, _("Cette colonne est obligatoire."))

    def _read_views(self, row: Row) -> None:
        for header, sphere in self.layout.views.items():
            text = clean_text(row.values[header])
            # Empty, the cell removes the view; written, it passes the rule every view passes.
            problem = view_problem(text) if text else None
            if problem:
                row.refuse(header, problem)
            row.entry["views"][sphere.slug] = text
        for header, message in self.layout.unknown_views.items():
            if row.values[header].strip():
                row.refuse(header, message)
