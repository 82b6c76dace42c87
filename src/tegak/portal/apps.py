from typing import Any

from django.apps import AppConfig
from django.db.models.signals import post_migrate


def refresh_outdated_after_migrate(
    sender: Any, apps: Any = None, verbosity: int = 1, stdout: Any = None, **_: Any
) -> None:
    """post_migrate: the register entries an older projection wrote are written again (not when
    the database was taken back to before the register kept its projection's version)."""
    from tegak.portal.services import register_refresh_outdated

    try:
        state = apps.get_model("portal", "RegisterEntry") if apps is not None else None
    except LookupError:
        return
    if state is not None and "projection_version" not in {f.name for f in state._meta.fields}:
        return
    written = register_refresh_outdated()
    if written and stdout is not None and verbosity:
        stdout.write(f"Public register: {written} entries written again by the new projection\n")


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
        post_migrate.connect(
            refresh_outdated_after_migrate, sender=self, dispatch_uid="portal-refresh-outdated"
        )
