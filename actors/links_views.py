"""Editing an actor's links, and schemes and local schemes, in the browser."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required, permission_required
from django.db import transaction
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from .links_forms import LocalSchemeForm, ParticipationFormSet, RelationFormSet, SchemeForm
from .models import Actor, LocalScheme, Scheme
from .services import can_publish_directly
from .text import normalize, unique_slug


@login_required
@permission_required("actors.change_actor", raise_exception=True)
@require_http_methods(["GET", "POST"])
def actor_links(request, slug):
    actor = Actor.objects.visible_to(request.user).filter(slug=slug).first()
    if actor is None:
        raise Http404(_("Aucune fiche ne porte cette adresse."))
    allowed = can_publish_directly(request.user, actor)
    data = request.POST if request.method == "POST" and allowed else None
    relations = RelationFormSet(data, instance=actor, prefix="relations")
    participations = ParticipationFormSet(data, instance=actor, prefix="participations")
    if data is not None and relations.is_valid() and participations.is_valid():
        with transaction.atomic():
            relations.save()
            participations.save()
        messages.success(request, _("Liens enregistrés."))
        return redirect(actor.get_absolute_url())
    status = 400 if data is not None else (403 if request.method == "POST" else 200)
    return render(
        request,
        "actors/actor_links.html",
        {
            "actor": actor,
            "relations": relations,
            "participations": participations,
            "allowed": allowed,
        },
        status=status,
    )


def _save_local_scheme(form) -> LocalScheme:
    local_scheme = form.save(commit=False)
    if not local_scheme.slug:
        local_scheme.slug = unique_slug(LocalScheme, local_scheme.name)
    local_scheme.save()
    local_scheme.territories.set(form.cleaned_data["territories"])
    return local_scheme


@login_required
@require_http_methods(["GET", "POST"])
def scheme_edit(request, slug=None):
    scheme = get_object_or_404(Scheme, slug=slug) if slug else None
    permission = "actors.change_scheme" if scheme else "actors.add_scheme"
    if not request.user.has_perm(permission):
        raise_permission_denied()
    form = SchemeForm(request.POST or None, instance=scheme)
    if request.method == "POST" and form.is_valid():
        saved = form.save()
        messages.success(request, _("Dispositif enregistré."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "actors/scheme_form.html",
        {"form": form, "scheme": scheme},
        status=400 if request.method == "POST" else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def local_scheme_edit(request, scheme_slug=None, slug=None):
    local_scheme = (
        get_object_or_404(LocalScheme, scheme__slug=scheme_slug, slug=slug) if slug else None
    )
    permission = "actors.change_localscheme" if local_scheme else "actors.add_localscheme"
    if not request.user.has_perm(permission):
        raise_permission_denied()
    initial = {}
    if local_scheme is None and request.GET.get("dispositif"):
        initial["scheme"] = Scheme.objects.filter(slug=request.GET["dispositif"]).first()
    form = LocalSchemeForm(request.POST or None, instance=local_scheme, initial=initial)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            saved = _save_local_scheme(form)
        messages.success(request, _("Dispositif local enregistré."))
        return redirect(saved.get_absolute_url())
    return render(
        request,
        "actors/local_scheme_form.html",
        {"form": form, "local_scheme": local_scheme},
        status=400 if request.method == "POST" else 200,
    )


def raise_permission_denied():
    from django.core.exceptions import PermissionDenied

    raise PermissionDenied


@require_safe
def actor_autocomplete(request):
    text = normalize(request.GET.get("q", ""))[:60]
    if len(text) < 2:
        return JsonResponse({"resultats": []})
    actors = (
        Actor.objects.published()
        .filter(search_text__startswith=text)
        .select_related("commune")
        .order_by("name")[:12]
    )
    return JsonResponse(
        {
            "resultats": [
                {"cle": a.slug, "libelle": f"{a.name} ({a.slug})", "type": a.commune.name}
                for a in actors
            ]
        }
    )
