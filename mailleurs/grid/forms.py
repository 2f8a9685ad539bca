"""The grid's forms. They read what a person typed and say in French what is wrong; the
services (`services`, `answering`) check again and write."""

from django import forms
from django.contrib.auth import get_user_model
from django.utils.translation import gettext_lazy as _

from actors.models import ActorType, StructureMembership
from actors.territories.lookup import find_territory
from mailleurs.grid import answering, services
from mailleurs.grid.choices import Level, RespondentRole
from mailleurs.grid.models import ActionItem, Evidence, Round
from mailleurs.roles import FACILITATOR

DATE_INPUT = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class RoundForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Round
        fields = ["title", "period_start", "period_end", "facilitator"]
        widgets = {"period_start": DATE_INPUT, "period_end": DATE_INPUT}
        help_texts = {
            "facilitator": _(
                "La personne d’une fédération ou d’un réseau qui accompagne la structure ; "
                "elle voit les évaluations de la structure."
            )
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["facilitator"].queryset = (
            get_user_model()
            .objects.filter(groups__name=FACILITATOR, is_active=True)
            .order_by("username")
        )
        self.fields["facilitator"].label_from_instance = lambda user: (
            user.get_full_name() or user.get_username()
        )
        if self.instance.pk:
            self.fields["version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        start, end = cleaned.get("period_start"), cleaned.get("period_end")
        if start and end and end < start:
            self.add_error("period_end", _("La fin de la période doit suivre son début."))
        return cleaned

    def round_data(self) -> services.RoundData:
        facilitator = self.cleaned_data.get("facilitator")
        return services.RoundData(
            title=self.cleaned_data["title"],
            period_start=self.cleaned_data["period_start"],
            period_end=self.cleaned_data["period_end"],
            facilitator_id=facilitator.pk if facilitator else None,
        )


class InvitationForm(forms.Form):
    role = forms.ChoiceField(label=_("Rôle"), choices=RespondentRole.choices)
    label = forms.CharField(
        label=_("Qui"),
        max_length=120,
        help_text=_("Une fonction ou un organisme suffit (« Partenaire CAF », « Élue ») ."),
    )

    def invitation(self) -> services.Invitation:
        return services.Invitation(role=self.cleaned_data["role"], label=self.cleaned_data["label"])


class AccountInvitationForm(forms.Form):
    account = forms.ModelChoiceField(label=_("Membre de la structure"), queryset=None)
    role = forms.ChoiceField(label=_("Rôle"), choices=RespondentRole.choices)

    def __init__(self, *args, actor, **kwargs):
        super().__init__(*args, **kwargs)
        members = StructureMembership.objects.filter(
            actor=actor, status=StructureMembership.Status.ACCEPTED
        ).values("user_id")
        self.fields["account"].queryset = get_user_model().objects.filter(
            pk__in=members, is_active=True
        )

    def invitation(self) -> services.Invitation:
        account = self.cleaned_data["account"]
        return services.Invitation(
            role=self.cleaned_data["role"],
            label=account.get_full_name() or account.get_username(),
            user_id=account.pk,
        )


VISIBILITY_CHOICES = [
    ("partage", _("partagé avec l’évaluation")),
    ("equipe", _("réservé à l’équipe de la structure")),
]


class CriterionAnswerForm(forms.Form):
    """One criterion of the answering screen, its fields prefixed by the criterion."""

    level = forms.TypedChoiceField(
        label=_("Votre réponse"),
        choices=Level.choices,
        coerce=int,
        required=False,
        empty_value=None,
        widget=forms.RadioSelect,
        error_messages={
            "invalid_choice": _("Choisissez un niveau de l’échelle (1 à 4) ou « je ne sais pas »."),
        },
    )
    comment = forms.CharField(
        label=_("Commentaire"), required=False, max_length=answering.COMMENT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )  # fmt: skip
    visibility = forms.ChoiceField(
        label=_("Ce commentaire est"), choices=VISIBILITY_CHOICES, initial="partage",
        required=False, widget=forms.RadioSelect,
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("level") is None and cleaned.get("comment"):
            self.add_error(
                "level", _("Choisissez un niveau (ou « je ne sais pas ») avec votre commentaire.")
            )
        return cleaned

    def answer(self, criterion_id: int) -> answering.AnswerData | None:
        """None when nothing was given for this criterion."""
        if self.cleaned_data.get("level") is None:
            return None
        return answering.AnswerData(
            criterion_id=criterion_id,
            level=self.cleaned_data["level"],
            comment=self.cleaned_data.get("comment", ""),
            comment_shared=self.cleaned_data.get("visibility") != "equipe",
        )


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(
        label=_("Nature"), choices=[("", "—"), *Evidence.Kind.choices], required=False
    )
    label = forms.CharField(label=_("Intitulé"), max_length=200, required=False)
    url = forms.CharField(
        label=_("Lien ou adresse de la fiche"), max_length=500, required=False,
        help_text=_("Pour une fiche de l’annuaire, collez l’adresse de sa page."),
    )  # fmt: skip

    def clean(self):
        cleaned = super().clean()
        if (cleaned.get("label") or cleaned.get("url")) and not cleaned.get("kind"):
            self.add_error("kind", _("Choisissez la nature du lien."))
        if cleaned.get("kind") and not cleaned.get("url"):
            self.add_error("url", _("Collez le lien."))
        return cleaned

    def evidence(self, criterion_id: int) -> answering.EvidenceData | None:
        if not self.cleaned_data.get("kind"):
            return None
        return answering.EvidenceData(
            criterion_id=criterion_id,
            kind=self.cleaned_data["kind"],
            label=self.cleaned_data.get("label", ""),
            url=self.cleaned_data.get("url", ""),
        )


class ActionForm(forms.ModelForm):
    class Meta:
        model = ActionItem
        fields = ["criterion", "action", "owner", "due_date", "status"]
        widgets = {"due_date": DATE_INPUT, "action": forms.Textarea(attrs={"rows": 2})}
        labels = {"criterion": _("Critère à travailler")}

    def __init__(self, *args, round: Round, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["criterion"].queryset = round.grid_version.criteria.select_related(
            "function__axis"
        )

    def action_data(self) -> services.ActionData:
        return services.ActionData(
            criterion_id=self.cleaned_data["criterion"].pk,
            action=self.cleaned_data["action"],
            owner=self.cleaned_data["owner"],
            due_date=self.cleaned_data.get("due_date"),
            status=self.cleaned_data["status"],
        )


class NetworkFilterForm(forms.Form):
    """The network comparison, by type of structure and by territory."""

    type = forms.ModelChoiceField(
        label=_("Type de structure"), queryset=ActorType.objects.order_by("position", "name"),
        to_field_name="slug", required=False, empty_label=_("Tous les types"),
    )  # fmt: skip
    territoire = forms.CharField(
        label=_("Territoire"), required=False, max_length=120,
        help_text=_("Un département, une intercommunalité ou une commune (nom ou code)."),
    )  # fmt: skip

    def clean_territoire(self):
        text = self.cleaned_data["territoire"].strip()
        if not text:
            return None
        territory = find_territory(text)
        if territory is None:
            raise forms.ValidationError(_("Ce territoire est introuvable : essayez son code."))
        return territory
