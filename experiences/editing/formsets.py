"""The lists of rows typed on the sheet's page: actors involved (picked from the directory,
with their role and the phases they came in at), testimonies (named only with consent), links,
images (with their alternative text) and PDF documents (checked by `experiences.uploads`)."""

from django import forms
from django.core.files.uploadedfile import UploadedFile
from django.forms import BaseInlineFormSet, inlineformset_factory
from django.utils.translation import gettext_lazy as _

from actors.links.forms import ActorField
from actors.models import Sphere
from experiences import uploads
from experiences.models import (
    Experience,
    ExperienceActor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    Phase,
    Testimony,
)
from mailleurs.forms import SingleLineModelForm

NAME_WITHOUT_CONSENT = _(
    "Une personne n’est nommée qu’avec son accord : cochez la case d’accord, ou retirez son nom "
    "(elle reste désignée par sa fonction)."
)


class InvolvementForm(SingleLineModelForm):
    actor = ActorField(label=_("Acteur de l’annuaire"))
    phases = forms.MultipleChoiceField(
        label=_("Phases où il est intervenu"),
        choices=Phase.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    class Meta:
        model = ExperienceActor
        fields = ["actor", "role", "phases", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.actor_id:
            self.fields["actor"].current = self.instance.actor

    def clean_phases(self):
        chosen = set(self.cleaned_data["phases"])
        return [code for code in Phase.values if code in chosen]  # in the order of an action


class TestimonyForm(SingleLineModelForm):
    class Meta:
        model = Testimony
        fields = ["quote", "speaker_role", "sphere", "speaker_name", "name_consent"]
        widgets = {"quote": forms.Textarea(attrs={"rows": 4})}
        help_texts = {
            "speaker_name": _("Facultatif : seulement si la personne accepte d’être nommée.")
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sphere"].queryset = Sphere.objects.order_by("position", "name")

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("speaker_name", "").strip() and not cleaned.get("name_consent"):
            self.add_error("speaker_name", NAME_WITHOUT_CONSENT)
        return cleaned


class LinkForm(SingleLineModelForm):
    url = forms.URLField(label=_("Adresse"), max_length=500, assume_scheme="https")

    class Meta:
        model = ExperienceLink
        fields = ["url", "title", "is_video"]


class CheckedFileField(forms.FileField):
    """A new file goes through `check` (a function of `experiences.uploads`) and comes out as
    the content the site stores, named by the site; the stored file of an existing row is not
    replaced from here."""

    def __init__(self, *, check=None, accept: str = "", **kwargs):
        kwargs["max_length"] = None  # the name sent is not kept: its length does not matter
        kwargs.setdefault("widget", forms.ClearableFileInput(attrs={"accept": accept}))
        super().__init__(**kwargs)
        self.check = check

    def clean(self, data, initial=None):
        value = super().clean(data, initial)
        if isinstance(value, UploadedFile):
            return self.check(value).content
        return value


class _FileRowForm(SingleLineModelForm):
    """An existing row keeps its file (delete the row to take it away)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["file"].disabled = True
            self.fields["file"].required = False


class ImageForm(_FileRowForm):
    class Meta:
        model = ExperienceImage
        fields = ["file", "alt_text", "caption"]
        field_classes = {"file": CheckedFileField}
        help_texts = {"file": _("JPEG, PNG ou WebP.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].check = uploads.check_image
        self.fields["file"].widget.attrs["accept"] = "image/jpeg,image/png,image/webp"


class DocumentForm(_FileRowForm):
    class Meta:
        model = ExperienceDocument
        fields = ["file", "title"]
        field_classes = {"file": CheckedFileField}
        help_texts = {"file": _("Un PDF.")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["file"].check = uploads.check_document
        self.fields["file"].widget.attrs["accept"] = "application/pdf"


def _rows(model, form, *, title, extra: int, most: int):
    """A list of rows of the sheet. A forged TOTAL_FORMS builds no more than `absolute_max`
    forms (Django's default, max_num + 1000, takes seconds to build and check)."""
    formset = inlineformset_factory(
        Experience, model, form=form, formset=BaseInlineFormSet, extra=extra, can_delete=True,
        max_num=most, validate_max=True, absolute_max=most + 10,
    )  # fmt: skip
    formset.title = title
    return formset


InvolvementFormSet = _rows(ExperienceActor, InvolvementForm, title=_("Acteur impliqué"),
                           extra=2, most=30)  # fmt: skip
TestimonyFormSet = _rows(Testimony, TestimonyForm, title=_("Témoignage"), extra=1, most=20)
LinkFormSet = _rows(ExperienceLink, LinkForm, title=_("Lien"), extra=1, most=20)
ImageFormSet = _rows(ExperienceImage, ImageForm, title=_("Image"), extra=1, most=12)
DocumentFormSet = _rows(ExperienceDocument, DocumentForm, title=_("Document"), extra=1, most=10)

# Related name on the sheet → (prefix in the page, formset).
TEXT_ROWS = {
    "involvements": ("acteurs", InvolvementFormSet),
    "testimonies": ("temoignages", TestimonyFormSet),
    "links": ("liens", LinkFormSet),
}
FILE_ROWS = {
    "images": ("images", ImageFormSet),
    "documents": ("documents", DocumentFormSet),
}
