"""Results of a round (screen, A4 print, XLSX), « le pas d'après », and the network page that
everyone may read (medians above the threshold only)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mailleurs.grid import policies, results, services
from mailleurs.grid.export import round_workbook
from mailleurs.grid.forms import ActionForm, NetworkFilterForm
from mailleurs.grid.models import ActionItem, GridVersion, Round
from mailleurs.grid.network import NetworkFilter
from mailleurs.grid.round_views import round_for

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _results_round(request, pk: int) -> tuple[Round, policies.ResultsAccess]:
    round = get_object_or_404(
        Round.objects.select_related("actor", "grid_version", "facilitator"), pk=pk
    )
    access = policies.results_access(user=request.user, round=round)
    if not access.see:
        raise PermissionDenied
    return round, access


def _network_filter(request, round: Round | None) -> tuple[NetworkFilterForm, NetworkFilter]:
    form = NetworkFilterForm(request.GET if "type" in request.GET or "territoire" in request.GET
                             else None)  # fmt: skip
    exclude = round.actor_id if round else None
    if form.is_bound and form.is_valid():
        return form, NetworkFilter(
            actor_type=form.cleaned_data["type"],
            territory=form.cleaned_data["territoire"],
            exclude_actor_id=exclude,
        )
    return form, NetworkFilter(exclude_actor_id=exclude)


def _results_page(request, pk: int, template: str):
    round, access = _results_round(request, pk)
    form, network_filter = _network_filter(request, round)
    data = results.round_results(round=round, access=access, network_filter=network_filter)
    return render(
        request,
        template,
        {
            "results": data,
            "round": round,
            "network_form": form,
            "can_manage": access.manage,
            "can_export": access.export,
            "action_form": ActionForm(round=round) if access.manage else None,
        },
        status=400 if form.is_bound and not form.is_valid() else 200,
    )


@login_required
@require_safe
def round_results(request, pk):
    return _results_page(request, pk, "grid/results.html")


@login_required
@require_safe
def round_results_print(request, pk):
    return _results_page(request, pk, "grid/results_print.html")


@login_required
@require_safe
def round_export(request, pk):
    round, access = _results_round(request, pk)
    if not access.export:
        raise PermissionDenied
    everyone = NetworkFilter(exclude_actor_id=round.actor_id)
    data = results.round_results(round=round, access=access, network_filter=everyone)
    name = slugify(f"{round.actor.name} {round.title}")[:80]
    return FileResponse(
        round_workbook(data, team_comments=access.team_comments),
        as_attachment=True,
        filename=f"mailleurs-grille-{name}-{timezone.localdate():%Y-%m-%d}.xlsx",
        content_type=XLSX,
    )


def _action_redirect(round: Round):
    return redirect(reverse("grid:results", kwargs={"pk": round.pk}) + "#pas-d-apres")


@login_required
@require_POST
def action_add(request, pk):
    round = round_for(request, pk, manage=True)
    form = ActionForm(request.POST, round=round)
    if form.is_valid():
        try:
            services.action_add(round=round, user=request.user, data=form.action_data())
        except services.GridError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Action ajoutée au pas d’après."))
    else:
        messages.error(request, _("Action non enregistrée : dites quel critère, quoi et qui."))
    return _action_redirect(round)


@login_required
@require_POST
def action_change(request, pk, item):
    """An action of this round, or of the structure's previous one (shown again here)."""
    round = round_for(request, pk, manage=True)
    action = get_object_or_404(
        ActionItem.objects.select_related("round"), pk=item, round__actor=round.actor
    )
    status = request.POST.get("status", "")
    try:
        services.action_change(
            item=action,
            user=request.user,
            data=services.ActionData(
                criterion_id=action.criterion_id, action=action.action, owner=action.owner,
                due_date=action.due_date, status=status,
            ),
        )  # fmt: skip
    except services.GridError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, _("État de l’action mis à jour."))
    return _action_redirect(round)


@require_safe
def network(request):
    """The network's medians per function, for everyone: above the threshold only."""
    version = GridVersion.objects.current()
    if version is None:
        raise Http404(_("Aucune version de la grille n’est publiée."))
    form, network_filter = _network_filter(request, None)
    return render(
        request,
        "grid/network.html",
        {"form": form, **results.network_page(version=version, network_filter=network_filter)},
        status=400 if form.is_bound and not form.is_valid() else 200,
    )
