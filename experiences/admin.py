"""Experience sheets in the Django admin, for staff: read a sheet with everything that belongs to
it, correct a detail. Members write and moderators publish sheets in the site's own pages; files
are uploaded there too (the site re-encodes them), so the admin does not add images or PDFs."""

from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from experiences.models import (
    Experience,
    ExperienceActor,
    ExperienceDocument,
    ExperienceImage,
    ExperienceLink,
    Phase,
    Testimony,
)
from mailleurs.grid.models import GridFunction


def grid_function_label(function: GridFunction) -> str:
    return f"{function.axis.version} · {function.code} {function.title}"


class ExperienceActorForm(forms.ModelForm):
    phases = forms.MultipleChoiceField(
        label=_("phases"),
        choices=Phase.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    class Meta:
        model = ExperienceActor
        fields = ["actor", "role", "phases", "note", "position"]

    def clean_phases(self):
        order = list(Phase.values)
        return sorted(self.cleaned_data["phases"], key=order.index)


class ExperienceActorInline(admin.TabularInline):
    model = ExperienceActor
    form = ExperienceActorForm
    extra = 0
    autocomplete_fields = ["actor"]
    readonly_fields = ["confirmed_at", "confirmed_by"]
    fields = ["actor", "role", "phases", "note", "position", "confirmed_at", "confirmed_by"]


class TestimonyInline(admin.StackedInline):
    model = Testimony
    extra = 0
    autocomplete_fields = ["sphere"]
    fields = ["quote", ("speaker_role", "sphere"), ("speaker_name", "name_consent"), "position"]


class FileInline(admin.TabularInline):
    """Files come through the site's upload pages; here they are read, described or removed."""

    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


class ExperienceImageInline(FileInline):
    model = ExperienceImage
    fields = ["file", "alt_text", "caption", "width", "height", "position"]
    readonly_fields = ["file", "width", "height"]


class ExperienceDocumentInline(FileInline):
    model = ExperienceDocument
    fields = ["file", "title", "size", "position"]
    readonly_fields = ["file", "size"]


class ExperienceLinkInline(admin.TabularInline):
    model = ExperienceLink
    extra = 0
    fields = ["url", "title", "is_video", "position"]


@admin.register(Experience)
class ExperienceAdmin(SimpleHistoryAdmin):
    list_display = [
        "title",
        "territory",
        "cooperation_mode",
        "status",
        "is_illustrative",
        "started_on",
        "updated_at",
    ]
    list_filter = ["status", "cooperation_mode", "is_illustrative"]
    search_fields = ["title", "slug"]
    list_select_related = ["territory"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["territory", "contact_actor", "schemes", "local_schemes", "themes"]
    filter_horizontal = ["grid_functions"]
    readonly_fields = ["version", "created_at", "created_by", "updated_at", "updated_by"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "is_illustrative", "status"]}),
        (
            _("Où, quand, comment"),
            {
                "fields": [
                    "territory",
                    ("started_on", "ended_on"),
                    "cooperation_mode",
                    "contact_actor",
                ]
            },
        ),
        (
            _("Le récit"),
            {"fields": ["need", "steps", "results", "levers", "blockers", "conditions"]},
        ),
        (_("Moyens"), {"fields": ["cost", "funding"]}),
        (
            _("Liens"),
            {"fields": ["schemes", "local_schemes", "themes", "grid_functions"]},
        ),
        (
            _("Suivi"),
            {"fields": ["version", "created_at", "created_by", "updated_at", "updated_by"]},
        ),
    ]
    inlines = [
        ExperienceActorInline,
        TestimonyInline,
        ExperienceImageInline,
        ExperienceDocumentInline,
        ExperienceLinkInline,
    ]
    show_full_result_count = False

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name != "grid_functions":
            return super().formfield_for_manytomany(db_field, request, **kwargs)
        # Named by grid version, code (axis and number) and title, fetched with the rows.
        kwargs["queryset"] = GridFunction.objects.select_related("axis__version").order_by(
            "-axis__version__number", "axis__number", "number"
        )
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        field.label_from_instance = grid_function_label
        return field

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        else:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
