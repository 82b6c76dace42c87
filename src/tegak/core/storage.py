"""Stored files that a crash cannot separate from their rows.

Every service writes a file first and the row that names it after, in the same transaction, and
removes the file again when the transaction fails. `DurableFileSystemStorage` makes the first
step hold across a crash of the machine, not only of the process: a file is flushed to disk
(its data and its folder's entry) before `save()` returns, so a row committed afterwards never
names a file the crash lost. What a crash can still leave is the other way round, a file with no
row (or a temporary upload); `tegak.jobs.sweep` removes those after a grace period.
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def _fsync(path: str) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
    finally:
        os.close(descriptor)


class DurableFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose saved files are on disk before `save()` returns."""

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        name = super().save(name, content, max_length=max_length)
        if getattr(settings, "STORAGE_FSYNC", True):
            path = self.path(name)
            _fsync(path)
            _fsync(os.path.dirname(path))
        return name
