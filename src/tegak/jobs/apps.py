from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class JobsConfig(AppConfig):
    name = "tegak.jobs"
    label = "jobs"
    verbose_name = _("Background jobs")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from tegak.audit import catalogue
        from tegak.jobs import checks  # noqa: F401 - registers the settings check
        from tegak.jobs.audit_events import KEYS, STORAGE_KEYS, JobAction, StorageAction

        catalogue.register(JobAction, keys=KEYS)
        catalogue.register(StorageAction, keys=STORAGE_KEYS)
