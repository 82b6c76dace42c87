from django.apps import AppConfig


class AttendanceConfig(AppConfig):
    name = "tegak.attendance"
    label = "attendance"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.attendance.audit_events import KEYS, AttendanceAction
        from tegak.audit import catalogue

        catalogue.register(AttendanceAction, keys=KEYS)

        from tegak.attendance.selectors import attendance_for_timeline
        from tegak.cases import sources

        sources.provide_attendance(attendance_for_timeline)
