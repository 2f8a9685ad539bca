from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

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
