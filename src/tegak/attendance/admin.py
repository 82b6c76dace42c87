"""Administration of the instansi's attendance settings: device ids, flexible work (the
instansi's calendar days are `tegak.law.CalendarDay`, on the schedules pages). Check-ins, leave
and alerts are shown read-only (they come from imports and the engine)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from tegak.attendance.models import (
    AttendanceAlert,
    DailyCheckIn,
    DeviceUser,
    FlexibleWorkGrant,
    LeaveRecord,
)


@admin.register(DeviceUser)
class DeviceUserAdmin(admin.ModelAdmin):
    list_display = ["device_user_id", "employee", "instansi"]
    list_filter = ["instansi"]
    raw_id_fields = ["employee"]
    search_fields = ["device_user_id"]


@admin.register(FlexibleWorkGrant)
class FlexibleWorkGrantAdmin(admin.ModelAdmin):
    list_display = ["kind", "start", "end", "employee", "unit", "weekdays", "source_decree"]
    list_filter = ["instansi", "kind"]
    raw_id_fields = ["employee", "unit"]


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(DailyCheckIn)
class DailyCheckInAdmin(ReadOnlyAdmin):
    list_display = ["employee", "day", "first_at", "last_at"]
    date_hierarchy = "day"


@admin.register(LeaveRecord)
class LeaveRecordAdmin(ReadOnlyAdmin):
    list_display = ["employee", "kind", "start", "end", "reference"]
    list_filter = ["kind"]


@admin.register(AttendanceAlert)
class AttendanceAlertAdmin(ReadOnlyAdmin):
    list_display = ["employee", "year", "threshold", "superior", "created", "opened_case_reference"]
    list_filter = ["year", "level"]
