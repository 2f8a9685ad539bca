"""Forms for an actor's links: relations to other actors and participations in local schemes,
and for schemes and local schemes themselves."""

import re

from django import forms
from django.core.exceptions import ValidationError
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from actors.fiches.forms import TerritoriesField
from actors.models import Actor, LocalScheme, Participation, Relation, Scheme
from mailleurs.forms import SingleLineModelForm
from mailleurs.text import unique_slug


class ActorField(forms.CharField):
    """Another actor, typed as its name with the suggestions, "Name (slug)", or its slug. An
    archived fiche is refused, unless it is `current`: the actor an existing row already points
    to, so that the row (and the whole form) can be saved unchanged."""

    current: Actor | None = None

    default_error_messages = {
        "unknown": _("Acteur inconnu : choisissez-le dans la liste proposée."),
    }

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.TextInput(
                attrs={
                    "data-autocomplete": reverse_lazy("actors:actors_autocomplete"),
                    "autocomplete": "off",
                }
            ),
        )
        super().__init__(**kwargs)

    def prepare_value(self, value):
        if self.current is not None and value == self.current.pk:
            value = self.current
        elif isinstance(value, int):
            value = Actor.objects.filter(pk=value).first()
        if isinstance(value, Actor):
            return f"{value.name} ({value.slug})"
        return value

    def clean(self, value):
        value = super().clean(value)
        if not value:
            return None
        match = re.fullmatch(r".*\(([-a-z0-9_]+)\)\s*", value)
        slug = match.group(1) if match else value.strip()
        if self.current is not None and slug == self.current.slug:
            return self.current
        actor = Actor.objects.published().filter(slug=slug).first()
        if actor is None:
            named = list(Actor.objects.published().filter(name__iexact=value.strip())[:2])
            actor = named[0] if len(named) == 1 else None
        if actor is None:
            raise ValidationError(self.error_messages["unknown"], code="unknown")
        return actor


class RelationForm(SingleLineModelForm):
    target = ActorField(label=_("Acteur lié"))

    class Meta:
        model = Relation
        fields = ["kind", "target", "since", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.target_id:
            self.fields["target"].current = self.instance.target


class BaseRelationFormSet(BaseInlineFormSet):
    # The same row twice is refused by the formset's own unique check (a French message).
    def clean(self):
        super().clean()
        for form in self.forms:
            data = form.cleaned_data or {}
            target = data.get("target")
            if target is not None and not data.get("DELETE") and target.pk == self.instance.pk:
                form.add_error("target", _("Une structure ne peut pas être liée à elle-même."))


# Both lists of a fiche's links: one empty line to add, any line removable, 100 at most. A
# forged TOTAL_FORMS builds no more than `absolute_max` forms (Django's default, max_num + 1000,
# takes seconds to build and check).
LINK_LIST = {
    "extra": 1, "can_delete": True, "max_num": 100, "validate_max": True, "absolute_max": 110,
}  # fmt: skip

RelationFormSet = inlineformset_factory(
    Actor, Relation, form=RelationForm, formset=BaseRelationFormSet, fk_name="source", **LINK_LIST
)


class ParticipationForm(SingleLineModelForm):
    class Meta:
        model = Participation
        fields = ["local_scheme", "role", "note"]


ParticipationFormSet = inlineformset_factory(
    Actor, Participation, form=ParticipationForm, **LINK_LIST
)


class SchemeForm(SingleLineModelForm):
    class Meta:
        model = Scheme
        fields = [
            "name", "acronym", "slug", "family", "description", "national_carrier",
            "official_url",
        ]  # fmt: skip
        widgets = {"description": forms.Textarea(attrs={"rows": 8, "data-markdown-preview": "1"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Laissez vide : l’adresse est tirée du sigle ou du nom.")

    def save(self, commit=True):
        scheme = super().save(commit=False)
        if not scheme.slug:
            scheme.slug = unique_slug(Scheme, scheme.acronym or scheme.name)
        if commit:
            scheme.save()
        return scheme


class LocalSchemeForm(SingleLineModelForm):
    territories = TerritoriesField(label=_("Territoires"), required=True)

    class Meta:
        model = LocalScheme
        fields = ["scheme", "name", "slug", "territories", "start_date", "end_date", "status",
                  "description"]  # fmt: skip
        widgets = {
            "start_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "end_date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["slug"].required = False
        self.fields["slug"].help_text = _("Laissez vide : l’adresse est tirée du nom.")
        if self.instance.pk:
            self.initial["territories"] = list(self.instance.territories.all())

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("La fin ne peut pas précéder le début."))
        return data
