from django.contrib import admin
from simple_history.admin import SimpleHistoryAdmin

from glossary.discussion.admin import TermCommentAdmin  # noqa: F401  registers it
from glossary.models import Term, TermView


class TermViewInline(admin.StackedInline):
    model = TermView
    extra = 1


@admin.register(Term)
class TermAdmin(SimpleHistoryAdmin):
    list_display = ["word", "acronym", "category", "version"]
    list_filter = ["category", "views__sphere"]
    search_fields = ["word", "acronym", "variants", "definition"]
    prepopulated_fields = {"slug": ["word"]}
    filter_horizontal = ["schemes", "related", "not_to_confuse"]
    readonly_fields = ["version", "updated_by"]
    inlines = [TermViewInline]

    def save_model(self, request, obj, form, change):
        if change:
            obj.version += 1
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
