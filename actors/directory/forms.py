from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


class SimpleSearchForm(forms.Form):
    q = forms.CharField(
        label=_("Qui fait quoi ?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        error_messages={
            "max_length": _("La recherche est trop longue : %(limit_value)d caractères au plus.")
        },
        widget=forms.TextInput(
            attrs={"type": "search", "placeholder": _("mobilité, centre social, Die…")}
        ),
    )
    sphere = forms.SlugField(label=_("Sphère"), required=False)
