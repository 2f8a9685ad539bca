from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from actors.models import (
    Actor,
    ActorProposal,
    ActorRedirect,
    ActorType,
    Competence,
    Contact,
    ImportMapping,
    ImportRecord,
    LocalScheme,
    Participation,
    Profession,
    Relation,
    Scheme,
    SearchTerm,
    Sphere,
    StructureMembership,
    Territory,
    Theme,
)


@admin.register(Territory)
class TerritoryAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "code", "key", "departement", "population"]
    list_filter = ["kind", "region", "departement"]
    search_fields = ["name", "code", "key", "search_name"]
    autocomplete_fields = ["region", "departement", "epci", "communes"]
    list_select_related = ["departement"]
    prepopulated_fields = {"slug": ["name"]}
    show_full_result_count = False


class VocabularyAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    search_fields = ["name", "slug", "description"]
    prepopulated_fields = {"slug": ["name"]}


@admin.register(Sphere)
class SphereAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "color", "position"]


@admin.register(ActorType)
class ActorTypeAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "sphere", "position"]
    list_filter = ["sphere"]


@admin.register(Profession)
class ProfessionAdmin(VocabularyAdmin):
    list_display = ["name", "slug", "sphere", "position"]
    list_filter = ["sphere"]


admin.site.register(Theme, VocabularyAdmin)
admin.site.register(Competence, VocabularyAdmin)


class ContactInline(admin.TabularInline):
    model = Contact
    extra = 0
    autocomplete_fields = ["profession"]


class ParticipationInline(admin.TabularInline):
    model = Participation
    extra = 0
    autocomplete_fields = ["actor", "local_scheme"]


class RelationOutInline(admin.TabularInline):
    model = Relation
    fk_name = "source"
    extra = 0
    autocomplete_fields = ["target"]
    verbose_name_plural = _("relations vers d’autres acteurs")


@admin.register(Actor)
class ActorAdmin(admin.ModelAdmin):
    list_display = ["name", "actor_type", "commune", "status", "is_fictional", "updated_at"]
    list_filter = [
        "status",
        "to_complete",
        "is_fictional",
        "spheres",
        "actor_type",
        "commune__departement",
    ]
    search_fields = ["name", "acronym", "slug", "siret", "search_text"]
    autocomplete_fields = [
        "actor_type",
        "spheres",
        "themes",
        "competences",
        "commune",
        "intervention_territories",
    ]
    prepopulated_fields = {"slug": ["name"]}
    readonly_fields = ["created_at", "updated_at", "created_by", "updated_by", "version"]
    list_select_related = ["actor_type", "commune__departement"]
    inlines = [ContactInline, ParticipationInline, RelationOutInline]
    show_full_result_count = False


@admin.register(Contact)
class ContactAdmin(admin.ModelAdmin):
    list_display = ["name", "actor", "profession", "visibility"]
    list_filter = ["visibility", "profession"]
    search_fields = ["name", "role", "actor__name"]
    autocomplete_fields = ["actor", "profession"]
    list_select_related = ["actor", "profession"]


@admin.register(Scheme)
class SchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "acronym", "family", "national_carrier", "position"]
    list_filter = ["family"]
    search_fields = ["name", "acronym", "description"]
    prepopulated_fields = {"slug": ["acronym"]}


@admin.register(LocalScheme)
class LocalSchemeAdmin(admin.ModelAdmin):
    list_display = ["name", "scheme", "status", "start_date", "end_date"]
    list_filter = ["scheme", "status"]
    search_fields = ["name", "description"]
    autocomplete_fields = ["territories"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ParticipationInline]


@admin.register(Participation)
class ParticipationAdmin(admin.ModelAdmin):
    list_display = ["actor", "role", "local_scheme"]
    list_filter = ["role", "local_scheme__scheme"]
    search_fields = ["actor__name", "local_scheme__name"]
    autocomplete_fields = ["actor", "local_scheme"]
    list_select_related = ["actor", "local_scheme"]


@admin.register(Relation)
class RelationAdmin(admin.ModelAdmin):
    list_display = ["source", "kind", "target", "since"]
    list_filter = ["kind"]
    search_fields = ["source__name", "target__name", "note"]
    autocomplete_fields = ["source", "target"]
    list_select_related = ["source", "target"]


@admin.register(ActorProposal)
class ActorProposalAdmin(admin.ModelAdmin):
    list_display = ["actor", "author", "status", "created_at", "reviewer"]
    list_filter = ["status"]
    search_fields = ["actor__name", "author__username", "comment"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor", "author", "reviewer"]


@admin.register(StructureMembership)
class StructureMembershipAdmin(admin.ModelAdmin):
    list_display = ["user", "actor", "status", "is_manager", "created_at"]
    list_filter = ["status", "is_manager"]
    search_fields = ["actor__name", "user__username", "user__email"]
    autocomplete_fields = ["actor"]
    list_select_related = ["actor", "user"]


@admin.register(ActorRedirect)
class ActorRedirectAdmin(admin.ModelAdmin):
    list_display = ["old_slug", "actor", "created_at"]
    search_fields = ["old_slug", "actor__name"]
    autocomplete_fields = ["actor"]


@admin.register(SearchTerm)
class SearchTermAdmin(admin.ModelAdmin):
    list_display = ["term", "normalized"]
    search_fields = ["term", "normalized"]


@admin.register(ImportRecord)
class ImportRecordAdmin(admin.ModelAdmin):
    """Read only: imports are made, previewed and confirmed on /import/."""

    list_display = ["filename", "kind", "status", "created_by", "created_at", "rows_total",
                    "rows_new", "rows_updated", "rows_invalid"]  # fmt: skip
    list_filter = ["kind", "status"]
    search_fields = ["filename"]
    exclude = ["content"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(ImportMapping)
class ImportMappingAdmin(admin.ModelAdmin):
    """The column mappings saved on /import/: renamed or removed here."""

    list_display = ["name", "kind", "created_by", "updated_at"]
    list_filter = ["kind"]
    search_fields = ["name"]
    readonly_fields = ["created_by", "updated_at"]
