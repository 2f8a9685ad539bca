"""The site's public forms (contact, « Signaler une erreur », « Demander un compte »): what keeps
robots and floods out, shared by all three.

A robot fills every field and sends at once: a form with the hidden field filled, or sent sooner
than PUBLIC_FORM_MIN_SECONDS after it was shown, is answered as if sent and nothing goes out (the
robot learns nothing). People are limited to PUBLIC_FORM_LIMIT_PER_IP sends per window, and get a
French 429 page that keeps what they typed."""

import time
from collections.abc import Callable

from axes.helpers import get_client_ip_address
from django import forms
from django.conf import settings
from django.contrib import messages
from django.core import signing
from django.shortcuts import redirect, render
from django.utils.translation import gettext_lazy as _

from mailleurs.throttle import within_limit

_SALT = "mailleurs.guarded-form"
# A form left open longer than this is refused with a message (its token may have been copied).
_MAX_AGE_SECONDS = 2 * 24 * 3600


def shown_at_token(at: float | None = None) -> str:
    """The signed time the form was shown, sent back with it."""
    return signing.dumps(at if at is not None else time.time(), salt=_SALT)


class GuardedForm(forms.Form):
    # Hidden from people (in a `hidden` block, out of the tab order); robots fill it.
    website = forms.CharField(
        label=_("Laissez ce champ vide"),
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )
    shown_at = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["shown_at"].initial = shown_at_token()
        self._age: float | None = None

    def clean_shown_at(self) -> str:
        value = self.cleaned_data["shown_at"]
        try:
            self._age = time.time() - float(signing.loads(value, salt=_SALT))
        except (signing.BadSignature, TypeError, ValueError):
            self._age = None
        if self._age is not None and self._age > _MAX_AGE_SECONDS:
            # A person who left the page open: they send it again, nothing typed is lost.
            self.data = self.data.copy()
            self.data["shown_at"] = shown_at_token()
            raise forms.ValidationError(
                _("Ce formulaire était ouvert depuis trop longtemps : envoyez-le à nouveau.")
            )
        return value

    def looks_automated(self) -> bool:
        """The hidden field filled, no valid token, or sent faster than a person types."""
        if self.cleaned_data.get("website"):
            return True
        return self._age is None or self._age < settings.PUBLIC_FORM_MIN_SECONDS

    def visible_fields(self):
        return [field for field in super().visible_fields() if field.name != "website"]


def within_public_limits(request, *, scope: str, extra: dict[str, int] | None = None) -> bool:
    """Count one send from the request's IP in `scope` (and one for each `extra` key, with its
    own limit, e.g. the fiche reported); False once any limit is passed."""
    window = settings.PUBLIC_FORM_WINDOW
    ip_address = get_client_ip_address(request) or "inconnue"
    counts = [
        within_limit(scope, ip_address, limit=settings.PUBLIC_FORM_LIMIT_PER_IP, seconds=window)
    ]
    for key, limit in (extra or {}).items():
        counts.append(within_limit(f"{scope}-key", key, limit=limit, seconds=window))
    return all(counts)


def handle_guarded_form(
    request,
    *,
    form: GuardedForm,
    scope: str,
    send: Callable[[dict], None],
    done: tuple[str, str],
    render_page: Callable[..., object],
    extra_limits: dict[str, int] | None = None,
):
    """A POSTed public form: errors shown next to the fields; a robot answered as if sent; a
    flood refused with 429 and the form kept; otherwise `send` it, then the confirmation
    `done` = (message, address to go back to)."""
    message, next_url = done
    if not form.is_valid():
        return render_page(form, status=200)
    if form.looks_automated():
        messages.success(request, message)
        return redirect(next_url)
    if not within_public_limits(request, scope=scope, extra=extra_limits):
        return render_page(form, status=429, throttled=True)
    send(form.cleaned_data)
    messages.success(request, message)
    return redirect(next_url)


def page_renderer(request, template: str, context: dict):
    """`render_page(form, status=…, throttled=…)` for handle_guarded_form."""

    def render_page(form, *, status: int, throttled: bool = False):
        return render(
            request, template, {**context, "form": form, "throttled": throttled}, status=status
        )

    return render_page
