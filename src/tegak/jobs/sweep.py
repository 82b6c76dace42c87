"""Removing what a killed process left behind: temporary uploads, and stored files no row names.

Services write a file before the row that names it (and `DurableFileSystemStorage` flushes it
first), so a crash can leave a file without a row, never a row without its file. A killed web
worker also leaves the temporary file of an upload it was receiving (Django spools uploads larger
than FILE_UPLOAD_MAX_MEMORY_SIZE to FILE_UPLOAD_TEMP_DIR and deletes them only when the request
ends). The sweep removes both once they are older than STORAGE_SWEEP_GRACE_MINUTES (a file still
being written or a transaction still open is far younger), writes what it removed to the audit
log and returns it (shown with the job on the jobs page).

Stored files are found through every FileField of every model, so a new kind of stored file is
covered without touching this module.
"""

from __future__ import annotations

import logging
import os
import time
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.db import models, transaction

from tegak.audit.services import audit_record

logger = logging.getLogger(__name__)


@dataclass
class Swept:
    """What one sweep removed (or, in a dry run, would remove)."""

    temporary_uploads: list[tuple[str, int]] = field(default_factory=list)
    orphan_files: list[tuple[str, int]] = field(default_factory=list)
    dry_run: bool = False

    @property
    def bytes(self) -> int:
        return sum(size for _, size in self.temporary_uploads + self.orphan_files)

    def as_dict(self) -> dict[str, Any]:
        return {
            "temporary_uploads": [name for name, _ in self.temporary_uploads],
            "orphan_files": [name for name, _ in self.orphan_files],
            "bytes": self.bytes,
            "dry_run": self.dry_run,
        }


def stored_names() -> set[str]:
    """The name of every file a row refers to, across all models with a FileField."""
    names: set[str] = set()
    for model in apps.get_models():
        columns = [
            item.attname
            for item in model._meta.concrete_fields
            if isinstance(item, models.FileField)
        ]
        if not columns:
            continue
        for row in model._base_manager.values_list(*columns).iterator(chunk_size=2000):
            names.update(name for name in row if name)
    return names


def _old_files(root: Path, cutoff: float) -> list[tuple[str, int]]:
    """Regular files under root last changed before cutoff, as (path relative to root, size)."""
    found: list[tuple[str, int]] = []
    if not root.is_dir():
        return found
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            try:
                status = path.lstat()
            except FileNotFoundError:
                continue  # removed meanwhile by its own request
            if path.is_symlink() or not path.is_file() or status.st_mtime >= cutoff:
                continue
            found.append((path.relative_to(root).as_posix(), status.st_size))
    return found


def _remove(root: Path, entries: list[tuple[str, int]]) -> list[tuple[str, int]]:
    removed = []
    for name, size in entries:
        try:
            (root / name).unlink()
        except FileNotFoundError:
            continue
        removed.append((name, size))
    return removed


def sweep(*, grace: timedelta | None = None, dry_run: bool = False) -> Swept:
    """Remove temporary uploads and stored files without a row, older than `grace`."""
    if grace is None:
        grace = timedelta(minutes=settings.STORAGE_SWEEP_GRACE_MINUTES)
    cutoff = time.time() - grace.total_seconds()
    media = Path(settings.MEDIA_ROOT)
    uploads_dir = getattr(settings, "FILE_UPLOAD_TEMP_DIR", None)
    uploads = Path(uploads_dir) if uploads_dir else None
    temporary = _old_files(uploads, cutoff) if uploads is not None else []
    # Candidates first, the rows after: a file written and named by a row committed while we
    # look is younger than the grace period, so it is not a candidate.
    candidates = _old_files(media, cutoff)
    if uploads is not None and uploads.is_relative_to(media):
        inside = uploads.relative_to(media).as_posix() + "/"
        candidates = [item for item in candidates if not item[0].startswith(inside)]
    names = stored_names() if candidates else set()
    orphans = [item for item in candidates if item[0] not in names]
    result = Swept(dry_run=dry_run)
    if dry_run:
        result.temporary_uploads, result.orphan_files = temporary, orphans
        return result
    if uploads is not None:
        result.temporary_uploads = _remove(uploads, temporary)
    result.orphan_files = _remove(media, orphans)
    if result.temporary_uploads or result.orphan_files:
        with transaction.atomic():
            audit_record(
                actor=None,
                action="storage.swept",
                target_type="storage",
                target_id="media",
                data={**result.as_dict(), "grace_minutes": int(grace.total_seconds() // 60)},
            )
        logger.info(
            "storage sweep removed %d temporary uploads and %d files without a row (%d bytes)",
            len(result.temporary_uploads),
            len(result.orphan_files),
            result.bytes,
        )
    return result
