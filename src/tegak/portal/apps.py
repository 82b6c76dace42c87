from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "tegak.portal"
    label = "portal"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.portal import subscribers

        subscribers.connect()
