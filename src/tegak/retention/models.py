"""Retention: the instansi's periods, legal holds, runs (dry or real) and the tombstones left
where records were deleted. A tombstone says what, when and under which rule, with the hash of
what was removed — never any of its content."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from tegak.people.models import Instansi
from tegak.retention.policy import RecordClass


class RetentionPolicy(models.Model):
    """An instansi's period for one record class (the default applies where there is none)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    record_class = models.CharField(_("records"), max_length=24, choices=RecordClass.choices)
    months = models.PositiveIntegerField(_("months kept"))
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("retention period")
        verbose_name_plural = _("retention periods")
        constraints = [
            models.UniqueConstraint(
                fields=["instansi", "record_class"], name="retention_policy_once_per_class"
            )
        ]

    def __str__(self) -> str:
        return f"{self.instansi_id} {self.record_class}: {self.months}"


class RetentionSettings(models.Model):
    """Whether the worker deletes on schedule for this instansi (off until a dry run was
    looked at and deletion switched on)."""

    instansi = models.OneToOneField(Instansi, on_delete=models.CASCADE, related_name="+")
    deletion_enabled = models.BooleanField(_("delete on schedule"), default=False)
    switched_at = models.DateTimeField(null=True, blank=True)
    switched_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    def __str__(self) -> str:
        return f"{self.instansi_id}: {self.deletion_enabled}"


class LegalHold(models.Model):
    """Nothing tied to this case or report is deleted while the hold stands (a lawsuit, an
    investigation, an objection outside Tegak)."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # A released hold does not keep its report: the report may go at the end of its period.
    report = models.ForeignKey(
        "intake.Report", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # The case's register number or the report's number, kept when the report is gone.
    target_reference = models.CharField(_("held record"), max_length=80)
    reason = models.TextField(_("reason"))
    placed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    placed_at = models.DateTimeField(auto_now_add=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    released_at = models.DateTimeField(null=True, blank=True)
    release_reason = models.TextField(_("reason for release"), blank=True)

    class Meta:
        verbose_name = _("legal hold")
        verbose_name_plural = _("legal holds")
        ordering = ["-placed_at", "-id"]

    def __str__(self) -> str:
        return f"hold {self.pk} ({self.target_reference})"

    @property
    def active(self) -> bool:
        return self.released_at is None


class RetentionRun(models.Model):
    """One pass over an instansi's records: a dry run lists what would go, a real run deletes."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    dry_run = models.BooleanField(_("dry run"))
    as_of = models.DateField(_("as of"))
    started_at = models.DateTimeField(auto_now_add=True)
    actor_label = models.CharField(max_length=150)
    counts = models.JSONField(default=dict)
    # The dry run's list: [{"record_class", "reference", "from", "due_on"}], no content.
    items = models.JSONField(default=list)
    # Progress of a deletion: batches committed so far (each its own transaction), and when the
    # run found nothing more to delete (empty while it goes on, or if it was stopped).
    batches = models.PositiveIntegerField(_("batches"), default=0)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]

    def __str__(self) -> str:
        return f"{self.instansi_id} {'dry' if self.dry_run else 'run'} {self.as_of}"


class Tombstone(models.Model):
    """What was deleted, when, under which rule, and the SHA-256 of what was removed."""

    instansi = models.ForeignKey(Instansi, on_delete=models.CASCADE, related_name="+")
    run = models.ForeignKey(RetentionRun, on_delete=models.PROTECT, related_name="tombstones")
    record_class = models.CharField(_("records"), max_length=24, choices=RecordClass.choices)
    target_type = models.CharField(max_length=60)
    # The record's number or id (LAP-2024-000012, a row id): never a name or a text.
    target_reference = models.CharField(_("record"), max_length=80)
    item_count = models.PositiveIntegerField(_("items"), default=1)
    period_from = models.DateField(_("period ran from"))
    months = models.PositiveIntegerField(_("months kept"))
    basis = models.CharField(_("rule"), max_length=300)
    content_sha256 = models.CharField(_("SHA-256 of what was removed"), max_length=64)
    deleted_at = models.DateTimeField(_("deleted"), auto_now_add=True)

    class Meta:
        verbose_name = _("tombstone")
        verbose_name_plural = _("tombstones")
        ordering = ["-deleted_at", "-id"]
        indexes = [models.Index(fields=["instansi", "-deleted_at"])]

    def __str__(self) -> str:
        return f"{self.record_class} {self.target_reference}"
