"""The audit events of `attendance` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AttendanceAction(models.TextChoices):
    IMPORTED = "attendance.imported", _("Attendance imported")
    IMPORT_QUEUED = "attendance.import_queued", _("Attendance file uploaded for import")
    ALERTS_REFRESHED = "attendance.alerts_refreshed", _("Attendance alerts refreshed")
    ALERT_CASE_OPENED = "attendance.alert_case_opened", _("Case opened from an attendance alert")
    ROLL_CALL_ENTERED = "attendance.roll_call_entered", _("Roll call entered")
    ROLL_CALLS_IMPORTED = "attendance.roll_calls_imported", _("Roll calls imported")
    DEVICE_USER_SET = "attendance.device_user_set", _("Machine user id mapped to an employee")
    DEVICE_USER_REMOVED = "attendance.device_user_removed", _("Machine user id removed")
    DEVICE_MAP_IMPORTED = "attendance.device_map_imported", _("Machine-ID map imported")
    FLEXIBLE_WORK_GRANTED = "attendance.flexible_work_granted", _("Flexible work granted")
    FLEXIBLE_WORK_REVOKED = "attendance.flexible_work_revoked", _("Flexible-work grant removed")


KEYS = {
    AttendanceAction.IMPORT_QUEUED: {"checkins", "leave", "run_id"},
    AttendanceAction.IMPORTED: {
        "alerts_created",
        "checkins_kept",
        "days_new",
        "days_updated",
        "duplicates",
        "format",
        "leave_kept",
        "leave_rows_read",
        "leave_skipped",
        "naive_read_in_zone",
        "rows_read",
        "skipped",
        "years",
    },
    AttendanceAction.ALERTS_REFRESHED: {"alerts_created", "year"},
    AttendanceAction.ALERT_CASE_OPENED: {"threshold", "year"},
    AttendanceAction.ROLL_CALL_ENTERED: {"created", "day", "updated"},
    AttendanceAction.ROLL_CALLS_IMPORTED: {"created", "days", "rows", "source", "updated"},
    AttendanceAction.DEVICE_USER_SET: {"employee_id", "previous_employee_id"},
    AttendanceAction.DEVICE_USER_REMOVED: {"employee_id"},
    AttendanceAction.DEVICE_MAP_IMPORTED: {"created", "rows", "updated"},
    AttendanceAction.FLEXIBLE_WORK_GRANTED: {
        "employee_id",
        "end",
        "kind",
        "start",
        "unit_id",
        "weekdays",
    },
    AttendanceAction.FLEXIBLE_WORK_REVOKED: {"end", "kind", "reason", "start"},
}
