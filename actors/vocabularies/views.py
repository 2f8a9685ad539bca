"""Moderators edit the shared vocabularies (spheres, types, themes, competences, professions)."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from actors import policies
from actors.models import ActorType, Competence, Profession, Sphere, Theme
from actors.vocabularies import services
from mailleurs.editing import form_page, form_values
from mailleurs.forms import SingleLineModelForm
from mailleurs.permissions import rule_required

VOCABULARIES = {
    "spheres": Sphere,
    "types": ActorType,
    "themes": Theme,
    "competences": Competence,
    "metiers": Profession,
}


def _model_for(request, name: str, *, creating: bool):
    model = VOCABULARIES.get(name)
    if model is None:
        raise Http404(_("Ce vocabulaire n’existe pas."))
    if not policies.can_edit_vocabulary(request.user, model, creating=creating):
        raise PermissionDenied
    return model


@rule_required(policies.can_see_vocabularies)
@require_safe
def vocabulary_index(request):
    lists = [
        (name, model._meta.verbose_name_plural, model.objects.all())
        for name, model in VOCABULARIES.items()
    ]
    return render(request, "actors/vocabulary_index.html", {"lists": lists})


@login_required
@require_http_methods(["GET", "POST"])
def vocabulary_edit(request, name, pk=None):
    model = _model_for(request, name, creating=pk is None)
    term = get_object_or_404(model, pk=pk) if pk else None
    form_class = forms.modelform_factory(
        model,
        form=SingleLineModelForm,
        exclude=["slug", "position"] if term is None else ["position"],
    )
    return form_page(
        request,
        form=form_class(request.POST or None, instance=term),
        template="actors/vocabulary_form.html",
        context={"term": term, "label": model._meta.verbose_name},
        save=lambda form: services.term_save(
            model=model, term=term, user=request.user, fields=form_values(form)
        ),
        saved_message=lambda saved: _("« %(name)s » enregistré.") % {"name": saved.name},
        next_url=reverse("actors:vocabularies"),
    )
