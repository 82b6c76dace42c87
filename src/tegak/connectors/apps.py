from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ConnectorsConfig(AppConfig):
    name = "tegak.connectors"
    label = "connectors"
    verbose_name = _("Connections to other systems")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.connectors import subscribers
        from tegak.connectors.audit_events import KEYS, ConnectorAction

        catalogue.register(ConnectorAction, keys=KEYS)
        subscribers.subscribe()
