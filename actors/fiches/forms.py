"""Forms members use to create and edit fiches in the browser (never the Django admin)."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from actors.fiches import placement
from actors.fiches.services import FicheData
from actors.models import Actor, Competence, Contact, Sphere, Territory, Theme
from actors.territories.lookup import find_territory
from actors.validators import normalize_phone
from mailleurs.forms import ModelIdsField, SingleLineModelForm
from mailleurs.rows import row_changes


class TerritoryKeyInput(forms.TextInput):
    def __init__(self, *, url_name: str, multiple: bool = False, **kwargs):
        attrs = kwargs.pop("attrs", {})
        attrs.update({"data-autocomplete": reverse_lazy(url_name), "autocomplete": "off"})
        if multiple:
            attrs["data-autocomplete-multiple"] = "true"
        super().__init__(attrs=attrs, **kwargs)


class TerritoryField(forms.CharField):
    """One territory, typed with the suggestions: « Name (key) », its key or its name."""

    url_name = "actors:territories_autocomplete"
    default_error_messages = {
        "unknown": _(
            "Territoire inconnu : choisissez-le dans la liste ou indiquez son code "
            "(INSEE, SIREN… ex. 26113 pour Die)."
        )
    }

    def __init__(self, **kwargs):
        kwargs.setdefault("widget", TerritoryKeyInput(url_name=self.url_name))
        super().__init__(**kwargs)

    def territories(self):
        return Territory.objects.all()

    def prepare_value(self, value):
        if isinstance(value, int):
            value = Territory.objects.filter(pk=value).first()
        if isinstance(value, Territory):
            return f"{value.name} ({value.key})"
        return value

    def clean(self, value):
        value = super().clean(value)
        territory = find_territory(value, self.territories())
        if territory is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return territory


class CommuneField(TerritoryField):
    url_name = "actors:communes_autocomplete"
    default_error_messages = {
        "unknown": _(
            "Commune inconnue : choisissez-la dans la liste ou indiquez son code INSEE "
            "(ex. 26113 pour Die)."
        )
    }

    def territories(self):
        return Territory.objects.communes()


class TerritoriesField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget", TerritoryKeyInput(url_name="actors:territories_autocomplete", multiple=True)
        )
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if isinstance(value, list | tuple):
            items = [
                t if isinstance(t, Territory) else Territory.objects.filter(pk=t).first()
                for t in value
            ]
            return ", ".join(f"{t.name} ({t.key})" for t in items if t is not None)
        return value

    def clean(self, value):
        value = super().clean(value)
        parts = [p for p in re.split(r"[,;\n]+", value or "") if p.strip()]
        found, unknown = [], []
        for part in parts:
            territory = find_territory(part, Territory.objects.all())
            (found.append(territory) if territory else unknown.append(part.strip()))
        if unknown:
            raise ValidationError(
                _("Territoire(s) inconnu(s) : %(names)s. Choisissez dans la liste proposée."),
                params={"names": ", ".join(unknown)},
                code="unknown",
            )
        return list(dict.fromkeys(found))


SIRET_TAKEN = _(
    "Une autre fiche porte déjà ce SIRET : cherchez-la dans l’annuaire, ou écrivez à l’équipe "
    "si vous ne la trouvez pas."
)


class ActorForm(SingleLineModelForm):
    commune = CommuneField(label=_("Commune"))
    intervention_territories = TerritoriesField(
        label=_("Territoires d’intervention"),
        help_text=_(
            "Communes, intercommunalités, départements ou périmètres, séparés par des virgules."
        ),
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # Shown only when the point is far from the commune: ticking it keeps the point as it is.
    far_point_confirmed = forms.BooleanField(required=False, label=_("Le point est bien loin"))

    class Meta:
        model = Actor
        fields = [
            "name", "acronym", "actor_type", "spheres", "pitch", "description", "missions",
            "themes", "competences", "address", "postcode", "commune", "latitude", "longitude",
            "intervention_territories", "website", "email", "phone", "siret",
        ]  # fmt: skip
        field_classes = dict.fromkeys(("spheres", "themes", "competences"), ModelIdsField)
        widgets = {
            "spheres": forms.CheckboxSelectMultiple,
            "themes": forms.CheckboxSelectMultiple,
            "competences": forms.CheckboxSelectMultiple,
            "description": forms.Textarea(attrs={"rows": 8, "data-markdown-preview": "true"}),
            "missions": forms.Textarea(attrs={"rows": 4}),
            "latitude": forms.NumberInput(attrs={"step": "any"}),
            "longitude": forms.NumberInput(attrs={"step": "any"}),
        }
        help_texts = {
            "latitude": _("Laissez vide pour placer la fiche au centre de la commune."),
            "siret": _("14 chiffres ; vérifié avec la clé de contrôle."),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["spheres"].queryset = Sphere.objects.all()
        self.fields["themes"].queryset = Theme.objects.all()
        self.fields["competences"].queryset = Competence.objects.all()
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
            self.initial["commune"] = self.instance.commune
            self.initial["intervention_territories"] = list(
                self.instance.intervention_territories.all()
            )

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))

    def clean_siret(self):
        siret = (self.cleaned_data.get("siret") or "").replace(" ", "")
        # Checked here, not by the database constraint, whose message would name it.
        if siret and Actor.objects.filter(siret=siret).exclude(pk=self.instance.pk).exists():
            raise ValidationError(SIRET_TAKEN, code="siret_taken")
        return siret

    def clean(self):
        data = super().clean()
        latitude, longitude = data.get("latitude"), data.get("longitude")
        if (latitude is None) != (longitude is None):
            raise ValidationError(
                _("Indiquez la latitude et la longitude, ou aucune des deux."), code="point"
            )
        self._check_far_point(data.get("commune"), latitude, longitude)
        return data

    # The distance of the point from its commune, when too far (the page then shows the box
    # that confirms it); None otherwise.
    far_point_km: int | None = None

    def _check_far_point(self, commune, latitude, longitude) -> None:
        """A point far from the commune is kept only once confirmed: the form comes back with
        everything typed and a box to tick, rather than saving a slip of the mouse."""
        if not placement.point_changes(
            self.instance, commune=commune, latitude=latitude, longitude=longitude
        ):
            return
        self.far_point_km = placement.km_from_commune(commune, latitude, longitude)
        if self.far_point_km is None:
            return
        names = {"km": self.far_point_km, "commune": commune.name}
        label = _("Le point est bien à %(km)s km de %(commune)s") % names
        # The bound field has copied the label already, when the fields were cleaned.
        self.fields["far_point_confirmed"].label = self["far_point_confirmed"].label = label
        if not self.cleaned_data.get("far_point_confirmed"):
            self.add_error(
                "far_point_confirmed",
                ValidationError(
                    _(
                        "Le point placé sur la carte est à %(km)s km de %(commune)s : "
                        "replacez-le, videz la latitude et la longitude pour le mettre au "
                        "centre de la commune, ou cochez cette case s’il est juste."
                    ),
                    params=names,
                    code="far_point",
                ),
            )

    def fiche_fields(self) -> tuple[dict, dict]:
        """The typed values as (own fields, links), for the services."""
        values = {
            name: value
            for name, value in self.cleaned_data.items()
            if name in self._meta.fields and not _left_as_is(self, name)
        }
        links = {name: values.pop(name) for name in LINK_FIELDS if name in values}
        return values, links


LINK_FIELDS = ("spheres", "themes", "competences", "intervention_territories")


def _left_as_is(form, name: str) -> bool:
    """A field absent from the submitted data keeps its stored value when the model gives it a
    default, as Django's own `construct_instance` does."""
    model_field = form._meta.model._meta.get_field(name)
    bound = form[name]
    return (
        model_field.has_default()
        and bound.field.widget.value_omitted_from_data(form.data, form.files, bound.html_name)
        and form.cleaned_data.get(name) in bound.field.empty_values
    )


class ContactForm(SingleLineModelForm):
    class Meta:
        model = Contact
        fields = ["name", "profession", "role", "email", "phone", "visibility"]

    def clean_phone(self):
        return normalize_phone(self.cleaned_data.get("phone", ""))


# A forged TOTAL_FORMS builds no more than `absolute_max` forms (Django's default, max_num +
# 1000, takes seconds to build and check).
ContactFormSet = inlineformset_factory(
    Actor, Contact, form=ContactForm, extra=1, can_delete=True, max_num=30, validate_max=True,
    absolute_max=40,
)  # fmt: skip


def fiche_data(form: ActorForm, contacts) -> FicheData:
    """What the services take: the valid fiche form and contact formset as plain data."""
    fields, links = form.fiche_fields()
    return FicheData(fields=fields, links=links, contacts=row_changes(contacts))


def shown_data(form: ActorForm, contacts) -> FicheData:
    """The same, for showing the changes a form holds even when part of it no longer
    validates (the errors say what): its valid fields, and its contacts if they all are."""
    fields, links = form.fiche_fields()
    rows = row_changes(contacts) if contacts.is_valid() else ()
    return FicheData(fields=fields, links=links, contacts=rows)
