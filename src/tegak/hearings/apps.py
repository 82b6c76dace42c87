from django.apps import AppConfig


class HearingsConfig(AppConfig):
    name = "tegak.hearings"
    label = "hearings"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.hearings.audit_events import KEYS, HearingAction

        catalogue.register(HearingAction, keys=KEYS)

        from tegak.hearings import steps

        steps.connect()
