"""The audit events of `audit` (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    KEY_ROTATED = "audit.key_rotated", _("Audit signing key rotated")


AUDIT_KEYS = {
    AuditAction.KEY_ROTATED: {"key_id", "previous_key_id"},
}


class AdminAction(models.TextChoices):
    ADDED = "admin.added", _("Added in the Django admin")
    CHANGED = "admin.changed", _("Changed in the Django admin")
    DELETED = "admin.deleted", _("Deleted in the Django admin")


ADMIN_KEYS = {
    AdminAction.ADDED: {"change", "through"},
    AdminAction.CHANGED: {"change", "through"},
    AdminAction.DELETED: {"change", "through"},
}
