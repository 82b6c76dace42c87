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
    AttendanceAction.ROLL_CALLS_IMPORTED: {"created", "rows", "updated"},
}
