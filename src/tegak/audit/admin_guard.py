"""The Django admin never writes past the audit log (#12 item 6).

- Every model of a Tegak app is read-only in the admin (its admin and any inline of it): writes
  go through the services and their audit events (the administration pages).
- What stays writable there (accounts, second-factor devices of django-otp, groups) is audited:
  every admin log entry becomes an `admin.added|changed|deleted` event in the same transaction.
- The bulk "delete selected" action is switched off: it logs without signals.
"""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.contrib.admin.models import ADDITION, CHANGE, DELETION, LogEntry
from django.db import transaction
from django.db.models.signals import post_save

from tegak.audit.audit_events import AdminAction

# Tegak models that stay editable in the admin (audited through their log entries).
WRITABLE = {("accounts", "user")}
ACTIONS = {
    ADDITION: AdminAction.ADDED,
    CHANGE: AdminAction.CHANGED,
    DELETION: AdminAction.DELETED,
}


def _is_domain(model: Any) -> bool:
    meta = model._meta
    return meta.app_config.name.startswith("tegak.") and (
        (meta.app_label, meta.model_name) not in WRITABLE
    )


def _refuse(*args: Any, **kwargs: Any) -> bool:
    return False


def _read_only_inline(inline: type) -> type:
    return type(
        f"ReadOnly{inline.__name__}",
        (inline,),
        {
            "has_add_permission": _refuse,
            "has_change_permission": _refuse,
            "has_delete_permission": _refuse,
            "extra": 0,
        },
    )


def make_domain_models_read_only(site: admin.AdminSite) -> None:
    """Patch every registered admin: domain models read-only, domain inlines read-only."""
    for model, model_admin in site._registry.items():
        if _is_domain(model):
            model_admin.has_add_permission = _refuse  # type: ignore[method-assign]
            model_admin.has_change_permission = _refuse  # type: ignore[method-assign]
            model_admin.has_delete_permission = _refuse  # type: ignore[method-assign]
        inlines = [
            _read_only_inline(inline) if _is_domain(inline.model) else inline
            for inline in model_admin.inlines
        ]
        setattr(model_admin, "inlines", inlines)  # noqa: B010 (a class variable in the stubs)
    if "delete_selected" in dict(site.actions):
        site.disable_action("delete_selected")


def audit_admin_write(sender: Any, instance: LogEntry, created: bool, **kwargs: Any) -> None:
    """One audit event for each admin log entry (never the object's text: it may name people)."""
    if not created:
        return
    from tegak.audit.services import audit_record

    content_type: Any = instance.content_type
    with transaction.atomic():
        audit_record(
            actor=instance.user,
            action=ACTIONS.get(instance.action_flag, AdminAction.CHANGED),
            target_type=(
                f"{content_type.app_label}.{content_type.model}" if content_type else "admin"
            ),
            target_id=str(instance.object_id or ""),
            data={"change": instance.get_change_message()[:1000], "through": "django_admin"},
        )


def connect() -> None:
    make_domain_models_read_only(admin.site)
    post_save.connect(audit_admin_write, sender=LogEntry, dispatch_uid="tegak.audit.admin_write")
