"""Accounts in the admin: staff give the roles of the roles table to others; superuser status,
admin access and raw permissions stay with superusers, and nobody raises their own rights."""

from django.contrib import admin
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group

from mailleurs import roles


class AccountAdmin(UserAdmin):
    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if not roles.can_grant_rights_beyond_roles(request.user):
            fields += roles.RIGHTS_BEYOND_ROLES
        if (
            obj is not None
            and obj.pk == request.user.pk
            and not roles.can_change_own_roles(request.user)
        ):
            fields.append("groups")
        return fields

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and roles.can_change_account(
            request.user, obj
        )

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "groups" and not roles.can_grant_rights_beyond_roles(request.user):
            kwargs["queryset"] = Group.objects.filter(name__in=roles.ROLE_PERMISSIONS)
        return super().formfield_for_manytomany(db_field, request, **kwargs)


User = get_user_model()
admin.site.unregister(User)
admin.site.register(User, AccountAdmin)
