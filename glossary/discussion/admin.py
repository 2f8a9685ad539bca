"""The discussion in the admin: to find a message and see its moderation, not to write one.
Messages are written, hidden and shown again on the term page, where the rules are checked."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from glossary.discussion.models import TermComment


class HiddenFilter(admin.SimpleListFilter):
    title = _("visibilité")
    parameter_name = "masque"

    def lookups(self, request, model_admin):
        return [("oui", _("Masqués")), ("non", _("Visibles"))]

    def queryset(self, request, queryset):
        if self.value() == "oui":
            return queryset.filter(hidden_at__isnull=False)
        if self.value() == "non":
            return queryset.filter(hidden_at__isnull=True)
        return queryset


@admin.register(TermComment)
class TermCommentAdmin(admin.ModelAdmin):
    list_display = ["term", "author", "sphere", "created_at", "is_hidden"]
    list_filter = [HiddenFilter, "sphere", "created_at"]
    list_select_related = ["term", "author", "sphere"]
    search_fields = ["body", "term__word", "author__username", "hidden_reason"]
    date_hierarchy = "created_at"
    fields = [
        "term",
        "author",
        "sphere",
        "created_at",
        "body",
        "hidden_at",
        "hidden_by",
        "hidden_reason",
    ]
    readonly_fields = fields

    @admin.display(boolean=True, description=_("masqué"))
    def is_hidden(self, comment) -> bool:
        return comment.is_hidden

    def has_add_permission(self, request) -> bool:
        return False
