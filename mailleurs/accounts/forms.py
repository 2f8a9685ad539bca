from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from mailleurs.guarded_forms import GuardedForm

# An e-mail address may be longer than a username (254 characters, RFC 5321).
IDENTIFIER_MAX_LENGTH = 254


class LoginForm(AuthenticationForm):
    """The username or the account's e-mail address (any case), then the password: see
    mailleurs.accounts.backends."""

    username = forms.CharField(
        label=_("Identifiant ou courriel"),
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )
    error_messages = {
        "invalid_login": _(
            "Identifiant ou mot de passe incorrect. L’identifiant et le mot de passe tiennent "
            "compte des majuscules, le courriel non."
        ),
        "inactive": _("Ce compte est désactivé."),
    }

    def __init__(self, request=None, *args, **kwargs):
        super().__init__(request, *args, **kwargs)
        username = self.fields["username"]
        username.max_length = IDENTIFIER_MAX_LENGTH
        username.widget.attrs["maxlength"] = str(IDENTIFIER_MAX_LENGTH)


class AccountRequestForm(GuardedForm):
    """« Demander un compte »: what the staff need to decide and to create the account."""

    name = forms.CharField(
        label=_("Prénom et nom"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    email = forms.EmailField(
        label=_("Courriel"),
        help_text=_("Celui de votre compte : la réponse y arrive."),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
    )
    structure = forms.CharField(
        label=_("Structure"),
        help_text=_("Celle où vous travaillez ou que vous représentez."),
        max_length=200,
        widget=forms.TextInput(attrs={"autocomplete": "organization"}),
    )
    reason = forms.CharField(
        label=_("Pourquoi souhaitez-vous un compte ?"),
        help_text=_("Par exemple : mettre à jour la fiche de votre structure, en ajouter une."),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
    )
