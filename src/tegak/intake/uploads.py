"""Refusing oversized evidence while it arrives, so a huge upload never fills the disk.

The guard sits first among the upload handlers of the public views. Past the limits it stops
handing bytes on (what is kept is cut at the limit) and marks the request; the view then answers
with the error at the file field, keeping every other field the reporter typed.

It also computes each file's SHA-256 while the bytes arrive, so the hash recorded on arrival
needs no second pass over the file: `check()` hands it to the uploaded file (`ARRIVAL_HASH`),
and the evidence service uses it when the size matches.
"""

from __future__ import annotations

import hashlib
from typing import Any

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http import HttpRequest

from tegak.core.errors import InputError

OVERSIZED = "intake_oversized_upload"
ARRIVAL_HASH = "tegak_arrival_sha256"  # (SHA-256 hex, size) set on an UploadedFile by check()
_HASHES = "intake_upload_hashes"


class EvidenceSizeGuard(FileUploadHandler):
    """Counts bytes per file and per request against the evidence limits."""

    def __init__(self, request: HttpRequest | None = None) -> None:
        super().__init__(request)
        self.total = 0
        self.file_bytes = 0
        self.over: str | None = None
        self.digest = hashlib.sha256()
        self.hashes: dict[str, list[tuple[str, int]]] = {}

    def new_file(self, *args: Any, **kwargs: Any) -> None:
        super().new_file(*args, **kwargs)
        self.file_bytes = 0
        self.digest = hashlib.sha256()

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes | None:
        self.file_bytes += len(raw_data)
        self.total += len(raw_data)
        if self.file_bytes > settings.EVIDENCE_MAX_FILE_BYTES:
            self.over = self.over or "file"
        elif self.total > settings.EVIDENCE_MAX_REPORT_BYTES:
            self.over = self.over or "report"
        if self.over is not None:
            setattr(self.request, OVERSIZED, self.over)
            return None  # the rest of this file is dropped, not stored
        self.digest.update(raw_data)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        if self.over is None and self.field_name is not None:
            entry = (self.digest.hexdigest(), self.file_bytes)
            self.hashes.setdefault(self.field_name, []).append(entry)
            setattr(self.request, _HASHES, self.hashes)
        return None  # the next handler keeps the bytes


def guard(request: HttpRequest) -> None:
    """Put the guard in front of the upload handlers (before the body is read)."""
    handlers = request.upload_handlers
    if isinstance(handlers, list):  # still open: the body has not been read yet
        handlers.insert(0, EvidenceSizeGuard(request))


def check(request: HttpRequest) -> None:
    """InputError at the file field when the guard cut an upload; otherwise give each uploaded
    file the hash computed on arrival (files of a field arrive, and are kept, in order)."""
    from django.utils.translation import gettext as _

    files = request.FILES  # the body is read (through the guard) if it was not yet
    over = getattr(request, OVERSIZED, None)
    if over is None:
        for field_name, entries in getattr(request, _HASHES, {}).items():
            stored = files.getlist(field_name)
            if len(stored) != len(entries):
                continue  # not the files we counted: the service hashes them itself
            for upload, (sha256, size) in zip(stored, entries, strict=True):
                if upload.size == size:
                    setattr(upload, ARRIVAL_HASH, (sha256, size))
    if over == "file":
        raise InputError(
            "files",
            _("The file is larger than %(limit)s MB.")
            % {"limit": settings.EVIDENCE_MAX_FILE_BYTES // (1024 * 1024)},
        )
    if over == "report":
        raise InputError(
            "files",
            _("All files of one report together may not exceed %(limit)s MB.")
            % {"limit": settings.EVIDENCE_MAX_REPORT_BYTES // (1024 * 1024)},
        )
