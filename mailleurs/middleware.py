"""Requests refused before any view: a query string or a form holding a NUL character.

No text of the site may hold one, and PostgreSQL refuses it in any string: a view that puts
such a parameter in a query or a row (a search, a join request's message, a review comment)
would fail with a 500. The forms already refuse it (Django's ProhibitNullCharactersValidator);
this covers the parameters views read themselves. Uploaded files are not looked at."""

from django.utils.translation import gettext as _

from mailleurs.views import bad_request


def _holds_nul(data) -> bool:
    return any(
        "\x00" in key or any("\x00" in value for value in values) for key, values in data.lists()
    )


class RefuseNulCharactersMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _holds_nul(request.GET) or (request.method == "POST" and _holds_nul(request.POST)):
            return bad_request(
                request, message=_("La demande contient un caractère nul : elle est refusée.")
            )
        return self.get_response(request)
