"""#12 item 3: decompression bombs sent anonymously never reach a decoder or block anyone.

The probe sent a 34-byte WebP of 13000×13000 pixels (a worker went to 3.6 GB), a 1.1 MB TIFF
whose "cleaned copy" was 676 MB, twelve of them to hold SQLite's write lock for ~100 s (every
other visitor got HTTP 500 "database is locked") because the image was re-encoded inside the
request's transaction, and a 1.5 MB ZIP to dossier verification (3.2 GB).
"""

from __future__ import annotations

import io
import struct
import time
import zipfile
import zlib

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from tegak.intake.files import image_dimensions
from tegak.intake.models import Evidence, EvidenceCopy, Report
from tegak.jobs.models import Job
from tegak.jobs.runner import drain
from tests.conftest import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _quick(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192


def webp_bomb() -> bytes:
    """A valid one-colour lossless WebP whose header says 13000×13000 (38 bytes)."""
    buffer = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 10, 10)).save(buffer, "WEBP", lossless=True)
    data = bytearray(buffer.getvalue())
    bits = int.from_bytes(data[21:25], "little")
    bits = (bits & ~((1 << 28) - 1)) | 12999 | (12999 << 14)
    data[21:25] = bits.to_bytes(4, "little")
    return bytes(data)


def tiff_bomb(side: int = 12000) -> bytes:
    """A grey TIFF of side×side pixels, one deflated strip of zeros: small file, huge image."""
    compressor = zlib.compressobj(9)
    row = bytes(side)
    strip = b"".join(compressor.compress(row) for _ in range(side)) + compressor.flush()
    entries = [
        (256, 4, 1, side),  # ImageWidth
        (257, 4, 1, side),  # ImageLength
        (258, 3, 1, 8),  # BitsPerSample
        (259, 3, 1, 8),  # Compression: deflate
        (262, 3, 1, 1),  # Photometric: black is zero
        (273, 4, 1, 0),  # StripOffsets (patched below)
        (277, 3, 1, 1),  # SamplesPerPixel
        (278, 4, 1, side),  # RowsPerStrip
        (279, 4, 1, len(strip)),  # StripByteCounts
    ]
    ifd_size = 2 + 12 * len(entries) + 4
    strip_offset = 8 + ifd_size
    ifd = struct.pack("<H", len(entries))
    for tag, kind, count, value in entries:
        value = strip_offset if tag == 273 else value
        packed = struct.pack("<HH", value, 0) if kind == 3 else struct.pack("<I", value)
        ifd += struct.pack("<HHI", tag, kind, count) + packed
    ifd += struct.pack("<I", 0)
    return b"II*\x00" + struct.pack("<I", 8) + ifd + strip


def zip_bomb(megabytes: int = 64) -> bytes:
    """A "dossier" whose one listed file unpacks from ~64 KB to `megabytes` MB of zeros."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "manifest.json",
            '{"format": "tegak-dossier/1", "files": [{"path": "evidence/a.bin", "sha256": "0"}]}',
        )
        with archive.open("evidence/a.bin", "w") as member:
            chunk = bytes(1024 * 1024)
            for _ in range(megabytes):
                member.write(chunk)
    return buffer.getvalue()


FORM = {
    "accused_text": "Petugas loket",
    "description": "Petugas loket meminta uang tambahan untuk mempercepat surat.",
    "occurred_on": "2026-03-02",
    "occurred_time": "10:00",
    "occurred_timezone": "WIB",
    "location": "Loket pelayanan",
    "reporter_mode": "anonymous",
}


def _send(client, instansi, *uploads):
    started = time.monotonic()
    response = client.post(
        reverse("reporting:new"), {"instansi": instansi.pk, **FORM, "files": list(uploads)}
    )
    return response, time.monotonic() - started


def test_the_bombs_are_headers_of_huge_images():
    assert len(webp_bomb()) < 64
    assert image_dimensions(webp_bomb(), "image/webp") == (13000, 13000)
    tiff = tiff_bomb()
    assert len(tiff) < 1024 * 1024
    assert image_dimensions(tiff, "image/tiff") == (12000, 12000)


def test_webp_and_tiff_bombs_are_kept_as_originals_not_previewable(
    client, instansi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response, seconds = _send(
            client,
            instansi,
            SimpleUploadedFile("bom.webp", webp_bomb()),
            SimpleUploadedFile("bom.tif", tiff_bomb()),
        )
    assert response.status_code == 201
    assert seconds < 10
    # The submission decoded nothing: no copy yet, one job queued for the worker.
    assert EvidenceCopy.objects.count() == 0
    assert set(Evidence.objects.values_list("preview", flat=True)) == {"pending"}
    assert Job.objects.count() == 1
    started = time.monotonic()
    assert drain() == 1
    assert time.monotonic() - started < 10  # refused from the header, never decoded
    assert EvidenceCopy.objects.count() == 0
    for evidence in Evidence.objects.all():
        assert evidence.preview == "not_previewable"
        assert evidence.preview_reason == "too_many_pixels"
        assert evidence.pixels in {13000 * 13000, 12000 * 12000}
        assert len(evidence.sha256) == 64 and evidence.original  # the original is kept
    assert Job.objects.get().status == "SUCCESSFUL"


def test_the_staff_page_says_not_previewable(
    client, verified_client, instansi, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _send(client, instansi, SimpleUploadedFile("bom.webp", webp_bomb()))
    drain()
    officer = make_user("petugas-bom", instansi, "intake_officer")
    client = verified_client(officer)
    page = client.get(reverse("intake:detail", args=[Report.objects.get().pk]))
    assert page.status_code == 200
    assert b'data-preview="not-previewable"' in page.content


def test_per_report_caps_on_files_and_pixels(
    client, instansi, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_MAX_FILES_PER_REPORT = 3
    photos = [SimpleUploadedFile(f"f{n}.webp", webp_bomb()) for n in range(4)]
    response, _seconds = _send(client, instansi, *photos)
    assert response.status_code == 400
    assert b"id_files_errors" in response.content
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0
    # Pixels per report: each image fits alone, the third no longer fits the report's budget.
    settings.EVIDENCE_MAX_PIXELS = 1000
    settings.EVIDENCE_MAX_REPORT_PIXELS = 2 * 32 * 32
    small = io.BytesIO()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(small, "WEBP", lossless=True)
    settings.EVIDENCE_MAX_PIXELS = 32 * 32
    with django_capture_on_commit_callbacks(execute=True):
        response, _seconds = _send(
            client,
            instansi,
            *[SimpleUploadedFile(f"s{n}.webp", small.getvalue()) for n in range(3)],
        )
    assert response.status_code == 201
    drain()
    previews = list(Evidence.objects.order_by("pk").values_list("preview", "preview_reason"))
    assert previews == [("ready", ""), ("ready", ""), ("not_previewable", "report_pixels")]


def test_cleaned_copy_size_is_capped(
    client, instansi, settings, django_capture_on_commit_callbacks
):
    settings.EVIDENCE_MAX_COPY_BYTES = 1000
    image = io.BytesIO()
    Image.new("RGB", (64, 64), (9, 9, 9)).save(image, "TIFF")
    with django_capture_on_commit_callbacks(execute=True):
        response, _seconds = _send(client, instansi, SimpleUploadedFile("a.tif", image.getvalue()))
    assert response.status_code == 201
    drain()
    evidence = Evidence.objects.get()
    assert (evidence.preview, evidence.preview_reason) == ("not_previewable", "copy_too_large")
    assert EvidenceCopy.objects.count() == 0


def test_other_visitors_are_not_blocked_while_bombs_arrive(
    client, instansi, settings, django_capture_on_commit_callbacks
):
    """Twelve bombs sent one after another (from twelve addresses, as the probe could): each
    answered at once, and a visitor in between sends a report and opens the tracking page
    without any error."""
    settings.INTAKE_REPORTS_PER_ADDRESS_PER_HOUR = 100
    visitor = type(client)()
    durations = []
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(12):
            response, seconds = _send(
                client, instansi, SimpleUploadedFile(f"bom{number}.webp", webp_bomb())
            )
            assert response.status_code == 201
            durations.append(seconds)
            if number == 5:
                page = visitor.get(reverse("reporting:track"))
                assert page.status_code == 200
                sent, _seconds = _send(visitor, instansi)
                assert sent.status_code == 201
    assert max(durations) < 10
    drain()
    assert EvidenceCopy.objects.count() == 0
    assert Evidence.objects.filter(preview="not_previewable").count() == 12


def test_zip_bomb_to_dossier_verification_is_refused_unopened(verified_client, instansi):
    user = make_user("auditor-bom", instansi, "auditor")
    client = verified_client(user)
    bomb = zip_bomb(64)
    assert len(bomb) < 1024 * 1024
    started = time.monotonic()
    response = client.post(
        "/api/v1/documents/dossiers/verify", {"file": SimpleUploadedFile("bom.zip", bomb)}
    )
    assert time.monotonic() - started < 10
    assert response.status_code == 400
    assert response.json()["error"]["field"] == "file"
    assert "compressed more than" in response.json()["error"]["message"]


def test_zip_over_the_total_size_is_refused(settings):
    from tegak.documents.dossier import DossierUnreadable, dossier_verify

    settings.ARCHIVE_MAX_BYTES = 8 * 1024 * 1024
    settings.ARCHIVE_MAX_RATIO = 10_000
    with pytest.raises(DossierUnreadable, match="unpacks to more than 8 MB"):
        dossier_verify(zip_bomb(16))
