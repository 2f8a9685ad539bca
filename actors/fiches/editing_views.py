"""Creating and editing fiches in the browser; the moderators' buttons on a fiche (publish,
archive, bring back, restore a version, merge)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from actors import policies
from actors.fiches import diff, merge, placement, selectors, services
from actors.fiches.duplicates import likely_duplicates
from actors.fiches.forms import ActorForm, ContactFormSet, fiche_data, shown_data
from actors.models import Actor, PublicationStatus, Territory
from actors.territories.lookup import find_territory
from glossary.linking import link_terms
from mailleurs.editing import typed_form
from mailleurs.markdown import render_markdown
from mailleurs.permissions import rule_required


def _placing_map(form, actor=None) -> dict:
    """The placing map opens on the commune the form holds (typed, when it is valid)."""
    typed = getattr(form, "cleaned_data", {}).get("commune")
    return placement.placing_map(actor=actor, commune=typed)


@require_safe
def commune_point(request):
    """The centre of the commune typed in the fiche form (`commune`: its code, « Name (code) »
    or its name), for the placing map to move there."""
    commune = find_territory(request.GET.get("commune", "")[:200], Territory.objects.communes())
    if commune is None or commune.latitude is None:
        return JsonResponse({"erreur": _("Commune inconnue.")}, status=404)
    return JsonResponse(
        {"nom": commune.name, "latitude": commune.latitude, "longitude": commune.longitude}
    )


def fiche_forms(request, actor=None, data=None):
    data = data if data is not None else (request.POST if request.method == "POST" else None)
    form = ActorForm(data, instance=actor)
    contacts = ContactFormSet(data, instance=actor or Actor(), prefix="contacts")
    return form, contacts


DRAFT_SAVED = gettext_lazy(
    "Brouillon enregistré : vous seul·e et l’équipe de modération le voyez. Quand il est prêt, "
    "ouvrez-le avec « Modifier la fiche » et envoyez-le."
)


SAVED_FOR_REVIEW = gettext_lazy(
    "Fiche enregistrée : elle sera publiée après relecture par l’équipe."
)
SENT_FOR_REVIEW = gettext_lazy("Fiche envoyée : elle sera publiée après relecture par l’équipe.")
PROPOSAL_WAITS = gettext_lazy(
    "Merci ! Votre modification attend la relecture de l’équipe de modération ; "
    "la fiche publiée reste affichée d’ici là."
)


def _say_where_it_stands(request, actor, *, review_message) -> None:
    """Draft, waiting for review, or published: the message after saving a fiche."""
    if actor.status == PublicationStatus.DRAFT:
        messages.info(request, DRAFT_SAVED)
    elif actor.status == PublicationStatus.REVIEW:
        messages.info(request, review_message)
    else:
        messages.success(request, _("Fiche publiée."))


def _keeps_draft(request) -> bool:
    return request.POST.get("brouillon") == "oui"


@rule_required(policies.can_create_fiche)
@require_http_methods(["GET", "POST"])
def actor_create(request):
    form, contacts = fiche_forms(request)
    duplicates = []
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        duplicates = likely_duplicates(
            user=request.user,
            name=form.cleaned_data["name"],
            commune=form.cleaned_data["commune"],
            siret=form.cleaned_data.get("siret", ""),
        )
        if not duplicates or request.POST.get("confirmer_doublon") == "oui":
            actor = services.actor_create(
                user=request.user, data=fiche_data(form, contacts), draft=_keeps_draft(request)
            )
            _say_where_it_stands(request, actor, review_message=SAVED_FOR_REVIEW)
            return redirect(actor.get_absolute_url())
    status = 400 if request.method == "POST" and not duplicates else 200
    return render(
        request,
        "actors/actor_form.html",
        {
            "form": form,
            "contacts": contacts,
            "duplicates": duplicates,
            "creating": True,
            "placing_map": _placing_map(form),
        },
        status=status,
    )


@rule_required(policies.can_edit_fiches)
@require_http_methods(["GET", "POST"])
def actor_edit(request, slug):
    actor = selectors.visible_actor_or_404(user=request.user, slug=slug)
    form, contacts = fiche_forms(request, actor)
    conflict = None
    if request.method == "POST" and form.is_valid() and contacts.is_valid():
        try:
            result = services.actor_submit(
                actor=actor,
                user=request.user,
                data=fiche_data(form, contacts),
                expected_version=form.cleaned_data.get("version"),
                typed=typed_form(request.POST),
            )
        except services.VersionConflict as error:
            conflict = error.current
        else:
            if result.proposal is not None:
                messages.info(request, PROPOSAL_WAITS)
            elif result.actor.status == PublicationStatus.DRAFT:
                saved = result.actor
                if not _keeps_draft(request):
                    saved = services.actor_finish_draft(actor=saved, user=request.user)
                _say_where_it_stands(request, saved, review_message=SENT_FOR_REVIEW)
            else:
                messages.success(request, _("Modifications enregistrées."))
            return redirect(result.actor.get_absolute_url())
    if conflict is not None:
        return _conflict(request, actor=conflict)
    status = 400 if request.method == "POST" else 200
    return render(
        request,
        "actors/actor_form.html",
        {
            "form": form,
            "contacts": contacts,
            "actor": actor,
            "creating": False,
            "placing_map": _placing_map(form, actor),
        },
        status=status,
    )


def _conflict(request, *, actor):
    """Show both versions; the form keeps what the user typed, set on the current version, so
    saving again is a deliberate choice, field by field."""
    data = request.POST.copy()
    data["version"] = str(actor.version)
    theirs, contacts = fiche_forms(request, actor, data=data)
    theirs.is_valid()
    differences = diff.fiche_changes(actor, shown_data(theirs, contacts))
    return render(
        request,
        "actors/actor_form.html",
        {
            "form": theirs,
            "contacts": contacts,
            "actor": actor,
            "creating": False,
            "conflict": True,
            "differences": differences,
            "placing_map": _placing_map(theirs, actor),
        },
        status=409,
    )


# What each moderation button does: from which statuses, to which, what it says, where it goes
# (None: back to the fiche).
STATUS_CHANGES = {
    "publish": (
        [PublicationStatus.REVIEW],
        PublicationStatus.PUBLISHED,
        gettext_lazy("Fiche publiée."),
        "actors:moderation",
    ),
    "archive": (
        [PublicationStatus.DRAFT, PublicationStatus.REVIEW, PublicationStatus.PUBLISHED],
        PublicationStatus.ARCHIVED,
        gettext_lazy("Fiche archivée : elle n’est plus visible, rien n’est supprimé."),
        "actors:moderation",
    ),
    "unarchive": (
        [PublicationStatus.ARCHIVED],
        PublicationStatus.PUBLISHED,
        gettext_lazy("Fiche sortie des archives et publiée."),
        None,
    ),
}


def _change_status(request, slug: str, change: str):
    from_statuses, status, message, next_url = STATUS_CHANGES[change]
    actor = get_object_or_404(Actor, slug=slug, status__in=from_statuses)
    services.actor_set_status(actor=actor, user=request.user, status=status)
    messages.success(request, message)
    return redirect(next_url or actor.get_absolute_url())


@rule_required(policies.can_moderate)
@require_POST
def actor_publish(request, slug):
    return _change_status(request, slug, "publish")


@login_required
@require_POST
def markdown_preview(request):
    """The description as it will be shown: rendered, sanitised, glossary terms linked."""
    rendered = render_markdown(request.POST.get("texte", "")[:20000])
    return JsonResponse({"html": str(link_terms(rendered))})


@rule_required(policies.can_moderate)
@require_POST
def actor_restore_version(request, slug, history_id):
    actor = get_object_or_404(Actor, slug=slug)
    record = get_object_or_404(actor.history.model, history_id=history_id, id=actor.pk)
    services.actor_restore_version(actor=actor, record=record, user=request.user)
    messages.success(request, _("La version choisie est restaurée ; elle devient la plus récente."))
    return redirect("actors:actor_history", slug=actor.slug)


@rule_required(policies.can_moderate)
@require_POST
def actor_archive(request, slug):
    return _change_status(request, slug, "archive")


@rule_required(policies.can_moderate)
@require_POST
def actor_unarchive(request, slug):
    return _change_status(request, slug, "unarchive")


@rule_required(policies.can_moderate)
@require_http_methods(["GET", "POST"])
def actor_merge(request, slug):
    """Merge another fiche (`autre`, its address or name) into this one."""

    kept = get_object_or_404(Actor.objects.exclude(status=PublicationStatus.ARCHIVED), slug=slug)
    other_text = (request.POST.get("autre") or request.GET.get("autre") or "").strip()[:200]
    other, error = None, ""
    if other_text:
        wanted = other_text.rstrip("/").rsplit("/", 1)[-1]
        candidates = Actor.objects.exclude(status=PublicationStatus.ARCHIVED).exclude(pk=kept.pk)
        other = candidates.filter(slug=wanted).first() or (
            candidates.filter(name__iexact=other_text).first()
        )
        if other is None:
            error = _("Aucune autre fiche ne porte cette adresse ou ce nom.")
    if request.method == "POST" and other is not None and request.POST.get("confirmer") == "oui":
        report = merge.actor_merge(kept=kept, removed=other, user=request.user)
        messages.success(
            request,
            _(
                "Fiches fusionnées : %(contacts)d contact(s), %(relations)d relation(s) et "
                "%(participations)d participation(s) rattachées ; l’ancienne adresse redirige ici."
            )
            % {
                "contacts": report.contacts,
                "relations": report.relations,
                "participations": report.participations,
            },
        )
        return redirect(kept.get_absolute_url())
    candidates = likely_duplicates(
        name=kept.name, commune=kept.commune, user=request.user, exclude_pk=kept.pk
    )
    return render(
        request,
        "actors/actor_merge.html",
        {
            "kept": kept,
            "other": other,
            "other_text": other_text,
            "error": error,
            "candidates": candidates,
        },
        status=400 if error else 200,
    )
