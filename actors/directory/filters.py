"""The directory's filters. One FilterSet feeds the list, the map data and the exports, so all
three always show the same actors for the same query string."""

import django_filters
from django import forms
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models.query import EmptyQuerySet
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from actors import policies
from actors.directory.facet_keys import PUBLIC_PROFESSION
from actors.directory.facet_keys import key as facet_key
from actors.directory.forms import ErrorsDescribedForm, PlaceField, search_box_options
from actors.directory.search import order_by_relevance, search_actors
from actors.models import (
    Actor,
    ActorType,
    Competence,
    Contact,
    LocalScheme,
    Participation,
    Profession,
    Scheme,
    Sphere,
    Territory,
    Theme,
)
from actors.territories import geo
from mailleurs.filtersets import QuickFilterSet

# Ticked values of these facets are found in `facet_keys` on PostgreSQL (GIN index, migration
# 0017), through the link tables on SQLite: the same fiches either way.
KEYED_FACETS = {"sphere", "theme", "competence", "profession", "dispositif"}
DEFAULT_RADIUS_KM = 20
MAX_RADIUS_KM = 200


class SortOrder:
    RELEVANCE = "pertinence"
    NAME = "nom"
    DISTANCE = "distance"
    UPDATED = "maj"
    CHOICES = [
        (RELEVANCE, _("Pertinence")),
        (NAME, _("Nom")),
        (DISTANCE, _("Distance")),
        (UPDATED, _("Dernière mise à jour")),
    ]


class PlaceFilter(django_filters.Filter):
    """A territory typed by name or code (see `PlaceField`)."""

    field_class = PlaceField


def nothing_ticked(values) -> bool:
    """Whether a filter's cleaned value holds nothing. The form gives an empty queryset for a
    multiple choice left blank: taken as a boolean, Django compiled it to find it empty (half a
    millisecond each, seven times a directory page)."""
    return values is None or isinstance(values, EmptyQuerySet) or not values


def _slug_choices(model, **extra):
    return django_filters.ModelMultipleChoiceFilter(
        queryset=model.objects.all(), to_field_name="slug", method="filter_linked", **extra
    )


class ActorFilterSet(QuickFilterSet):
    q = django_filters.CharFilter(method="filter_text", **search_box_options())
    sphere = _slug_choices(Sphere, label=_("Sphère"))
    type = _slug_choices(ActorType, label=_("Type d’acteur"))
    theme = _slug_choices(Theme, label=_("Thème"))
    competence = _slug_choices(Competence, label=_("Compétence"))
    profession = _slug_choices(Profession, label=_("Métier (des contacts)"))
    dispositif = _slug_choices(Scheme, label=_("Dispositif"))
    dispositif_local = _slug_choices(LocalScheme, label=_("Dispositif local"))
    territoire = PlaceFilter(
        label=_("Territoire"),
        territories=Territory.objects.all,
        autocomplete_url=reverse_lazy("actors:territories_autocomplete"),
        placeholder=_("Diois, Drôme, Die, 26113…"),
        method="filter_territory",
    )
    autour = PlaceFilter(
        label=_("Autour de la commune"),
        territories=Territory.objects.communes,
        autocomplete_url=reverse_lazy("actors:communes_autocomplete"),
        placeholder=_("Die, Crest, 26113…"),
        error_messages={
            "unknown": _(
                "Commune inconnue : « %(text)s » ne correspond à aucune commune. Tapez son nom "
                "(ou une partie) et choisissez dans la liste, ou indiquez son code INSEE "
                "(ex. 26113 pour Die)."
            )
        },
        method="filter_around",
    )
    rayon = django_filters.NumberFilter(
        label=_("Rayon (km)"),
        method="filter_noop",
        min_value=1,
        max_value=MAX_RADIUS_KM,
        widget=forms.NumberInput(attrs={"min": 1, "max": MAX_RADIUS_KM, "step": 1}),
    )
    tri = django_filters.ChoiceFilter(
        label=_("Trier par"), choices=SortOrder.CHOICES, method="filter_noop", empty_label=None
    )

    class Meta:
        model = Actor
        fields: list[str] = []
        form = ErrorsDescribedForm

    # Linked values are matched through subqueries, so no join multiplies the rows.
    LINKS = {
        "sphere": lambda values: Actor.spheres.through.objects.filter(sphere__in=values),
        "theme": lambda values: Actor.themes.through.objects.filter(theme__in=values),
        "competence": lambda values: Actor.competences.through.objects.filter(
            competence__in=values
        ),
        "dispositif": lambda values: Participation.objects.filter(local_scheme__scheme__in=values),
        "dispositif_local": lambda values: Participation.objects.filter(local_scheme__in=values),
    }

    def filter_linked(self, queryset, name, values):
        if nothing_ticked(values):
            return queryset
        if name == "type":
            return queryset.filter(actor_type__in=values)
        if name in KEYED_FACETS and connection.vendor == "postgresql":
            return queryset.filter(facet_keys__has_any_keys=self._facet_keys(name, values))
        if name == "profession":
            contacts = Contact.objects.filter(profession__in=values)
            user = getattr(self.request, "user", AnonymousUser())
            visible = policies.contacts_visible_to(user, contacts)
            return queryset.filter(pk__in=visible.values("actor_id"))
        return queryset.filter(pk__in=self.LINKS[name](values).values("actor_id"))

    def _facet_keys(self, name: str, values) -> list[str]:
        """The values as `facet_keys` holds them; a job counts through the contacts the user
        may see (public ones only for visitors), as `policies.contacts_visible_to` does."""
        if name == "profession":
            user = getattr(self.request, "user", AnonymousUser())
            if not policies.can_see_member_contacts(user):
                name = PUBLIC_PROFESSION
        return [facet_key(name, value.pk) for value in values]

    def filter_text(self, queryset, name, value):
        value = (value or "").strip()
        return search_actors(queryset, value) if value else queryset

    def filter_territory(self, queryset, name, territory):
        return queryset.in_territory(territory) if territory else queryset

    def filter_around(self, queryset, name, commune):
        if commune is None or commune.latitude is None:
            return queryset
        radius = self.radius_km
        box = geo.around(commune.latitude, commune.longitude, radius)
        return (
            queryset.filter(box.as_q())
            .annotate(distance_sq=geo.squared_distance_km(commune.latitude, commune.longitude))
            .filter(distance_sq__lte=radius * radius)
        )

    def filter_noop(self, queryset, name, value):
        return queryset

    @property
    def radius_km(self) -> float:
        radius = self.form.cleaned_data.get("rayon") if hasattr(self.form, "cleaned_data") else None
        return float(radius) if radius else DEFAULT_RADIUS_KM

    @property
    def sort_order(self) -> str:
        data = self.form.cleaned_data if hasattr(self.form, "cleaned_data") else {}
        requested = data.get("tri")
        has_text = bool((data.get("q") or "").strip())
        has_point = data.get("autour") is not None
        if requested == SortOrder.RELEVANCE and has_text:
            return requested
        if requested == SortOrder.DISTANCE and has_point:
            return requested
        if requested in (SortOrder.NAME, SortOrder.UPDATED):
            return requested
        if has_text:
            return SortOrder.RELEVANCE
        return SortOrder.DISTANCE if has_point else SortOrder.NAME

    @property
    def qs(self):
        queryset = super().qs
        order = self.sort_order
        if order == SortOrder.RELEVANCE:
            return order_by_relevance(queryset)
        if order == SortOrder.DISTANCE:
            return queryset.order_by("distance_sq", "sort_name", "pk")
        if order == SortOrder.UPDATED:
            return queryset.order_by("-updated_at", "pk")
        return queryset.order_by("sort_name", "pk")
