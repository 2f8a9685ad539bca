"""The sheet's own form, and `SheetForms`: that form and its lists of rows (actors involved,
testimonies, links, and images and documents for those who add files) bound together, read
as plain data for the services."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from actors.fiches.forms import TerritoryField
from actors.links.forms import ActorField
from actors.models import LocalScheme, Scheme, Theme
from experiences.editing.formsets import FILE_ROWS, TEXT_ROWS
from experiences.editing.services import SheetData
from experiences.models import Experience
from mailleurs.editing import error_items
from mailleurs.forms import ModelIdsField, SingleLineModelForm
from mailleurs.grid.models import GridFunction, GridVersion
from mailleurs.rows import row_changes

M2M_FIELDS = ("schemes", "local_schemes", "themes", "grid_functions")
DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _textarea(rows: int) -> forms.Textarea:
    return forms.Textarea(attrs={"rows": rows})


class ExperienceForm(SingleLineModelForm):
    territory = TerritoryField(
        label=_("Territoire"),
        help_text=_(
            "Une commune, une intercommunalité, un département… tapez son nom ou son code."
        ),
    )
    contact_actor = ActorField(
        label=_("Structure à contacter"),
        required=False,
        help_text=_("Une structure de l’annuaire qui répond aux questions sur cette expérience."),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Experience
        fields = [
            "title", "summary", "territory", "started_on", "ended_on", "cooperation_mode",
            "need", "steps", "results", "levers", "blockers", "conditions", "cost", "funding",
            "schemes", "local_schemes", "themes", "grid_functions", "contact_actor",
            "is_illustrative",
        ]  # fmt: skip
        field_classes = dict.fromkeys(M2M_FIELDS, ModelIdsField)
        widgets = {
            "summary": _textarea(4), "need": _textarea(5), "steps": _textarea(8),
            "results": _textarea(5), "levers": _textarea(5), "blockers": _textarea(5),
            "conditions": _textarea(5), "started_on": DATE_INPUT, "ended_on": DATE_INPUT,
            "schemes": forms.CheckboxSelectMultiple, "themes": forms.CheckboxSelectMultiple,
            "grid_functions": forms.CheckboxSelectMultiple,
            "local_schemes": forms.SelectMultiple(attrs={"size": 6}),
        }  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        sheet = self.instance
        if sheet.pk:
            self.initial.setdefault("version", sheet.version)
            self.fields["contact_actor"].current = sheet.contact_actor
        self.fields["schemes"].queryset = Scheme.objects.order_by("position", "name")
        self.fields["local_schemes"].queryset = LocalScheme.objects.select_related("scheme")
        self.fields["themes"].queryset = Theme.objects.order_by("position", "name")
        self.fields["grid_functions"].queryset = _grid_functions(sheet)

    def clean(self):
        cleaned = super().clean()
        started, ended = cleaned.get("started_on"), cleaned.get("ended_on")
        if started and ended and ended < started:
            self.add_error("ended_on", _("La fin ne peut pas précéder le début."))
        return cleaned

    def sheet_fields(self) -> tuple[dict, dict]:
        """The typed values as (own fields, many-to-many links), for the services."""
        values = {name: self.cleaned_data[name] for name in self._meta.fields}
        return values, {name: list(values.pop(name)) for name in M2M_FIELDS}

    def check_boxes(self):
        """The lists shown as boxes to tick, each in its own fieldset."""
        return [self[name] for name in ("themes", "schemes", "grid_functions")]


def _grid_functions(sheet: Experience):
    """The functions of the current grid, and those the sheet already names (an older grid)."""
    current = GridVersion.objects.current()
    wanted = Q(axis__version=current) if current is not None else Q(pk__in=[])
    if sheet.pk:
        wanted |= Q(pk__in=sheet.grid_functions.values("pk"))
    return GridFunction.objects.filter(wanted).select_related("axis")


class SheetForms:
    """The sheet's form and its lists of rows. `with_files`: the image and document lists,
    for those whose changes are published directly (a member's proposal carries text only)."""

    def __init__(self, data=None, files=None, *, experience=None, with_files=True):
        self.form = ExperienceForm(data, instance=experience)
        self.with_files = with_files
        parent = experience if experience is not None else Experience()
        kinds = TEXT_ROWS | (FILE_ROWS if with_files else {})
        self.rows = {
            name: formset(data, files, instance=parent, prefix=prefix)
            for name, (prefix, formset) in kinds.items()
        }

    def is_valid(self) -> bool:
        # Every list is checked, so that every error shows at once.
        results = [self.form.is_valid()] + [rows.is_valid() for rows in self.rows.values()]
        return all(results)

    def data(self) -> SheetData:
        """A valid sheet as plain data for the services."""
        fields, m2m = self.form.sheet_fields()
        rows = {name: row_changes(formset) for name, formset in self.rows.items()}
        return SheetData(fields=fields, m2m=m2m, rows=rows)

    def shown_data(self) -> SheetData:
        """The changes the forms hold even when part of them no longer validates (the errors
        say what): the valid fields, and the lists that are valid."""
        cleaned = self.form.cleaned_data
        fields = {n: cleaned[n] for n in self.form._meta.fields if n in cleaned}
        m2m = {name: list(fields.pop(name)) for name in M2M_FIELDS if name in fields}
        rows = {
            name: row_changes(formset) for name, formset in self.rows.items() if formset.is_valid()
        }
        return SheetData(fields=fields, m2m=m2m, rows=rows)

    def errors(self) -> list[dict]:
        """Every error, with the id of its field, for the summary at the top of the page."""
        return error_items(self.form, self.rows.values())
