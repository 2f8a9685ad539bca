"""What a member types in the discussion: a message (plain text) and, if they wish, the sphere
they speak from; a reason when a message is hidden."""

from django import forms
from django.utils.translation import gettext_lazy as _

from actors.models import Sphere
from glossary.discussion.models import BODY_MAX_LENGTH
from mailleurs.forms import SingleLineMixin
from mailleurs.text import unix_lines


class MessageField(forms.CharField):
    """Line endings as \\n before the length is checked: a browser sends \\r\\n and counts one
    character for it, so a message its counter allows must pass here too."""

    def to_python(self, value):
        return unix_lines(super().to_python(value)).strip()


class CommentForm(SingleLineMixin, forms.Form):
    message = MessageField(
        label=_("Votre message"),
        max_length=BODY_MAX_LENGTH,
        help_text=_("Texte simple, 2 000 caractères au plus."),
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={
            "required": _("Écrivez votre message avant de l’envoyer."),
            "max_length": _(
                "Votre message dépasse %(limit_value)s caractères (il en compte "
                "%(show_value)s) : raccourcissez-le."
            ),
        },
    )
    sphere = forms.ModelChoiceField(
        label=_("Vous parlez depuis la sphère (facultatif)"),
        queryset=Sphere.objects.order_by("position", "name"),
        to_field_name="slug",
        required=False,
        empty_label=_("Aucune en particulier"),
        error_messages={"invalid_choice": _("Cette sphère n’existe pas.")},
    )


class HideForm(SingleLineMixin, forms.Form):
    raison = forms.CharField(
        label=_("Raison"),
        max_length=200,
        required=False,
        error_messages={"max_length": _("La raison tient en 200 caractères au plus.")},
    )

    def error_message(self) -> str:
        return " ".join(error for errors in self.errors.values() for error in errors)
