"""The footer pages: their text is in templates/mailleurs/pages/; the publisher's names and
addresses come from settings, so that each deployment states its own."""

from datetime import date

from django.conf import settings
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from mailleurs.guarded_forms import handle_guarded_form, page_renderer
from mailleurs.mail import send_templated_mail
from mailleurs.pages.forms import ContactForm

# The day the accessibility statement was written or last revised (RGAA asks for it).
STATEMENT_DATE = date(2026, 12, 2)


def _publisher() -> dict:
    return {
        "publisher": settings.SITE_PUBLISHER,
        "publisher_address": settings.SITE_PUBLISHER_ADDRESS,
        "publication_director": settings.SITE_PUBLICATION_DIRECTOR,
        "host": settings.SITE_HOST,
        "contact_email": settings.SITE_CONTACT_EMAIL,
    }


@require_safe
def accessibility(request):
    context = {**_publisher(), "statement_date": STATEMENT_DATE}
    return render(request, "mailleurs/pages/accessibility.html", context)


@require_safe
def legal_notice(request):
    return render(request, "mailleurs/pages/legal_notice.html", _publisher())


@require_safe
def personal_data(request):
    return render(request, "mailleurs/pages/personal_data.html", _publisher())


@require_http_methods(["GET", "HEAD", "POST"])
def contact(request):
    render_page = page_renderer(request, "mailleurs/pages/contact.html", _publisher())
    if request.method != "POST":
        return render_page(ContactForm(), status=200)

    def send(data: dict) -> None:
        send_templated_mail(
            folder="mailleurs/emails",
            template="contact",
            subject=_("Mailleurs : message de %(name)s") % {"name": data["name"]},
            recipients=[settings.SITE_CONTACT_EMAIL],
            context=data,
        )

    return handle_guarded_form(
        request,
        form=ContactForm(request.POST),
        scope="contact",
        send=send,
        done=(_("Merci : votre message est envoyé à l’équipe du site."), reverse("pages:contact")),
        render_page=render_page,
    )
