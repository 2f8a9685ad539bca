"""Writing a sheet in the browser: a new sheet, a change to one (saved, or proposed for review),
and the conflict page when someone saved the sheet in the meantime."""

from django.conf import settings
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods

from actors.models import PublicationStatus
from experiences import policies
from experiences.editing import diff, services
from experiences.editing.addresses import sheet_url
from experiences.editing.forms import SheetForms
from experiences.models import Experience
from mailleurs.editing import typed_form
from mailleurs.permissions import rule_required

DRAFT_SAVED = gettext_lazy(
    "Brouillon enregistré : vous seul·e et l’équipe de modération le voyez. Quand il est prêt, "
    "rouvrez-le et envoyez-le en relecture."
)
IN_REVIEW = gettext_lazy("Fiche enregistrée : elle sera publiée après relecture par l’équipe.")
PROPOSAL_WAITS = gettext_lazy(
    "Merci ! Votre modification attend la relecture de l’équipe de modération ; la fiche "
    "publiée reste affichée d’ici là."
)
CHANGED_MEANWHILE = gettext_lazy(
    "Quelqu’un a modifié cette fiche pendant que vous la modifiiez : rien n’est enregistré. "
    "Voici ce qui diffère entre votre version et la version actuelle ; le formulaire garde votre "
    "saisie (les fichiers choisis sont à choisir à nouveau), enregistrez-le pour la publier."
)


def _keeps_draft(request) -> bool:
    return request.POST.get("brouillon") == "oui"


def _say_where_it_stands(request, experience) -> None:
    if experience.status == PublicationStatus.DRAFT:
        messages.info(request, DRAFT_SAVED)
    elif experience.status == PublicationStatus.REVIEW:
        messages.info(request, IN_REVIEW)
    else:
        messages.success(request, _("Fiche publiée."))


def _render(request, sheet: SheetForms, experience=None, *, status: int, differences=None):
    return render(
        request,
        "experiences/form.html",
        {
            "sheet": sheet,
            "form": sheet.form,
            "experience": experience,
            "cancel_url": sheet_url(experience) if experience else None,
            "differences": differences,
            "proposing": experience is not None
            and not policies.can_publish_sheet_directly(request.user, experience),
            "limits": {
                "image": settings.EXPERIENCE_IMAGE_MAX_MEGABYTES,
                "document": settings.EXPERIENCE_DOCUMENT_MAX_MEGABYTES,
            },
        },
        status=status,
    )


@rule_required(policies.can_write_sheets)
@require_http_methods(["GET", "POST"])
def sheet_create(request):
    sheet = SheetForms(request.POST or None, request.FILES or None)
    if request.method == "POST" and sheet.is_valid():
        experience = services.sheet_create(
            user=request.user, data=sheet.data(), draft=_keeps_draft(request), request=request
        )
        _say_where_it_stands(request, experience)
        return redirect(sheet_url(experience))
    return _render(request, sheet, status=400 if request.method == "POST" else 200)


def editable_sheet(request, slug: str) -> Experience:
    """A sheet the user sees (archived ones are out of reach until brought back)."""
    return get_object_or_404(Experience.objects.visible_to(request.user), slug=slug)


@rule_required(policies.can_write_sheets)
@require_http_methods(["GET", "POST"])
def sheet_edit(request, slug):
    experience = editable_sheet(request, slug)
    with_files = policies.can_add_sheet_files(request.user, experience)
    data = request.POST if request.method == "POST" else None
    files = request.FILES if with_files and data is not None else None
    sheet = SheetForms(data, files, experience=experience, with_files=with_files)
    if data is not None and sheet.is_valid():
        try:
            submitted = services.sheet_submit(
                experience=experience,
                user=request.user,
                data=sheet.data(),
                expected_version=sheet.form.cleaned_data.get("version"),
                typed=typed_form(request.POST),
                draft=_keeps_draft(request),
                request=request,
            )
        except services.VersionConflict as conflict:
            return _conflict(request, conflict.current, with_files=with_files)
        if submitted.proposal is not None:
            messages.info(request, PROPOSAL_WAITS)
        elif experience.status != submitted.experience.status:
            _say_where_it_stands(request, submitted.experience)
        else:
            messages.success(request, _("Modifications enregistrées."))
        return redirect(sheet_url(submitted.experience))
    return _render(request, sheet, experience, status=400 if data is not None else 200)


def _conflict(request, current: Experience, *, with_files: bool):
    """The typed forms set on the current version, and what they would change there: saving
    again is a deliberate choice, field by field."""
    data = request.POST.copy()
    data["version"] = str(current.version)
    sheet = SheetForms(data, None, experience=current, with_files=with_files)
    sheet.is_valid()
    messages.error(request, CHANGED_MEANWHILE)
    differences = diff.sheet_changes(current, sheet.shown_data())
    return _render(request, sheet, current, status=409, differences=differences)
