from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "tegak.audit"
    label = "audit"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.audit.audit_events import ADMIN_KEYS, AUDIT_KEYS, AdminAction, AuditAction

        catalogue.register(AuditAction, keys=AUDIT_KEYS)
        catalogue.register(AdminAction, keys=ADMIN_KEYS)

        from tegak.audit.admin_guard import connect

        connect()
