from django import forms
from django.utils.translation import gettext_lazy as _

from mailleurs.guarded_forms import GuardedForm


class ContactForm(GuardedForm):
    name = forms.CharField(
        label=_("Votre nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Votre courriel"),
        help_text=_("Pour vous répondre ; il n’est utilisé pour rien d’autre."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    message = forms.CharField(label=_("Votre message"), max_length=5000, widget=forms.Textarea)
