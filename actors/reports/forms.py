from django import forms
from django.utils.translation import gettext_lazy as _

from mailleurs.guarded_forms import GuardedForm


class ErrorReportForm(GuardedForm):
    message = forms.CharField(
        label=_("Qu’est-ce qui est faux ou manque sur cette fiche ?"),
        help_text=_("Par exemple : « le téléphone a changé », « la structure a fermé »."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
    email = forms.EmailField(
        label=_("Votre courriel (facultatif)"),
        help_text=_("Seulement si vous voulez une réponse ; il n’est pas publié."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
