"""Django admin for staff accounts: users with their roles, and a second-factor reset."""

from __future__ import annotations

from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from tegak.accounts.models import RoleAssignment, User
from tegak.accounts.services import second_factor_reset


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 1


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    inlines = [RoleInline]
    list_display = ["username", "first_name", "last_name", "employee", "is_active", "is_staff"]
    autocomplete_fields = ["employee"]
    fieldsets = (
        *BaseUserAdmin.fieldsets,  # type: ignore[misc]
        (_("Registry"), {"fields": ["employee", "preferred_language"]}),
    )
    actions = ["reset_second_factor"]

    @admin.action(description=_("Reset the second factor (the user enrols again)"))
    def reset_second_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        count = 0
        for user in queryset:
            count += second_factor_reset(actor=request.user, user=user)
        self.message_user(
            request,
            ngettext(
                "%(count)d account must set up its second factor again.",
                "%(count)d accounts must set up their second factor again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(admin.ModelAdmin):
    list_display = ["user", "role", "instansi"]
    list_filter = ["role", "instansi"]
    search_fields = ["user__username"]
