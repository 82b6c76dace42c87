"""Cleaned copies made again: when the cleaner learns to leave out more, the copies it made before
still hold what it now leaves out, and people outside the examination team download them."""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from tegak.audit.services import audit_record
from tegak.intake.models import Evidence, EvidenceCopy, PreviewStatus
from tegak.intake.services.common import _enqueue_cleaning, _remove_files

# The methods of copies made by cleaners since replaced: until 2026-12-07 the JPEG and PNG
# cleaners dropped a list of known blocks and kept the rest (a phone's further images with
# their EXIF and GPS, text after the image's end, private PNG chunks).
SUPERSEDED_METHODS = ("jpeg_metadata_removed", "png_metadata_removed")


def copies_remake(*, actor: Any, batch: int = 500) -> dict[str, int]:
    """Remove the copies made by superseded cleaners and have the worker make them again: per
    report, the copies' rows go and their files are marked pending in one transaction with the
    report's cleaning job; the old files are removed after the commit. Recorded as one event."""
    copies = 0
    reports: set[int] = set()
    while True:
        chunk = list(
            EvidenceCopy.objects.filter(method__in=SUPERSEDED_METHODS)
            .select_related("source")
            .order_by("source__report_id", "id")[:batch]
        )
        if not chunk:
            break
        by_report: dict[int, list[EvidenceCopy]] = {}
        for copy in chunk:
            by_report.setdefault(copy.source.report_id, []).append(copy)
        for report_id, items in by_report.items():
            names = [copy.file.name for copy in items]
            with transaction.atomic():
                EvidenceCopy.objects.filter(pk__in=[copy.pk for copy in items]).delete()
                Evidence.objects.filter(pk__in=[copy.source_id for copy in items]).update(
                    preview=PreviewStatus.PENDING, preview_reason="", pixels=0
                )
                _enqueue_cleaning(report_id)
                transaction.on_commit(partial(_remove_files, names))
            copies += len(items)
            reports.add(report_id)
    if copies:
        with transaction.atomic():
            audit_record(
                actor=actor,
                action="intake.copies_remade",
                data={
                    "copies": copies,
                    "reports": len(reports),
                    "methods": list(SUPERSEDED_METHODS),
                },
            )
    return {"copies": copies, "reports": len(reports)}
