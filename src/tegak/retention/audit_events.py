"""The audit events of retention (`tegak.audit.catalogue`): each action with its label and the
keys of the data it carries (counts and rules only: nothing of what was deleted)."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class RetentionAction(models.TextChoices):
    POLICY_SET = "retention.policy_set", _("Retention period set")
    DELETION_SWITCHED = "retention.deletion_switched", _("Scheduled deletion switched on or off")
    HOLD_PLACED = "retention.hold_placed", _("Legal hold placed")
    HOLD_RELEASED = "retention.hold_released", _("Legal hold released")
    DRY_RUN = "retention.dry_run", _("Retention dry run")
    DELETED = "retention.deleted", _("Records deleted at the end of their retention period")


KEYS = {
    RetentionAction.POLICY_SET: {"record_class", "months", "before"},
    RetentionAction.DELETION_SWITCHED: {"enabled", "dry_run_id"},
    RetentionAction.HOLD_PLACED: {"case_id", "report_id", "reason_length"},
    RetentionAction.HOLD_RELEASED: {"case_id", "report_id", "reason_length"},
    RetentionAction.DRY_RUN: {"counts", "as_of"},
    RetentionAction.DELETED: {"counts", "as_of", "tombstones", "batch"},
}
