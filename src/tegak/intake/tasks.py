"""Background jobs of intake: cleaned copies of evidence, made by the worker.

An image is decoded here — outside the request and outside any database transaction — and only
after its header showed it within the limits (`settings.EVIDENCE_MAX_PIXELS`, the report's
`EVIDENCE_MAX_REPORT_PIXELS`, `EVIDENCE_MAX_COPY_BYTES`). A file over a limit, or one that
cannot be read, keeps its original and hash and is marked "not previewable"; nothing fails.
"""

from __future__ import annotations

import hashlib
import logging
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections, router
from django_tasks import task

from tegak.core import onerow
from tegak.intake.files import clean_copy, preview_verdict
from tegak.intake.models import Evidence, EvidenceCopy, PreviewStatus

logger = logging.getLogger(__name__)


def _not_previewable(evidence: Evidence, reason: str, pixels: int = 0) -> None:
    evidence.preview, evidence.preview_reason, evidence.pixels = (
        PreviewStatus.NOT_PREVIEWABLE,
        reason,
        pixels,
    )
    onerow.update_where(
        evidence, ["preview", "preview_reason", "pixels"], preview=PreviewStatus.PENDING.value
    )
    logger.info("evidence %s not previewable: %s", evidence.pk, reason)


def _clean_one(evidence: Evidence, pixels_used: int) -> tuple[str, int]:
    """Make the cleaned copy of one file: (the outcome, the pixels its copy shows)."""
    with evidence.original.open("rb") as handle:
        # At most the limit (and one byte more), but no larger buffer than the file needs:
        # asking for the limit itself made Python set aside 25 MB for every file.
        data = handle.read(min(handle.size, settings.EVIDENCE_MAX_FILE_BYTES) + 1)
    verdict = preview_verdict(
        data,
        evidence.media_type,
        max_pixels=settings.EVIDENCE_MAX_PIXELS,
        report_pixels_left=settings.EVIDENCE_MAX_REPORT_PIXELS - pixels_used,
        max_copy_bytes=settings.EVIDENCE_MAX_COPY_BYTES,
    )
    if not verdict.allowed:
        _not_previewable(evidence, verdict.reason, verdict.pixels)
        return verdict.reason, 0
    result = clean_copy(data, evidence.media_type)  # no transaction is open here
    if result is None:
        _not_previewable(evidence, "unreadable", verdict.pixels)
        return "unreadable", 0
    cleaned, method = result
    if len(cleaned) > settings.EVIDENCE_MAX_COPY_BYTES:
        _not_previewable(evidence, "copy_too_large", verdict.pixels)
        return "copy_too_large", 0
    copy = EvidenceCopy(
        source=evidence,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        media_type=evidence.media_type,
        size=len(cleaned),
        method=method,
    )
    copy.file.save("copy", ContentFile(cleaned), save=False)  # on disk before its row
    evidence.preview, evidence.preview_reason, evidence.pixels = (
        PreviewStatus.READY,
        "",
        verdict.pixels,
    )
    try:
        # The copy's row and the evidence's new state together: one statement on PostgreSQL,
        # which needs no transaction around it (the copy refers to the evidence, so a file
        # whose evidence is gone fails the statement whole); a transaction elsewhere.
        onerow.insert_and_update(copy, evidence, ["preview", "preview_reason", "pixels"])
    except Exception:
        copy.file.delete(save=False)
        raise
    return "ready", verdict.pixels


_PENDING: dict[str, str] = {}


def _pending(report_id: int) -> tuple[list[tuple[Evidence, bool]], int]:
    """The report's files waiting for a cleaned copy, each with whether it has one already (an
    earlier try made it), and the pixels the report's copies already show: one statement,
    written once (the query compiler cost more than the file work of a photo, ADR 0034)."""
    alias = router.db_for_read(Evidence)
    connection = connections[alias]
    sql = _PENDING.get(alias)
    if sql is None:
        quote = connection.ops.quote_name
        evidence, copies = quote(Evidence._meta.db_table), quote(EvidenceCopy._meta.db_table)

        def column(model: Any, name: str) -> str:
            return onerow.column(model, name, using=alias)

        report, preview = column(Evidence, "report"), column(Evidence, "preview")
        key, source = column(Evidence, "id"), column(EvidenceCopy, "source")
        # Names from the models' metadata, quoted; every value is a parameter.
        sql = (
            f"SELECT {onerow.columns(Evidence, using=alias)}, "  # noqa: S608
            f"EXISTS (SELECT 1 FROM {copies} "
            f"WHERE {copies}.{source} = {evidence}.{key}), "
            f"(SELECT COALESCE(SUM(done.{column(Evidence, 'pixels')}), 0) FROM {evidence} done "
            f"WHERE done.{report} = %s AND done.{preview} = %s) "
            f"FROM {evidence} WHERE {evidence}.{report} = %s "
            f"AND {evidence}.{column(Evidence, 'kind')} = %s AND {evidence}.{preview} = %s "
            f"ORDER BY {evidence}.{key}"
        )
        _PENDING[alias] = sql
    ready, waiting = PreviewStatus.READY.value, PreviewStatus.PENDING.value
    with connection.cursor() as cursor:
        cursor.execute(sql, [report_id, ready, report_id, "file", waiting])
        rows = cursor.fetchall()
    pending = [
        (onerow.from_row(Evidence, row, using=alias), bool(has_copy))
        for *row, has_copy, _used in rows
    ]
    return pending, int(rows[0][-1]) if rows else 0


@task()
def clean_report_evidence(report_id: int) -> dict[str, str]:
    """Make the cleaned copies of a report's pending files, one after another: the pixels the
    report's copies already show are counted once, then each new copy's are added, so the
    report's pixel budget is kept exactly."""
    outcome: dict[str, str] = {}
    pending, pixels_used = _pending(report_id)
    for evidence, has_copy in pending:
        if has_copy:  # made by an earlier try whose outcome was not recorded
            evidence.preview = PreviewStatus.READY
            onerow.update_where(evidence, ["preview"])
            pixels_used += evidence.pixels
            outcome[str(evidence.pk)] = "ready"
            continue
        outcome[str(evidence.pk)], shown = _clean_one(evidence, pixels_used)
        pixels_used += shown
    return outcome
