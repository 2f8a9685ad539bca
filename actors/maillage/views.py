"""The /maillage/ page: the network of actors of a territory (see actors.maillage)."""

from django import forms
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from actors import policies
from actors.cache import cached, current_generation, generation_key
from actors.maillage.build import build_maillage
from actors.maillage.selection import NodeFilters
from actors.maillage.territories import territory_suggestions
from actors.models import Sphere, Theme
from actors.territories.lookup import find_territory

MAX_LINKS_FILTER = 99
# A département's maillage takes seconds to build (thousands of actors) and a fraction of a
# second to draw: the built graph is kept until the directory changes (its generation moves).
CACHE_SECONDS = 3600


class MaillageForm(forms.Form):
    territoire = forms.CharField(
        label=_("Territoire"),
        required=False,
        max_length=200,
        help_text=_(
            "Un département, une intercommunalité ou un périmètre de la liste, "
            "ou un code INSEE de commune."
        ),
        error_messages={
            "max_length": _("Ce territoire est trop long : %(limit_value)d caractères au plus.")
        },
        widget=forms.TextInput(
            attrs={"list": "territoires-connus", "placeholder": _("26, CC du Diois…")}
        ),
    )
    theme = forms.ModelChoiceField(
        label=_("Thème"),
        queryset=Theme.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Tous les thèmes"),
        error_messages={"invalid_choice": _("Thème inconnu : choisissez un thème de la liste.")},
    )
    sphere = forms.ModelChoiceField(
        label=_("Sphère"),
        queryset=Sphere.objects.all(),
        to_field_name="slug",
        required=False,
        empty_label=_("Toutes les sphères"),
        error_messages={
            "invalid_choice": _("Sphère inconnue : choisissez une sphère de la liste.")
        },
    )
    liens = forms.IntegerField(
        label=_("Liens au moins"),
        required=False,
        min_value=0,
        max_value=MAX_LINKS_FILTER,
        help_text=_("N’afficher que les acteurs reliés à au moins ce nombre d’acteurs."),
        error_messages={
            "invalid": _("Saisissez un nombre entier de liens, par exemple 2."),
            "min_value": _("Le nombre de liens ne peut pas être négatif."),
            "max_value": _("%(limit_value)s liens au plus."),
        },
        widget=forms.NumberInput(attrs={"min": 0, "max": MAX_LINKS_FILTER, "step": 1}),
    )

    def clean_territoire(self):
        value = self.cleaned_data["territoire"].strip()
        if not value:
            return None
        territory = find_territory(value)
        if territory is None:
            raise forms.ValidationError(
                _(
                    "Territoire inconnu : « %(value)s ». Choisissez un département, une "
                    "intercommunalité ou un périmètre de la liste, ou saisissez un code INSEE "
                    "ou SIREN."
                ),
                code="unknown",
                params={"value": value},
            )
        return territory


def _filters(data: dict) -> NodeFilters:
    return NodeFilters(sphere=data["sphere"], min_links=data["liens"] or 0)


def _key_parts(data: dict, *, user) -> list:
    """What a maillage depends on besides the data: the form's choices and who is looking."""
    filters = _filters(data)
    return [
        data["territoire"].pk,
        data["theme"].pk if data["theme"] else "",
        filters.sphere.pk if filters.sphere else "",
        filters.min_links,
        policies.visibility_key(user),
    ]


def cached_maillage(data: dict, *, user):
    """The maillage the form asks for, as `user` may see it, built once per generation."""
    filters = _filters(data)
    parts = _key_parts(data, user=user)
    return cached(
        generation_key("maillage", *parts),
        lambda: build_maillage(
            territory=data["territoire"], theme=data["theme"], user=user, filters=filters
        ),
        seconds=CACHE_SECONDS,
    )


def cached_has_nodes(key_parts: list, *, maillage) -> bool:
    """Whether the maillage draws anything (the page then loads its script), kept apart from the
    graph: a page whose rendered result is cached does not read the graph back at all."""
    return cached(
        generation_key("maillage-has-nodes", *key_parts),
        lambda: bool(maillage.nodes),
        seconds=CACHE_SECONDS,
    )


@require_safe
def maillage(request):
    form = MaillageForm(request.GET or None)
    result = None
    territory = None
    has_nodes = False
    fragment_key = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["territoire"] is not None:
        data, user = form.cleaned_data, request.user
        territory = data["territoire"]
        # Read from the cache only when the rendered result below is missing.
        result = SimpleLazyObject(lambda: cached_maillage(data, user=user))
        parts = _key_parts(data, user=user)
        has_nodes = cached_has_nodes(parts, maillage=result)
        # The rendered result (up to a megabyte of HTML for a département) is kept as well.
        fragment_key = [current_generation(), *parts]
    return render(
        request,
        "actors/maillage.html",
        {
            "form": form,
            "maillage": result,
            "territory": territory,
            "has_nodes": has_nodes,
            "fragment_key": fragment_key,
            "fragment_seconds": CACHE_SECONDS,
            # The list of territories is rendered once per generation (see the template).
            "suggestions": SimpleLazyObject(lambda: list(territory_suggestions(user=request.user))),
            "suggestions_key": [current_generation(), policies.visibility_key(request.user)],
        },
        status=status,
    )
