"""Site-wide pages: home, global search, footer pages and the French error pages."""

from urllib.parse import urlencode

from django.http import HttpResponseServerError, QueryDict
from django.shortcuts import render
from django.template import loader
from django.views.decorators.http import require_safe

from actors.directory import selectors as directory_selectors
from actors.directory.forms import HomeSearchForm, SimpleSearchForm
from actors.directory.query import run_search
from actors.links import selectors as links_selectors
from experiences.reading import selectors as sheet_selectors
from mailleurs.pagination import paginate


@require_safe
def home(request):
    return render(
        request,
        "mailleurs/home.html",
        {
            "form": HomeSearchForm(),
            "figures": directory_selectors.key_figures(),
            "latest": directory_selectors.latest_actors(),
        },
    )


@require_safe
def search(request):
    """Global search: actors, schemes and experience sheets on one page, grouped by kind."""
    form = SimpleSearchForm(request.GET or None)
    text = form.cleaned_data["q"].strip() if form.is_valid() else ""
    directory = run_search(QueryDict(urlencode({"q": text})), user=request.user)
    schemes = links_selectors.scheme_search(text=text) if text else None
    sheets, sheet_count = (
        sheet_selectors.search_for_everyone(text=text, user=request.user) if text else ([], 0)
    )
    status = 400 if form.is_bound and not form.is_valid() else 200
    return render(
        request,
        "mailleurs/search.html",
        {
            "form": form,
            "query": text,
            "directory": directory,
            "actor_page": paginate(request, directory.actors.for_cards(), per_page=10)
            if text
            else None,
            "schemes": schemes,
            "sheets": sheets,
            "sheet_count": sheet_count,
        },
        status=status,
    )


def bad_request(request, *, message: str):
    """A request refused before any view (mailleurs.middleware), with the reason."""
    return render(request, "errors/400.html", {"message": message}, status=400)


def permission_denied(request, exception=None):
    return render(request, "errors/403.html", status=403)


def page_not_found(request, exception=None):
    return render(request, "errors/404.html", status=404)


def server_error(request):
    # No context processors beyond the basics: the database may be what failed.

    return HttpResponseServerError(loader.get_template("errors/500.html").render())
