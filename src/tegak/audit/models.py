"""The append-only, hash-chained event log."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditChainHead(models.Model):
    """The single row that serialises writers and remembers the end of the chain.

    Locking it (SELECT ... FOR UPDATE) makes concurrent writers take turns, and keeping the last
    sequence number and hash here lets `audit verify` notice a truncated tail.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=1)
    last_sequence = models.BigIntegerField(default=0)
    last_hash = models.CharField(max_length=64, default="0" * 64)
    # HMAC over (last_sequence, last_hash) under the audit key named by key_id (tegak.audit.keys):
    # cutting the tail and rewinding this row cannot be done without the key.
    mac = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        verbose_name = _("audit chain head")

    def __str__(self) -> str:
        return f"#{self.last_sequence} {self.last_hash[:12]}"


class AuditEvent(models.Model):
    """One recorded action. Never updated, never deleted."""

    sequence = models.BigIntegerField(unique=True)
    occurred_at = models.DateTimeField()
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A label kept even if the account is later renamed: username, "public" or "system".
    actor_label = models.CharField(max_length=150)
    action = models.CharField(max_length=80, db_index=True)
    instansi_code = models.CharField(max_length=32, blank=True, db_index=True)
    target_type = models.CharField(max_length=80, blank=True)
    target_id = models.CharField(max_length=64, blank=True)
    # What happened, without personal data of reporters (their identity never enters the log).
    data = models.JSONField(default=dict, blank=True)
    previous_hash = models.CharField(max_length=64)
    hash = models.CharField(max_length=64, unique=True)
    # HMAC-SHA256 of `hash` under the audit key `key_id`, held outside the database.
    mac = models.CharField(max_length=64, blank=True)
    key_id = models.CharField(max_length=16, blank=True)

    class Meta:
        ordering = ["sequence"]
        indexes = [models.Index(fields=["target_type", "target_id", "sequence"])]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"#{self.sequence} {self.action} {self.target_type}:{self.target_id}"


class AuditCheckpoint(models.Model):
    """A signed statement of the chain's head at one moment (tegak.audit.checkpoints).

    `statement` is the exact canonical JSON that was signed with the installation's Ed25519 key;
    copies held elsewhere (dossiers, the portal, exports) prove how far the chain reached.
    """

    sequence = models.BigIntegerField(db_index=True)
    hash = models.CharField(max_length=64)
    created_at = models.DateTimeField()
    statement = models.TextField()
    signature = models.CharField(max_length=128)
    signing_key_id = models.CharField(max_length=16)

    class Meta:
        ordering = ["-sequence", "-created_at"]
        verbose_name = _("audit checkpoint")
        verbose_name_plural = _("audit checkpoints")

    def __str__(self) -> str:
        return f"checkpoint #{self.sequence} {self.hash[:12]}"


class AuditVerification(models.Model):
    """One check of the whole chain (`tegak.audit.verify`), by the worker every night or on an
    auditor's request, kept so that staff see tampering without the command line."""

    ran_at = models.DateTimeField(db_index=True)
    intact = models.BooleanField()
    events_checked = models.BigIntegerField(default=0)
    checkpoints_checked = models.IntegerField(default=0)
    broken_sequence = models.BigIntegerField(null=True, blank=True)
    reason = models.TextField(blank=True)

    class Meta:
        ordering = ["-ran_at", "-id"]
        verbose_name = _("audit chain check")
        verbose_name_plural = _("audit chain checks")

    def __str__(self) -> str:
        return f"{self.ran_at:%Y-%m-%d %H:%M} {'intact' if self.intact else 'broken'}"
