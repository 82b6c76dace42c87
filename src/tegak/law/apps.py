from django.apps import AppConfig


class LawConfig(AppConfig):
    name = "tegak.law"
    label = "law"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.law.audit_events import KEYS, LawAction

        catalogue.register(LawAction, keys=KEYS)
