from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tegak.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.portal import subscribers
        from tegak.portal.audit_events import KEYS, PortalAction

        catalogue.register(PortalAction, keys=KEYS)
        subscribers.connect()
