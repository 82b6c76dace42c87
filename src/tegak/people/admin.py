"""Django admin for the registry (administrators only; day-to-day pages are under /staf/)."""

from __future__ import annotations

from django.contrib import admin

from tegak.people.models import (
    Employee,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)


@admin.register(Instansi)
class InstansiAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "level", "time_zone"]
    search_fields = ["name", "code"]


@admin.register(OrgUnit)
class OrgUnitAdmin(admin.ModelAdmin):
    list_display = ["name", "code", "kind", "parent", "instansi", "active"]
    list_filter = ["instansi", "kind", "active", "is_supervision_unit", "is_personnel_unit"]
    search_fields = ["name", "code"]
    autocomplete_fields = ["parent"]


@admin.register(Position)
class PositionAdmin(admin.ModelAdmin):
    list_display = ["name", "kind", "unit", "is_head"]
    list_filter = ["instansi", "kind", "is_head"]
    search_fields = ["name", "unit__name"]
    autocomplete_fields = ["unit"]


class AssignmentInline(admin.TabularInline):
    model = PositionAssignment
    extra = 0
    autocomplete_fields = ["position"]
    ordering = ["-start"]


class OverrideInline(admin.TabularInline):
    model = SupervisorOverride
    fk_name = "employee"
    extra = 0
    autocomplete_fields = ["supervisor"]


@admin.register(Employee)
class EmployeeAdmin(admin.ModelAdmin):
    list_display = ["name", "nip", "status", "golongan", "instansi", "active"]
    list_filter = ["instansi", "status", "active"]
    search_fields = ["name", "nip"]
    inlines = [AssignmentInline, OverrideInline]


@admin.register(PositionAssignment)
class PositionAssignmentAdmin(admin.ModelAdmin):
    list_display = ["employee", "position", "kind", "start", "end"]
    list_filter = ["kind"]
    search_fields = ["employee__name", "employee__nip", "position__name"]
    autocomplete_fields = ["employee", "position"]
