from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tegak.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit.admin_guard import connect

        connect()
