"""The grid in the Django admin: staff prepare a new version there (wording, criteria,
correspondences) and publish it; rounds are run in the site's own pages, never here."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from mailleurs.grid import services
from mailleurs.grid.models import (
    Axis,
    Criterion,
    CriterionMapping,
    GridFunction,
    GridVersion,
    Testimony,
)


class AxisInline(admin.TabularInline):
    model = Axis
    extra = 0


@admin.register(GridVersion)
class GridVersionAdmin(admin.ModelAdmin):
    list_display = ["number", "title", "published_at"]
    inlines = [AxisInline]
    actions = ["draft_from", "publish"]

    @admin.action(description=_("Préparer une nouvelle version à partir de celle-ci"))
    def draft_from(self, request, queryset):
        for version in queryset:
            draft = services.version_draft_from(version=version, user=request.user)
            self.message_user(request, _("Brouillon créé : %(v)s.") % {"v": draft})

    @admin.action(description=_("Publier (les nouvelles évaluations l’utiliseront)"))
    def publish(self, request, queryset):
        for version in queryset:
            try:
                services.version_publish(version=version, user=request.user)
            except services.GridError as error:
                self.message_user(request, f"{version} : {error}", level=messages.WARNING)
            else:
                self.message_user(request, _("%(v)s publiée.") % {"v": version})


class CriterionInline(admin.StackedInline):
    model = Criterion
    extra = 0
    exclude = ["version"]


class TestimonyInline(admin.TabularInline):
    model = Testimony
    extra = 0


@admin.register(GridFunction)
class GridFunctionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "axis"]
    list_filter = ["axis__version"]
    inlines = [CriterionInline, TestimonyInline]


@admin.register(Criterion)
class CriterionAdmin(admin.ModelAdmin):
    list_display = ["__str__", "version"]
    list_filter = ["version"]
    search_fields = ["title", "indicators"]
    exclude = ["version"]


@admin.register(CriterionMapping)
class CriterionMappingAdmin(admin.ModelAdmin):
    list_display = ["source", "target", "note"]
    list_filter = ["target__version"]
    autocomplete_fields = ["source", "target"]
