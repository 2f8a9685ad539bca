"""The pages that read experience sheets: the list with its filters, a sheet, its printable
version, the spreadsheet exports and the open data."""

from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_safe

from actors.spreadsheets import export_views
from actors.spreadsheets.about import about_search
from experiences import open_data, spreadsheets
from experiences.reading import selectors
from experiences.reading.facets import facet_values
from experiences.reading.filters import SortOrder
from experiences.reading.query import run_search
from mailleurs.pagination import paginate

PER_PAGE = 20
EXPORT_FORMATS = ["csv", "xlsx", "ods"]
# facet → heading, in the order the filters show them
FACET_LABELS = {
    "theme": gettext_lazy("Thèmes"),
    "sphere": gettext_lazy("Sphères parmi les acteurs"),
    "dispositif": gettext_lazy("Dispositifs"),
    "cooperation": gettext_lazy("Modes de coopération"),
    "fonction": gettext_lazy("Fonctions de la grille mailleur"),
}


def _facets(search) -> list:
    if not search.is_valid:
        return []
    values = facet_values(search.filterset)
    return [(name, label, values[name]) for name, label in FACET_LABELS.items() if values[name]]


@require_safe
def sheet_list(request):
    search = run_search(request.GET, user=request.user)
    page = paginate(request, selectors.for_cards(search.sheets), per_page=PER_PAGE)
    page.object_list = selectors.with_sphere_mix(page.object_list)
    context = {
        "search": search,
        "form": search.filterset.form,
        "page": page,
        "query": search.query,
        "facets": _facets(search),
        "sort_order": search.filterset.sort_order if search.is_valid else "",
        "sort_choices": SortOrder.CHOICES,
        "export_formats": EXPORT_FORMATS,
    }
    return render(request, "experiences/list.html", context, status=200 if search.is_valid else 400)


def _sheet_or_404(request, slug):
    sheet = selectors.sheet_for_page(user=request.user, slug=slug)
    if sheet is None:
        raise Http404(_("Aucune fiche expérience publiée ne porte cette adresse."))
    return sheet


@require_safe
def sheet_detail(request, slug):
    sheet = _sheet_or_404(request, slug)
    return render(
        request,
        "experiences/detail.html",
        {"sheet": sheet, "related": selectors.related_sheets(sheet)},
    )


@require_safe
def sheet_print(request, slug):
    sheet = _sheet_or_404(request, slug)
    return render(
        request,
        "experiences/print.html",
        {"sheet": sheet, "sheet_url": request.build_absolute_uri(sheet.get_absolute_url())},
    )


def _base_url(request) -> str:
    return request.build_absolute_uri("/").rstrip("/")


@require_safe
def sheets_export(request, extension):
    """The list's current filters as a spreadsheet, with the sheets the user may see."""
    search = run_search(request.GET, user=request.user)
    if not search.is_valid:
        return HttpResponseBadRequest(
            _("Export impossible, un filtre est invalide :") + "\n" + "\n".join(search.error_lines),
            content_type="text/plain; charset=utf-8",
        )
    table = spreadsheets.rows(selectors.for_export(search.sheets), base_url=_base_url(request))
    about = about_search(
        request,
        subject=_("Fiches d’expérience"),
        name="experiences",
        page=reverse("experiences:index"),
        form=search.filterset.form,
    )
    return export_views.spreadsheet_response(table, extension, title=_("Expériences"), about=about)


@require_safe
def sheets_json(request):
    """Published sheets only, whoever asks: open data carries a licence and no status."""
    search = run_search(request.GET, user=request.user, published_only=True)
    if not search.is_valid:
        return JsonResponse(
            {"erreurs": {name: list(messages) for name, messages in search.errors.items()}},
            status=400,
            json_dumps_params={"ensure_ascii": False},
        )
    sheets = selectors.for_export(search.sheets)
    return JsonResponse(
        open_data.experiences_document(sheets, base_url=_base_url(request)),
        json_dumps_params={"ensure_ascii": False},
    )
