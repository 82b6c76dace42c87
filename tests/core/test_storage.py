"""The default storage: a saved file is on disk, and not kept in the page cache."""

from __future__ import annotations

import ctypes
import mmap
import os
import sys

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage

from tegak.core.storage import DurableFileSystemStorage

pytestmark = pytest.mark.skipif(sys.platform != "linux", reason="mincore(2) is Linux's")


def resident_pages(path: str) -> tuple[int, int]:
    """(pages of the file in the page cache, pages of the file), by mincore(2)."""
    libc = ctypes.CDLL(None, use_errno=True)
    libc.mmap.restype = ctypes.c_void_p
    libc.mmap.argtypes = [
        ctypes.c_void_p,
        ctypes.c_size_t,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_int,
        ctypes.c_long,
    ]
    libc.mincore.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_char_p]
    libc.munmap.argtypes = [ctypes.c_void_p, ctypes.c_size_t]
    size = os.path.getsize(path)
    pages = -(-size // mmap.PAGESIZE)
    descriptor = os.open(path, os.O_RDONLY)
    try:
        address = libc.mmap(None, size, mmap.PROT_READ, mmap.MAP_SHARED, descriptor, 0)
        assert address not in (None, ctypes.c_void_p(-1).value), ctypes.get_errno()
        try:
            vector = ctypes.create_string_buffer(pages)
            assert libc.mincore(address, size, vector) == 0, ctypes.get_errno()
            return sum(byte & 1 for byte in vector.raw), pages
        finally:
            libc.munmap(address, size)
    finally:
        os.close(descriptor)


def test_a_saved_file_is_whole_on_disk_and_not_kept_in_the_page_cache(tmp_path, settings):
    settings.STORAGE_FSYNC = True
    data = os.urandom(512 * 1024)
    plain = FileSystemStorage(location=tmp_path / "plain")
    durable = DurableFileSystemStorage(location=tmp_path / "durable")

    kept = plain.save("evidence", ContentFile(data))
    saved = durable.save("evidence", ContentFile(data))

    # Django's own storage leaves the file's pages cached: the measure sees them.
    assert resident_pages(plain.path(kept))[0] > 0
    # Ours has flushed the file and let go of its pages; the bytes are all there.
    assert resident_pages(durable.path(saved))[0] == 0
    with durable.open(saved, "rb") as handle:
        assert handle.read() == data
