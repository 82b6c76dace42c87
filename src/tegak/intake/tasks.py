"""Background jobs of intake: cleaned copies of evidence, made by the worker.

An image is decoded here — outside the request and outside any database transaction — and only
after its header showed it within the limits (`settings.EVIDENCE_MAX_PIXELS`, the report's
`EVIDENCE_MAX_REPORT_PIXELS`, `EVIDENCE_MAX_COPY_BYTES`). A file over a limit, or one that
cannot be read, keeps its original and hash and is marked "not previewable"; nothing fails.
"""

from __future__ import annotations

import hashlib
import logging

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum
from django_tasks import task

from tegak.intake.files import clean_copy, preview_verdict
from tegak.intake.models import Evidence, EvidenceCopy, PreviewStatus

logger = logging.getLogger(__name__)


def _not_previewable(evidence: Evidence, reason: str, pixels: int = 0) -> None:
    Evidence.objects.filter(pk=evidence.pk, preview=PreviewStatus.PENDING).update(
        preview=PreviewStatus.NOT_PREVIEWABLE, preview_reason=reason, pixels=pixels
    )
    logger.info("evidence %s not previewable: %s", evidence.pk, reason)


def _clean_one(evidence: Evidence) -> str:
    used = (
        Evidence.objects.filter(report_id=evidence.report_id, preview=PreviewStatus.READY)
        .aggregate(total=Sum("pixels"))
        .get("total")
        or 0
    )
    with evidence.original.open("rb") as handle:
        data = handle.read(settings.EVIDENCE_MAX_FILE_BYTES + 1)
    verdict = preview_verdict(
        data,
        evidence.media_type,
        max_pixels=settings.EVIDENCE_MAX_PIXELS,
        report_pixels_left=settings.EVIDENCE_MAX_REPORT_PIXELS - used,
        max_copy_bytes=settings.EVIDENCE_MAX_COPY_BYTES,
    )
    if not verdict.allowed:
        _not_previewable(evidence, verdict.reason, verdict.pixels)
        return verdict.reason
    result = clean_copy(data, evidence.media_type)  # no transaction is open here
    if result is None:
        _not_previewable(evidence, "unreadable", verdict.pixels)
        return "unreadable"
    cleaned, method = result
    if len(cleaned) > settings.EVIDENCE_MAX_COPY_BYTES:
        _not_previewable(evidence, "copy_too_large", verdict.pixels)
        return "copy_too_large"
    copy = EvidenceCopy(
        source=evidence,
        sha256=hashlib.sha256(cleaned).hexdigest(),
        media_type=evidence.media_type,
        size=len(cleaned),
        method=method,
    )
    copy.file.save("copy", ContentFile(cleaned), save=False)
    try:
        with transaction.atomic():
            copy.save()
            Evidence.objects.filter(pk=evidence.pk).update(
                preview=PreviewStatus.READY, preview_reason="", pixels=verdict.pixels
            )
    except Exception:
        copy.file.delete(save=False)
        raise
    return "ready"


@task()
def clean_report_evidence(report_id: int) -> dict[str, str]:
    """Make the cleaned copies of a report's pending files, one after another (so the report's
    pixel budget is counted exactly)."""
    outcome: dict[str, str] = {}
    pending = Evidence.objects.filter(
        report_id=report_id, kind="file", preview=PreviewStatus.PENDING
    ).order_by("pk")
    for evidence in pending:
        if EvidenceCopy.objects.filter(source=evidence).exists():
            Evidence.objects.filter(pk=evidence.pk).update(preview=PreviewStatus.READY)
            outcome[str(evidence.pk)] = "ready"
            continue
        outcome[str(evidence.pk)] = _clean_one(evidence)
    return outcome
