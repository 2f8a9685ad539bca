"""Jobs in the admin, read only: the site's team sees what runs, what failed and why."""

from django.contrib import admin

from mailleurs.background.models import Job


@admin.register(Job)
class JobAdmin(admin.ModelAdmin):
    list_display = ["label", "owner", "status", "rows_done", "rows_total", "created_at"]
    list_filter = ["status", "kind"]
    search_fields = ["label", "owner__username", "error_message"]
    date_hierarchy = "created_at"
    readonly_fields = [field.name for field in Job._meta.fields]

    def has_add_permission(self, request):
        return False
