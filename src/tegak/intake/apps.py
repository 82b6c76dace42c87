from django.apps import AppConfig


class IntakeConfig(AppConfig):
    name = "tegak.intake"
    label = "intake"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.intake.audit_events import INTAKE_KEYS, REPORT_KEYS, IntakeAction, ReportAction

        catalogue.register(IntakeAction, keys=INTAKE_KEYS)
        catalogue.register(ReportAction, keys=REPORT_KEYS)

        from tegak.intake import search

        # The queue's search column follows the report's text.
        search.connect()
