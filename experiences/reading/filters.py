"""The filters of the experience sheets. One FilterSet feeds the list page, its facet counts,
the spreadsheet exports and the open data, so all of them show the same sheets for the same
query string."""

import django_filters
from django import forms
from django.db.models import F, Q
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from actors.directory.filters import PlaceFilter
from actors.models import Scheme, Sphere, Territory, Theme
from experiences.models import CooperationMode, Experience, ExperienceActor
from experiences.reading.search import order_by_relevance, search_sheets
from mailleurs.filtersets import QuickFilterSet
from mailleurs.forms import ModelIdsField, validate_single_line
from mailleurs.grid.models import GridFunction

MAX_QUERY_LENGTH = 200


class SortOrder:
    DATE = "date"
    RELEVANCE = "pertinence"
    CHOICES = [(DATE, _("Date")), (RELEVANCE, _("Pertinence"))]


class IdsFilter(django_filters.ModelMultipleChoiceFilter):
    field_class = ModelIdsField


def _slug_choices(model, label):
    return django_filters.ModelMultipleChoiceFilter(
        label=label, queryset=model.objects.all(), to_field_name="slug", method="filter_linked"
    )


class ExperienceFilterSet(QuickFilterSet):
    q = django_filters.CharFilter(
        label=_("Rechercher dans les fiches"),
        method="filter_text",
        max_length=MAX_QUERY_LENGTH,
        validators=[validate_single_line],
        error_messages={
            "max_length": _("La recherche est trop longue : %(limit_value)d caractères au plus.")
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("jardin partagé, mobilité, Die…")}
        ),
    )
    territoire = PlaceFilter(
        label=_("Territoire (ou une de ses parties)"),
        territories=Territory.objects.all,
        autocomplete_url=reverse_lazy("actors:territories_autocomplete"),
        placeholder=_("Diois, Drôme, Die, 26113…"),
        method="filter_territory",
    )
    theme = _slug_choices(Theme, _("Thèmes"))
    sphere = _slug_choices(Sphere, _("Sphères parmi les acteurs (toutes celles cochées)"))
    dispositif = _slug_choices(Scheme, _("Dispositifs"))
    cooperation = django_filters.MultipleChoiceFilter(
        label=_("Modes de coopération"), choices=CooperationMode.choices, method="filter_linked"
    )
    fonction = IdsFilter(
        label=_("Fonctions de la grille mailleur"),
        queryset=GridFunction.objects.all(),
        method="filter_linked",
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"), choices=SortOrder.CHOICES, method="filter_noop", empty_label=None
    )

    class Meta:
        model = Experience
        fields: list[str] = []

    def filter_linked(self, queryset, name, values):
        """Linked values are matched through subqueries, so no join multiplies the rows."""
        if not values:
            return queryset
        if name == "sphere":
            # A mix: the sheet gathers actors of every sphere ticked.
            for sphere in values:
                involved = ExperienceActor.objects.filter(actor__spheres=sphere)
                queryset = queryset.filter(pk__in=involved.values("experience_id"))
            return queryset
        if name == "cooperation":
            return queryset.filter(cooperation_mode__in=values)
        if name == "dispositif":
            return with_scheme(queryset, values)
        return queryset.filter(pk__in=LINKED[name](values).values("experience_id"))

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        return search_sheets(queryset, value) if value else queryset

    def filter_territory(self, queryset, name, territory):
        return queryset.in_territory(territory) if territory else queryset

    def filter_noop(self, queryset, name, value):
        return queryset

    def filter_queryset(self, queryset, *, without: str = ""):
        """The sheets matching every filter but `without` (the facet counts leave a facet's
        own filter out, so its other values keep their counts)."""
        for name, value in self.form.cleaned_data.items():
            if name != without:
                queryset = self.filters[name].filter(queryset, value)
        return queryset

    @property
    def sort_order(self) -> str:
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        has_text = bool((data.get("q") or "").strip())
        if data.get("tri") == SortOrder.DATE or not has_text:
            return SortOrder.DATE
        return SortOrder.RELEVANCE

    def ordered(self, queryset):
        if self.sort_order == SortOrder.RELEVANCE:
            return order_by_relevance(queryset)
        return queryset.order_by(F("started_on").desc(nulls_last=True), "sort_title", "pk")

    @property
    def qs(self):
        if not hasattr(self, "_qs"):
            self._qs = self.ordered(super().qs)
        return self._qs


# name → the rows linking a sheet to chosen values
LINKED = {
    "theme": lambda values: Experience.themes.through.objects.filter(theme__in=values),
    "fonction": lambda values: Experience.grid_functions.through.objects.filter(
        gridfunction__in=values
    ),
}


def with_scheme(queryset, schemes):
    """A scheme counts directly or through one of its local schemes."""
    direct = Experience.schemes.through.objects.filter(scheme__in=schemes)
    local = Experience.local_schemes.through.objects.filter(localscheme__scheme__in=schemes)
    return queryset.filter(
        Q(pk__in=direct.values("experience_id")) | Q(pk__in=local.values("experience_id"))
    )
