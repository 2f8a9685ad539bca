"""The « Qui fait quoi ? » search box, declared once: the directory's filter and the home page
and global search forms use the same field; the « Où ? » place box of the directory, the map
and the home page."""

from django import forms
from django.core.exceptions import ValidationError
from django.urls import reverse_lazy
from django.utils.translation import gettext_lazy as _

from actors.territories.lookup import MAX_CANDIDATES, place_label, resolve_place

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


class HomeSearchForm(forms.Form):
    """« Quoi ? » and « Où ? » side by side, sent to the directory (which reads `ou` as a
    commune to search around or a territory)."""

    q = forms.CharField(required=False, **search_box_options() | {"label": _("Quoi ?")})
    ou = forms.CharField(
        label=_("Où ?"),
        required=False,
        max_length=MAX_QUERY_LENGTH,
        widget=forms.TextInput(
            attrs={
                "data-autocomplete": reverse_lazy("actors:territories_autocomplete"),
                "autocomplete": "off",
                "placeholder": _("Die, Diois, Drôme…"),
                "aria-describedby": "id_ou-aide",
            }
        ),
    )


class PlaceField(forms.CharField):
    """A place typed by name, « Name (département) » or code, read with `resolve_place`: the
    cleaned value is a Territory, and namesakes get a message listing them."""

    default_error_messages = {
        "unknown": _(
            "Territoire inconnu : « %(text)s » ne correspond à aucun nom ni code. Tapez son "
            "nom (ou une partie) et choisissez dans la liste, ou indiquez un code (26113, 26, "
            "un SIREN…)."
        ),
        "ambiguous": _(
            "Plusieurs lieux correspondent à « %(text)s » : %(candidates)s. Choisissez-en un dans "
            "la liste ou précisez, ex. « %(example)s »."
        ),
    }

    def __init__(self, *, territories, autocomplete_url, placeholder="", **kwargs):
        self.territories = territories  # a callable: the queryset is built on each search
        kwargs.setdefault("max_length", MAX_QUERY_LENGTH)
        attrs = {"data-autocomplete": autocomplete_url, "autocomplete": "off"}
        kwargs.setdefault("widget", forms.TextInput(attrs=attrs | {"placeholder": placeholder}))
        super().__init__(**kwargs)

    def clean(self, value):
        text = super().clean(value)
        if not text:
            return None
        candidates = resolve_place(text, self.territories())
        if len(candidates) == 1:
            return candidates[0]
        if not candidates:
            raise ValidationError(
                self.error_messages["unknown"], code="unknown", params={"text": text}
            )
        labels = [place_label(t) for t in candidates[:MAX_CANDIDATES]]
        if len(candidates) > MAX_CANDIDATES:
            labels.append("…")
        raise ValidationError(
            self.error_messages["ambiguous"],
            code="ambiguous",
            params={"text": text, "candidates": ", ".join(labels), "example": labels[0]},
        )


class ErrorsDescribedForm(forms.Form):
    """Each invalid field says so (`aria-invalid`) and points at its message, which the
    template writes with the id « <field id>-erreur » (each form has its own widgets)."""

    def full_clean(self):
        super().full_clean()
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs.update(
                    {"aria-invalid": "true", "aria-describedby": f"{self[name].auto_id}-erreur"}
                )
