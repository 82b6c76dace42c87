"""Stored files that a crash cannot separate from their rows.

Every service writes a file first and the row that names it after, in the same transaction, and
removes the file again when the transaction fails. `DurableFileSystemStorage` makes the first
step hold across a crash of the machine, not only of the process: a file is flushed to disk
(its data and its folder's entry) before `save()` returns, so a row committed afterwards never
names a file the crash lost. What a crash can still leave is the other way round, a file with no
row (or a temporary upload); `tegak.jobs.sweep` removes those after a grace period.

Once a file is on disk, its pages are also let go from the kernel's page cache
(`posix_fadvise(DONTNEED)`): evidence and documents are written once and read seldom, and
without this every upload pushed out a megabyte of what the database reads all the time. On
this project's virtual machines it is also what the write costs: a page the kernel takes for
the first time is slow to get, a page it got back is quick (docs/intake.md, ninth pass).
"""

from __future__ import annotations

import os
from typing import Any

from django.conf import settings
from django.core.files.storage import FileSystemStorage


def _fsync(path: str, *, drop_from_cache: bool = False) -> None:
    descriptor = os.open(path, os.O_RDONLY)
    try:
        os.fsync(descriptor)
        if drop_from_cache and hasattr(os, "posix_fadvise"):
            # On disk now, so its pages are clean and the kernel lets go of them at once.
            os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
    finally:
        os.close(descriptor)


class DurableFileSystemStorage(FileSystemStorage):
    """FileSystemStorage whose saved files are on disk before `save()` returns."""

    def save(self, name: str | None, content: Any, max_length: int | None = None) -> str:
        name = super().save(name, content, max_length=max_length)
        if getattr(settings, "STORAGE_FSYNC", True):
            path = self.path(name)
            _fsync(path, drop_from_cache=True)
            _fsync(os.path.dirname(path))
        return name
