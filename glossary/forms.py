"""The filters of the glossary's index and of its printable « fiche technique »."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Sphere
from glossary.models import Term
from mailleurs.forms import SingleLineMixin


class GlossaryFilterForm(SingleLineMixin, forms.Form):
    q = forms.CharField(label=_("Chercher un mot ou un sigle"), max_length=100, required=False)
    sphere = forms.ModelChoiceField(
        label=_("Sphère"),
        queryset=Sphere.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les sphères"),
    )
    categorie = forms.ChoiceField(
        label=_("Catégorie"),
        choices=[("", _("Toutes les catégories")), *Term.Category.choices],
        required=False,
    )

    def error_message(self) -> str:
        """The form's errors in one French sentence, for a 400 page."""
        parts = [f"{self.fields[name].label} : {' '.join(errors)}" for name, errors in
                 self.errors.items()]  # fmt: skip
        return " ".join(parts)


class PrintForm(SingleLineMixin, forms.Form):
    sphere = GlossaryFilterForm.base_fields["sphere"]
