from pathlib import Path

from django.apps import AppConfig
from django.conf import settings


class CoreConfig(AppConfig):
    name = "tegak.core"
    label = "core"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        # Uploads larger than FILE_UPLOAD_MAX_MEMORY_SIZE are spooled here (a folder of our own,
        # so that what a killed process leaves behind can be found and swept).
        folder = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
        if folder:
            Path(folder).mkdir(parents=True, exist_ok=True)
