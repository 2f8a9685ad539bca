"""« Demander un compte », from the sign-in page: the request goes by e-mail to the staff who
manage accounts; it is guarded against robots and floods like every public form."""

from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from mailleurs.accounts.forms import AccountRequestForm
from mailleurs.guarded_forms import handle_guarded_form, page_renderer
from mailleurs.mail import send_templated_mail
from mailleurs.roles import addresses_of_users_who_may

MANAGE_ACCOUNTS = "auth.add_user"


def _send_request(data: dict, *, request) -> None:
    recipients = addresses_of_users_who_may(MANAGE_ACCOUNTS)
    if not recipients:
        return
    send_templated_mail(
        folder="accounts/emails",
        template="account_requested",
        subject=_("Mailleurs : demande de compte de %(name)s") % {"name": data["name"]},
        recipients=recipients,
        context={**data, "admin_url": request.build_absolute_uri(reverse("admin:index"))},
    )


@require_http_methods(["GET", "HEAD", "POST"])
def account_request(request):
    if request.user.is_authenticated:
        return redirect("home")
    render_page = page_renderer(request, "accounts/account_request.html", {})
    if request.method != "POST":
        return render_page(AccountRequestForm(), status=200)
    return handle_guarded_form(
        request,
        form=AccountRequestForm(request.POST),
        scope="account-request",
        send=lambda data: _send_request(data, request=request),
        done=(
            _(
                "Merci : votre demande est transmise à l’équipe du site. Vous recevrez un "
                "courriel quand votre compte sera créé."
            ),
            reverse("accounts:login"),
        ),
        render_page=render_page,
    )
