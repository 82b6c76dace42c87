"""Writes of retention: periods, the deletion switch, legal holds, dry runs and deletions.
Each is atomic and writes one audit event; deleted files leave storage only after the commit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.cases.models import Case
from tegak.core.access import Right, administers, has_right
from tegak.core.errors import InputError
from tegak.intake.models import Evidence, Report
from tegak.people.models import Instansi
from tegak.retention import engine
from tegak.retention.models import (
    LegalHold,
    RetentionPolicy,
    RetentionRun,
    RetentionSettings,
    Tombstone,
)
from tegak.retention.policy import MAX_MONTHS, MIN_MONTHS, RULES, RecordClass

# The dry run's list keeps at most this many lines (the counts are always complete).
LISTED = 2000


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not administers(actor, instansi):
        raise PermissionDenied


def _actor_label(actor: Any) -> str:
    if getattr(actor, "is_system_actor", False):
        return str(actor.name)
    return str(actor.get_username())


def policy_set(
    *, actor: Any, instansi: Instansi, record_class: str, months: int | None
) -> RetentionPolicy | None:
    """Set the instansi's period for a record class (None: back to the default)."""
    _require_admin(actor, instansi)
    rule = RULES.get(record_class)
    if rule is None or rule.months is None:
        raise InputError("record_class", _("This kind of record has no period to set."))
    if months is not None and not MIN_MONTHS <= months <= MAX_MONTHS:
        raise InputError(
            "months",
            _("Give a number of months from %(low)s to %(high)s.")
            % {"low": MIN_MONTHS, "high": MAX_MONTHS},
        )
    with transaction.atomic():
        before = engine.periods(instansi).get(record_class)
        row = None
        if months is None:
            RetentionPolicy.objects.filter(instansi=instansi, record_class=record_class).delete()
        else:
            row, _created = RetentionPolicy.objects.update_or_create(
                instansi=instansi, record_class=record_class, defaults={"months": months}
            )
        audit_record(
            actor=actor,
            action="retention.policy_set",
            target=instansi,
            instansi_code=instansi.code,
            data={"record_class": record_class, "months": months, "before": before},
        )
    return row


def deletion_switch(*, actor: Any, instansi: Instansi, enabled: bool) -> RetentionSettings:
    """Switch scheduled deletion on (only after a dry run) or off."""
    _require_admin(actor, instansi)
    last_dry = RetentionRun.objects.filter(instansi=instansi, dry_run=True).first()
    if enabled and last_dry is None:
        raise InputError(
            "enabled",
            _("Run a dry run first and read what would be deleted before switching deletion on."),
        )
    with transaction.atomic():
        row, _created = RetentionSettings.objects.get_or_create(instansi=instansi)
        row.deletion_enabled = enabled
        row.switched_at = timezone.now()
        row.switched_by = actor
        row.save()
        audit_record(
            actor=actor,
            action="retention.deletion_switched",
            target=instansi,
            instansi_code=instansi.code,
            data={"enabled": enabled, "dry_run_id": last_dry.pk if last_dry else None},
        )
    return row


def hold_place(
    *,
    actor: Any,
    instansi: Instansi,
    reason: str,
    case: Case | None = None,
    report: Report | None = None,
) -> LegalHold:
    """Hold a case (with its reports, evidence, messages and the accused's attendance) or a
    report: nothing of it is deleted until the hold is released."""
    _require_admin(actor, instansi)
    reason = (reason or "").strip()
    if (case is None) == (report is None):
        raise InputError("target", _("Choose one case or one report to hold."))
    target: Any = case if case is not None else report
    if target.instansi_id != instansi.pk:
        raise PermissionDenied
    if not reason:
        raise InputError("reason", _("Say why the records must be kept (e.g. a lawsuit)."))
    reference = case.register_number if case is not None else report.reference  # type: ignore[union-attr]
    with transaction.atomic():
        hold = LegalHold.objects.create(
            instansi=instansi,
            case=case,
            report=report,
            target_reference=reference,
            reason=reason,
            placed_by=actor,
        )
        audit_record(
            actor=actor,
            action="retention.hold_placed",
            target=hold,
            instansi_code=instansi.code,
            data={
                "case_id": case.pk if case else None,
                "report_id": report.pk if report else None,
                "reason_length": len(reason),
            },
        )
    return hold


def hold_release(*, actor: Any, hold: LegalHold, reason: str) -> LegalHold:
    """Release a hold, with the reason (the records' periods run again)."""
    _require_admin(actor, hold.instansi)
    reason = (reason or "").strip()
    if not reason:
        raise InputError("release_reason", _("Say why the hold is no longer needed."))
    if hold.released_at is not None:
        raise InputError("release_reason", _("This hold was already released."))
    with transaction.atomic():
        hold.released_at = timezone.now()
        hold.released_by = actor
        hold.release_reason = reason
        hold.save(update_fields=["released_at", "released_by", "release_reason"])
        audit_record(
            actor=actor,
            action="retention.hold_released",
            target=hold,
            instansi_code=hold.instansi.code,
            data={
                "case_id": hold.case_id,
                "report_id": hold.report_id,
                "reason_length": len(reason),
            },
        )
    return hold


def _counts(found: list[engine.Due]) -> dict[str, int]:
    counts: dict[str, int] = {}
    for item in found:
        counts[item.record_class] = counts.get(item.record_class, 0) + max(1, len(item.objects))
    return counts


def _add(total: dict[str, int], more: dict[str, int]) -> None:
    for name, count in more.items():
        total[name] = total.get(name, 0) + count


def dry_run(*, actor: Any, instansi: Instansi, as_of: date | None = None) -> RetentionRun:
    """List what would be deleted (and which case files are due for the archivist); nothing
    is deleted. The counts are complete; the list keeps the first LISTED lines."""
    if not getattr(actor, "is_system_actor", False):
        _require_admin(actor, instansi)
    as_of = as_of or timezone.localdate()
    counts: dict[str, int] = {}
    items: list[dict[str, Any]] = []
    for item in engine.due(instansi, as_of):
        _add(counts, _counts([item]))
        if len(items) < LISTED:
            items.append(item.listing())
    with transaction.atomic():
        run = RetentionRun.objects.create(
            instansi=instansi,
            dry_run=True,
            as_of=as_of,
            actor_label=_actor_label(actor),
            counts=counts,
            items=items,
            finished_at=timezone.now(),
        )
        audit_record(
            actor=actor,
            action="retention.dry_run",
            target=run,
            instansi_code=instansi.code,
            data={"counts": run.counts, "as_of": as_of.isoformat()},
        )
    return run


def _files_of(evidence: list[Evidence]) -> list[tuple[Any, str]]:
    files = []
    for item in evidence:
        if item.original:
            files.append((item.original.storage, item.original.name))
        copy = getattr(item, "clean_copy", None)
        if copy is not None and copy.file:
            files.append((copy.file.storage, copy.file.name))
    return files


def _remove(item: engine.Due) -> tuple[str, int, list[tuple[Any, str]]]:
    """Delete one due item; its digest, the number of rows and the files to drop on commit."""
    if item.record_class == RecordClass.REPORT_NOT_TAKEN_UP:
        report = item.objects[0]
        assert isinstance(report, Report)
        evidence = list(Evidence.objects.filter(report=report).select_related("clean_copy"))
        rows: list[Any] = [report, *evidence, *report.messages.all(), *report.accused.all()]
        rows += [item.clean_copy for item in evidence if hasattr(item, "clean_copy")]
        digest = engine.record_digest(rows, [e.sha256 for e in evidence])
        files = _files_of(evidence)
        report.delete()
        return digest, 1, files
    if item.record_class == RecordClass.REPORTER_IDENTITY:
        report = item.objects[0]
        assert isinstance(report, Report)
        digest = engine.record_digest([], [report.identity_sealed, report.notice_contact_sealed])
        Report.objects.filter(pk=report.pk).update(identity_sealed="", notice_contact_sealed="")
        return digest, 1, []
    if item.record_class == RecordClass.EVIDENCE:
        evidence = list(
            Evidence.objects.filter(pk__in=[row.pk for row in item.objects]).select_related(
                "clean_copy"
            )
        )
        copies = [row.clean_copy for row in evidence if hasattr(row, "clean_copy")]
        digest = engine.record_digest([*evidence, *copies], [e.sha256 for e in evidence])
        files = _files_of(evidence)
        Evidence.objects.filter(pk__in=[row.pk for row in evidence]).delete()
        return digest, len(evidence), files
    # Messages and attendance rows: plain rows.
    digest = engine.record_digest(item.objects)
    model: Any = type(item.objects[0])
    model.objects.filter(pk__in=[row.pk for row in item.objects]).delete()
    return digest, len(item.objects), []


def _drop_files(files: list[tuple[Any, str]]) -> None:
    for storage, name in files:
        storage.delete(name)


Progress = Callable[[int, dict[str, int], dict[str, int]], None]


def delete_due(
    *,
    actor: Any,
    instansi: Instansi,
    as_of: date | None = None,
    progress: Progress | None = None,
) -> RetentionRun:
    """Delete everything that has reached the end of its period (deletion must be switched on,
    which needs a dry run first), leaving a tombstone for each record.

    The run goes in batches (`engine.next_batch`: at most 500 records of a class), each in its
    own transaction with its tombstones and one `retention.deleted` audit event, until nothing
    is due: memory stays bounded however much is due, and a run stopped half-way leaves only
    whole, audited batches. The run's row shows the progress (`batches`, `counts`, and
    `finished_at` once done); `progress(batch, batch_counts, total_counts)` is called after
    each batch is committed."""
    if not has_right(actor, Right.RETENTION_DELETE, instansi):
        raise PermissionDenied
    switch = RetentionSettings.objects.filter(instansi=instansi).first()
    if switch is None or not switch.deletion_enabled:
        raise InputError("enabled", _("Scheduled deletion is switched off for this instansi."))
    as_of = as_of or timezone.localdate()
    months = engine.periods(instansi)
    run = RetentionRun.objects.create(
        instansi=instansi,
        dry_run=False,
        as_of=as_of,
        actor_label=_actor_label(actor),
        counts={},
    )
    total: dict[str, int] = {}
    while True:
        with transaction.atomic():
            found = engine.next_batch(instansi, as_of)
            if not found and run.batches:
                break
            batch = run.batches + 1
            files: list[tuple[Any, str]] = []
            for item in found:
                digest, count, item_files = _remove(item)
                files += item_files
                Tombstone.objects.create(
                    instansi=instansi,
                    run=run,
                    record_class=item.record_class,
                    target_type=item.target_type,
                    target_reference=item.reference,
                    item_count=count,
                    period_from=item.period_from,
                    months=int(months[item.record_class] or 0),
                    basis=RULES[item.record_class].basis[:300],
                    content_sha256=digest,
                )
            counts = _counts(found)
            _add(total, counts)
            run.counts = total
            run.batches = batch
            if not found:
                run.finished_at = timezone.now()
            run.save(update_fields=["counts", "batches", "finished_at"])
            audit_record(
                actor=actor,
                action="retention.deleted",
                target=run,
                instansi_code=instansi.code,
                data={
                    "counts": counts,
                    "as_of": as_of.isoformat(),
                    "tombstones": len(found),
                    "batch": batch,
                },
            )
            transaction.on_commit(partial(_drop_files, files))
        if progress is not None:
            progress(batch, counts, dict(total))
        if not found:
            return run
    run.finished_at = timezone.now()
    run.save(update_fields=["finished_at"])
    return run
