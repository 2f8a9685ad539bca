"""The forms members and moderators type a term or a sphere's view in. Every check of a term's
content is `glossary.validation`; these forms only say which field a message belongs to."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Scheme, Sphere
from glossary import validation
from glossary.editing.services import TermData
from glossary.models import Term
from mailleurs.forms import ModelIdsField, SingleLineMixin, SingleLineModelForm

VIEW_PREFIX = "regard_"
LINKS = ("schemes", "related", "not_to_confuse")


class TermForm(SingleLineModelForm):
    """A term's fields, its links, and one text per sphere (empty: no view from that sphere)."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Term
        fields = [
            "word", "acronym", "variants", "category", "definition", "sources",
            "schemes", "related", "not_to_confuse",
        ]  # fmt: skip
        field_classes = dict.fromkeys(LINKS, ModelIdsField)
        widgets = dict.fromkeys(LINKS, forms.CheckboxSelectMultiple) | {
            "variants": forms.Textarea(attrs={"rows": 3}),
            "definition": forms.Textarea(attrs={"rows": 4}),
            "sources": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial.setdefault("version", self.instance.version)
        self.fields["schemes"].queryset = Scheme.objects.order_by("position", "name")
        others = Term.objects.order_by("sort_word", "pk")
        if self.instance.pk:
            others = others.exclude(pk=self.instance.pk)
        self.fields["related"].queryset = others
        self.fields["not_to_confuse"].queryset = others
        self.spheres = list(Sphere.objects.order_by("position", "name"))
        current = {view.sphere_id: view.text for view in self.instance.views.all()} if (
            self.instance.pk
        ) else {}  # fmt: skip
        for sphere in self.spheres:
            self.fields[VIEW_PREFIX + sphere.slug] = forms.CharField(
                label=_("Ce que le mot évoque : %(sphere)s") % {"sphere": sphere.name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 3}),
                initial=current.get(sphere.pk, ""),
                help_text=_("Laissez vide si cette sphère n’a pas de regard propre."),
            )

    def view_fields(self):
        return [self[VIEW_PREFIX + sphere.slug] for sphere in self.spheres]

    def clean(self):
        cleaned = super().clean()
        if "word" in cleaned:
            for problem in validation.spelling_clashes(
                cleaned["word"], cleaned.get("acronym", ""), cleaned.get("variants", ""),
                exclude=self.instance,
            ):  # fmt: skip
                self.add_error("word", problem)
        for problem in validation.link_problems(
            self.instance, cleaned.get("related", []), cleaned.get("not_to_confuse", [])
        ):
            self.add_error("not_to_confuse", problem)
        return cleaned

    def views(self) -> dict:
        """{sphere: text} for every sphere, "" where the term has no view from it."""
        return {
            sphere: self.cleaned_data.get(VIEW_PREFIX + sphere.slug, "").strip()
            for sphere in self.spheres
        }


class ViewForm(SingleLineMixin, forms.Form):
    """A member's view of one sphere on a term."""

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    sphere = forms.ModelChoiceField(
        label=_("Votre sphère"),
        queryset=Sphere.objects.order_by("position", "name"),
        to_field_name="slug",
        empty_label=_("Choisissez une sphère"),
    )
    text = forms.CharField(
        label=_("Ce que le mot évoque pour cette sphère"),
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=3000,
        required=False,
        help_text=_("Quelques phrases : ce que le mot recouvre dans votre métier, ce qu’il "
                    "implique, ce qu’on risque d’y entendre de travers. Markdown accepté."),
    )  # fmt: skip

    def clean_text(self):
        text = self.cleaned_data["text"].strip()
        problem = validation.view_problem(text)
        if problem:
            raise forms.ValidationError(problem)
        return text


def term_data(form: TermForm) -> TermData:
    """A valid term form as plain data for the services."""
    cleaned = form.cleaned_data
    fields = {name: cleaned[name] for name in TermForm.Meta.fields if name not in LINKS}
    return TermData(
        fields=fields, links={name: list(cleaned[name]) for name in LINKS}, views=form.views()
    )


def view_data(form: ViewForm) -> TermData:
    return TermData(fields={}, views={form.cleaned_data["sphere"]: form.cleaned_data["text"]})
