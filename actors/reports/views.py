"""« Signaler une erreur » on a fiche: open to visitors, guarded against robots and floods
(mailleurs/guarded_forms.py), sent to the moderators."""

from django.conf import settings
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from actors.fiches.selectors import visible_actor_or_404
from actors.reports.forms import ErrorReportForm
from actors.reports.notifications import error_reported
from mailleurs.guarded_forms import handle_guarded_form, page_renderer


@require_http_methods(["GET", "HEAD", "POST"])
def report_error(request, slug):
    actor = visible_actor_or_404(user=request.user, slug=slug)
    render_page = page_renderer(request, "actors/reports/report_error.html", {"actor": actor})
    if request.method != "POST":
        return render_page(ErrorReportForm(), status=200)
    return handle_guarded_form(
        request,
        form=ErrorReportForm(request.POST),
        scope="error-report",
        send=lambda data: error_reported(
            actor=actor, message=data["message"], email=data["email"], request=request
        ),
        done=(
            _("Merci : votre signalement est transmis aux modérateurs et modératrices du site."),
            actor.get_absolute_url(),
        ),
        render_page=render_page,
        extra_limits={f"fiche:{actor.pk}": settings.ERROR_REPORT_LIMIT_PER_FICHE},
    )
