"""The « Qui fait quoi ? » search box, declared once: the directory's filter and the home page
and global search forms use the same field."""

from django import forms
from django.utils.translation import gettext_lazy as _

MAX_QUERY_LENGTH = 200


def search_box_options() -> dict:
    """The search box's label, limit, French message and widget (a new widget each time)."""
    return {
        "label": _("Qui fait quoi ?"),
        "max_length": MAX_QUERY_LENGTH,
        "error_messages": {
            "max_length": _("La recherche est trop longue : %(limit_value)d caractères au plus.")
        },
        "widget": forms.TextInput(
            attrs={"type": "search", "placeholder": _("mobilité, centre social, Die…")}
        ),
    }


class SimpleSearchForm(forms.Form):
    q = forms.CharField(required=False, **search_box_options())
    sphere = forms.SlugField(label=_("Sphère"), required=False)
