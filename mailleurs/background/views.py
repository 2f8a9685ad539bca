"""/taches/: « Mes tâches », a job's page (polled by htmx while it runs), cancel, download."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST, require_safe

from mailleurs.background import policies, selectors, services
from mailleurs.background.models import Job
from mailleurs.htmx import render_page_or_fragment, wants_fragment

# htmx stops polling when an answer has this status (and still shows it).
STOP_POLLING = 286


def _job_for(request, pk: int) -> Job:
    """Someone else's job does not exist, as far as this user can tell."""
    job = get_object_or_404(Job.objects.select_related("owner"), pk=pk)
    if not policies.can_see_job(request.user, job):
        raise Http404
    return job


@require_safe
@login_required
def job_list(request):
    jobs = [selectors.job_state(job) for job in selectors.jobs_of(request.user)[:100]]
    return render(request, "background/job_list.html", {"states": jobs})


@require_safe
@login_required
def job_detail(request, pk):
    state = selectors.job_state(_job_for(request, pk))
    response = render_page_or_fragment(
        request,
        page="background/job_detail.html",
        fragment="background/_job_state.html",
        context={"state": state, "job": state.job},
    )
    if wants_fragment(request) and not state.job.is_active:
        response.status_code = STOP_POLLING
    return response


@require_POST
@login_required
def job_cancel(request, pk):
    job = _job_for(request, pk)
    if services.request_cancel(job=job):
        messages.success(request, _("Annulation demandée : la tâche s’arrête sans rien écrire."))
    else:
        messages.error(
            request,
            _("Trop tard pour annuler : la tâche a déjà commencé à écrire, ou elle est finie."),
        )
    return redirect(job)


@require_safe
@login_required
def job_file(request, pk):
    job = _job_for(request, pk)
    if job.status != Job.Status.DONE or not job.result_file:
        raise Http404
    return FileResponse(job.result_file.open("rb"), as_attachment=True, filename=job.result_name)
