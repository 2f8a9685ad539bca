"""Sign-in and password reset pages: Django's views, with a safe way back for a signed-in
person sent to the sign-in page, and password reset requests throttled."""

from urllib.parse import urlsplit

from axes.helpers import get_client_ip_address
from django.conf import settings
from django.contrib.auth import views as auth_views
from django.utils.translation import gettext as _

from mailleurs.throttle import within_limit


class LoginView(auth_views.LoginView):
    def get_redirect_url(self, request=None):
        """The ``next`` page, unless it is the sign-in page itself: a signed-in person would be
        sent back to it forever (Django then fails with "Redirection loop"). Without it, the
        person goes to LOGIN_REDIRECT_URL."""
        url = super().get_redirect_url(request)
        if url and urlsplit(url).path == (request or self.request).path:
            return ""
        return url


class PasswordResetView(auth_views.PasswordResetView):
    """At most PASSWORD_RESET_LIMIT_PER_EMAIL requests for one address and
    PASSWORD_RESET_LIMIT_PER_IP from one address in PASSWORD_RESET_WINDOW seconds. Both count
    whether an account has the address or not: the answer tells nothing about accounts."""

    def form_valid(self, form):
        window = settings.PASSWORD_RESET_WINDOW
        email = form.cleaned_data["email"].strip().lower()
        ip_address = get_client_ip_address(self.request) or "inconnue"
        per_ip = within_limit(
            "password-reset-ip", ip_address, limit=settings.PASSWORD_RESET_LIMIT_PER_IP,
            seconds=window,
        )  # fmt: skip
        per_email = within_limit(
            "password-reset-email", email, limit=settings.PASSWORD_RESET_LIMIT_PER_EMAIL,
            seconds=window,
        )  # fmt: skip
        if per_ip and per_email:
            return super().form_valid(form)
        form.add_error(
            None,
            _(
                "Trop de demandes de nouveau mot de passe : réessayez plus tard. "
                "Si un courriel vous a déjà été envoyé, son lien reste valable."
            ),
        )
        return self.render_to_response(self.get_context_data(form=form), status=429)
