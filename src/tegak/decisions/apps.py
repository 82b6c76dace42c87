from django.apps import AppConfig


class DecisionsConfig(AppConfig):
    name = "tegak.decisions"
    label = "decisions"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.decisions.audit_events import KEYS, DecisionAction

        catalogue.register(DecisionAction, keys=KEYS)

        from tegak.decisions import steps

        steps.connect()
