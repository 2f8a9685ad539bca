"""The glossary's pages: A–Z index with search and filters, term page, printable « fiche
technique », open data."""

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from glossary import open_data, selectors
from glossary.forms import GlossaryFilterForm, PrintForm
from glossary.models import Term
from mailleurs.views import bad_request


@require_safe
def index(request):
    form = GlossaryFilterForm(request.GET)
    if not form.is_valid():
        return bad_request(request, message=form.error_message())
    terms = selectors.search_terms(
        query=form.cleaned_data["q"],
        sphere=form.cleaned_data["sphere"],
        category=form.cleaned_data["categorie"],
    )
    filtered = any(form.cleaned_data.values())
    return render(
        request,
        "glossary/index.html",
        {
            "form": form,
            "letters": selectors.index_letters(terms),
            "filtered": filtered,
            "total": Term.objects.count(),
        },
    )


@require_safe
def term_detail(request, slug):
    term = selectors.term_detail(slug=slug)
    if term is None:
        raise Http404(_("Ce mot n’est pas dans le glossaire."))
    return render(request, "glossary/term_detail.html", {"term": term})


@require_safe
def fiche_technique(request):
    form = PrintForm(request.GET)
    if not form.is_valid():
        return bad_request(request, message=_("Cette sphère n’existe pas."))
    sphere = form.cleaned_data["sphere"]
    return render(
        request,
        "glossary/fiche_technique.html",
        {
            "sphere": sphere,
            "terms": selectors.printable_terms(sphere=sphere),
            "spheres": selectors.spheres_with_views(),
        },
    )


@require_safe
def glossary_json(request):
    base_url = request.build_absolute_uri("/").rstrip("/")
    return JsonResponse(
        open_data.glossary_document(selectors.open_data_terms(), base_url),
        json_dumps_params={"ensure_ascii": False},
    )
