"""Opening ZIP archives someone else made, without being bombed.

`check_zip(archive)` looks at the central directory before anything is unpacked: how many members,
the total size they unpack to (`settings.ARCHIVE_MAX_BYTES`) and each member's compression ratio
(`settings.ARCHIVE_MAX_RATIO`). Python's zipfile never reads past a member's stated size, so the
stated sizes bound what reading can cost.
"""

from __future__ import annotations

import zipfile

from django.conf import settings


class ArchiveRefused(ValueError):
    """An archive over the limits; the message says which one (English, for logs and reports)."""


def check_zip(archive: zipfile.ZipFile) -> None:
    """Raise ArchiveRefused when the archive would unpack to more than the limits allow."""
    members = archive.infolist()
    if len(members) > settings.ARCHIVE_MAX_MEMBERS:
        raise ArchiveRefused(f"more than {settings.ARCHIVE_MAX_MEMBERS} files in the archive")
    total = 0
    for member in members:
        total += member.file_size
        if total > settings.ARCHIVE_MAX_BYTES:
            raise ArchiveRefused(
                f"it unpacks to more than {settings.ARCHIVE_MAX_BYTES // (1024 * 1024)} MB"
            )
        if member.file_size > 1024 * 1024 and (
            member.file_size > settings.ARCHIVE_MAX_RATIO * max(member.compress_size, 1)
        ):
            raise ArchiveRefused(
                f"{member.filename} is compressed more than {settings.ARCHIVE_MAX_RATIO} to 1"
            )
