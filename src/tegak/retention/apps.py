from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RetentionConfig(AppConfig):
    name = "tegak.retention"
    label = "retention"
    verbose_name = _("Retention of records")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.retention.audit_events import KEYS, RetentionAction

        catalogue.register(RetentionAction, keys=KEYS)
