"""The audit events of the job queue (`tegak.audit.catalogue`)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class JobAction(models.TextChoices):
    RETRIED = "job.retried", _("Failed job tried again")
    DISMISSED = "job.dismissed", _("Failed job dismissed")


KEYS = {
    JobAction.RETRIED: {"task", "tries_before"},
    JobAction.DISMISSED: {"task"},
}


class StorageAction(models.TextChoices):
    SWEPT = "storage.swept", _("Stored files swept")


STORAGE_KEYS = {
    StorageAction.SWEPT: {"bytes", "dry_run", "grace_minutes", "orphan_files", "temporary_uploads"},
}
