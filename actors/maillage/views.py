"""The /maillage/ page: the network of actors of a territory (see actors.maillage)."""

from django import forms
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_safe

from actors.maillage.build import build_maillage
from actors.maillage.territories import territory_suggestions
from actors.models import Theme
from actors.territories.lookup import find_territory


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


@require_safe
def maillage(request):
    form = MaillageForm(request.GET or None)
    result = None
    status = 200
    if form.is_bound and not form.is_valid():
        status = 400
    elif form.is_bound and form.cleaned_data["territoire"] is not None:
        result = build_maillage(
            territory=form.cleaned_data["territoire"],
            theme=form.cleaned_data["theme"],
            user=request.user,
        )
    return render(
        request,
        "actors/maillage.html",
        {
            "form": form,
            "maillage": result,
            "suggestions": territory_suggestions(user=request.user),
        },
        status=status,
    )
