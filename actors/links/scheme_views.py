"""Schemes and local schemes: `/dispositifs/…` pages, and their edit forms."""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actors import policies
from actors.links import selectors, services
from actors.links.forms import LocalSchemeForm, SchemeForm
from actors.models import LocalScheme, Scheme
from experiences.reading.selectors import sheets_for_scheme
from mailleurs.editing import form_page, form_values


@require_safe
def scheme_list(request):
    return render(request, "actors/scheme_list.html", {"families": selectors.schemes_by_family()})


@require_safe
def scheme_detail(request, slug):
    scheme = selectors.scheme_with_instances(slug=slug)
    if scheme is None:
        return _former_address(slug, lambda renamed: renamed.get_absolute_url())
    return render(
        request,
        "actors/scheme_detail.html",
        {"scheme": scheme, "experiences": sheets_for_scheme(scheme)},
    )


@require_safe
def local_scheme_detail(request, scheme_slug, slug):
    local_scheme = selectors.local_scheme_detail(
        scheme_slug=scheme_slug, slug=slug, user=request.user
    )
    if local_scheme is None:
        return _former_address(
            scheme_slug,
            lambda renamed: reverse("actors:local_scheme_detail", args=[renamed.slug, slug]),
            missing=_("Ce dispositif local n’existe pas."),
        )
    return render(request, "actors/local_scheme_detail.html", {"local_scheme": local_scheme})


def _former_address(scheme_slug: str, new_url, *, missing=None):
    """A scheme's old address leads to its new one for good; an unknown one is a French 404."""
    renamed = selectors.scheme_formerly_at(scheme_slug)
    if renamed is None:
        raise Http404(missing or _("Ce dispositif n’existe pas."))
    return redirect(new_url(renamed), permanent=True)


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request, slug=None):
    scheme = get_object_or_404(Scheme, slug=slug) if slug else None
    if not policies.can_edit_scheme(request.user, scheme):
        raise PermissionDenied
    return form_page(
        request,
        form=SchemeForm(request.POST or None, instance=scheme),
        template="actors/scheme_form.html",
        context={"scheme": scheme},
        save=lambda form: services.scheme_save(
            scheme=scheme, user=request.user, fields=form_values(form)
        ),
        saved_message=_("Dispositif enregistré."),
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_scheme_edit(request, scheme_slug=None, slug=None):
    local_scheme = (
        get_object_or_404(LocalScheme, scheme__slug=scheme_slug, slug=slug) if slug else None
    )
    if not policies.can_edit_local_scheme(request.user, local_scheme):
        raise PermissionDenied
    initial = {}
    if local_scheme is None and request.GET.get("dispositif"):
        initial["scheme"] = Scheme.objects.filter(slug=request.GET["dispositif"]).first()
    return form_page(
        request,
        form=LocalSchemeForm(request.POST or None, instance=local_scheme, initial=initial),
        template="actors/local_scheme_form.html",
        context={"local_scheme": local_scheme},
        save=lambda form: services.local_scheme_save(
            local_scheme=local_scheme,
            user=request.user,
            fields=form_values(form, without=("territories",)),
            territories=form.cleaned_data["territories"],
        ),
        saved_message=_("Dispositif local enregistré."),
    )
