"""Evidence: hashed on arrival, type from the content, limits, cleaned copies for outsiders."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.db import DatabaseError
from PIL import Image
from pypdf import PdfReader

from tegak.core.errors import InputError
from tegak.intake import files, services
from tegak.intake.models import Evidence, EvidenceCopy, Report
from tegak.jobs.runner import drain

from .conftest import (
    elf_renamed,
    exe_renamed,
    jpeg_with_gps,
    pdf_with_author,
    png_with_text,
    upload,
)


def _stored(evidence: Evidence) -> bytes:
    with evidence.original.open("rb") as handle:
        return handle.read()


def test_original_is_kept_untouched_with_its_hash(instansi, report_input):
    data = jpeg_with_gps()
    report, _ = services.report_submit(
        instansi=instansi, data=report_input(files=[upload("IMG_andi.jpg", data)]), client_key="k"
    )
    evidence = report.evidence.get()
    assert _stored(evidence) == data
    assert evidence.sha256 == hashlib.sha256(data).hexdigest()
    assert evidence.media_type == "image/jpeg" and evidence.size == len(data)
    assert "andi" not in evidence.original.name  # stored under a random name


def test_jpeg_copy_has_no_gps_or_camera_but_the_same_picture(
    instansi, report_input, django_capture_on_commit_callbacks
):
    data = jpeg_with_gps()
    assert Image.open(io.BytesIO(data)).getexif().get_ifd(0x8825)  # the test photo has GPS
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi, data=report_input(files=[upload("a.jpg", data)]), client_key="k"
        )
    # The copy is made by the worker, not by the submission.
    assert report.evidence.get().preview == "pending"
    assert drain() == 1
    copy = report.evidence.get().clean_copy
    with copy.file.open("rb") as handle:
        cleaned = handle.read()
    assert copy.sha256 == hashlib.sha256(cleaned).hexdigest() != report.evidence.get().sha256
    assert copy.method == "jpeg_image_data_only"
    image = Image.open(io.BytesIO(cleaned))
    assert not image.getexif()
    assert b"Model-Rahasia" not in cleaned and b"Model-Rahasia" in data
    assert image.tobytes() == Image.open(io.BytesIO(data)).tobytes()


def test_png_and_pdf_copies_lose_their_author(
    instansi, report_input, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi,
            data=report_input(
                files=[upload("a.png", png_with_text()), upload("surat.pdf", pdf_with_author())]
            ),
            client_key="k",
        )
    drain()
    png, pdf = report.evidence.order_by("id")
    with png.clean_copy.file.open("rb") as handle:
        cleaned_png = handle.read()
    assert b"Pelapor Rahasia" not in cleaned_png
    assert Image.open(io.BytesIO(cleaned_png)).size == (16, 16)
    with pdf.clean_copy.file.open("rb") as handle:
        reader = PdfReader(handle)
        assert not (reader.metadata or {}).get("/Author")
        assert len(reader.pages) == 1
    assert pdf.media_type == "application/pdf"


def _png_chunk(kind: bytes, payload: bytes) -> bytes:
    import struct
    import zlib

    body = kind + payload
    return struct.pack(">I", len(payload)) + body + struct.pack(">I", zlib.crc32(body))


def _jfif_with_thumbnail(jpeg: bytes) -> bytes:
    """The JPEG with a JFIF header carrying a 2x1 thumbnail of other pixels (a crop's origin)."""
    thumbnail = b"THUMB!"  # 2 x 1 pixels, RGB
    body = b"JFIF\x00\x01\x02\x00\x00\x01\x00\x01\x02\x01" + thumbnail
    app0 = b"\xff\xe0" + (len(body) + 2).to_bytes(2, "big") + body
    return b"\xff\xd8" + app0 + jpeg[2:]


def test_copies_keep_no_second_image_trailing_text_private_chunk_or_thumbnail(
    instansi, report_input, django_capture_on_commit_callbacks
):
    """Found by the 2026-12-07 attack: a phone appends further images (MPF: depth, gain map,
    motion photo), each with EXIF and GPS of its own; text can follow the end-of-image marker;
    a PNG can carry private chunks; a JFIF header can hold a thumbnail of the uncropped photo.
    The copy keeps the picture and nothing of these."""
    second = jpeg_with_gps().replace(b"Model-Rahasia", b"Model-Kedua!!")
    primary = jpeg_with_gps()
    phone = primary + second
    trailing = jpeg_with_gps() + b"REPORTER-HOME-ADDRESS Jl. Mawar 5"
    thumbnail = _jfif_with_thumbnail(jpeg_with_gps())
    png = png_with_text()
    private = png[:-12] + _png_chunk(b"prVt", b"REPORTER NAME Budi Rahasia") + png[-12:]
    sources = [phone, trailing, thumbnail, private + b"AFTER-IEND Budi"]
    names = ["a.jpg", "b.jpg", "c.jpg", "d.png"]
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi,
            data=report_input(files=[upload(n, d) for n, d in zip(names, sources, strict=True)]),
            client_key="k",
        )
    drain()
    expected = Image.open(io.BytesIO(primary)).tobytes()
    for evidence, source in zip(report.evidence.order_by("id"), sources, strict=True):
        with evidence.clean_copy.file.open("rb") as handle:
            cleaned = handle.read()
        for secret in (b"Model-", b"KameraMerk", b"REPORTER", b"THUMB!", b"Budi", b"AFTER"):
            assert secret not in cleaned, (evidence.original_name, secret)
        image = Image.open(io.BytesIO(cleaned))
        if evidence.media_type == "image/jpeg":
            assert image.tobytes() == expected and cleaned.endswith(b"\xff\xd9")
            assert not image.getexif()
        else:
            assert image.tobytes() == Image.open(io.BytesIO(png)).tobytes()
        assert _stored(evidence) == source  # the original stays as it came


def test_a_progressive_jpeg_cut_short_still_gets_its_copy():
    image = Image.frombytes("RGB", (64, 64), bytes(range(256)) * 48)
    out = io.BytesIO()
    image.save(out, format="JPEG", progressive=True, exif=Image.Exif().tobytes())
    data = out.getvalue()
    whole = files.clean_copy(data, "image/jpeg")
    assert whole is not None
    assert Image.open(io.BytesIO(whole[0])).tobytes() == Image.open(io.BytesIO(data)).tobytes()
    cut = files.clean_copy(data[: len(data) * 3 // 4], "image/jpeg")
    assert cut is not None and cut[0].endswith(b"\xff\xd9")
    assert files.clean_copy(data[:200], "image/jpeg") is None  # no image data at all


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(elf_renamed(), id="elf-as-jpg"),
        pytest.param(exe_renamed(), id="mz-as-jpg"),
        pytest.param(b"#!/bin/sh\nrm -rf /\n", id="shell-script"),
        pytest.param(b"<html><script>alert(1)</script></html>", id="html-page"),
    ],
)
def test_programs_and_scripts_are_refused_whatever_the_name(instansi, report_input, data):
    with pytest.raises(InputError) as error:
        services.report_submit(
            instansi=instansi,
            data=report_input(
                files=[upload("foto.jpg", jpeg_with_gps()), upload("foto2.jpg", data)]
            ),
            client_key="k",
        )
    assert error.value.field == "files"
    assert Report.objects.count() == 0 and Evidence.objects.count() == 0


def test_plain_text_is_accepted(instansi, report_input):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(files=[upload("kronologi.txt", "Kronologi kejadian: …".encode())]),
        client_key="k",
    )
    assert report.evidence.get().media_type == "text/plain"


def test_size_limits_per_file_and_per_report(settings, instansi, report_input):
    settings.EVIDENCE_MAX_FILE_BYTES = 2000
    big = jpeg_with_gps() + b"\x00" * 2000
    with pytest.raises(InputError) as error:
        services.report_submit(
            instansi=instansi, data=report_input(files=[upload("a.jpg", big)]), client_key="k"
        )
    assert "MB" in error.value.message
    settings.EVIDENCE_MAX_FILE_BYTES = 10_000
    settings.EVIDENCE_MAX_REPORT_BYTES = 1500
    one = jpeg_with_gps()
    assert len(one) < 1500 < 2 * len(one)
    with pytest.raises(InputError):
        services.report_submit(
            instansi=instansi,
            data=report_input(files=[upload("a.jpg", one), upload("b.jpg", one)]),
            client_key="k",
        )
    assert Report.objects.count() == 0


def test_no_files_are_left_behind_when_saving_fails(settings, instansi, report_input, monkeypatch):
    from tegak.intake.services import common as intake_services

    def broken(**kwargs):
        raise RuntimeError("database went away")

    monkeypatch.setattr(intake_services, "audit_record", broken)
    with pytest.raises(RuntimeError):
        services.report_submit(
            instansi=instansi,
            data=report_input(files=[upload("a.jpg", jpeg_with_gps())]),
            client_key="k",
        )
    media = settings.MEDIA_ROOT
    assert not any(path.is_file() for path in media.rglob("*")) if media.exists() else True


def test_sniffing_ignores_the_name():
    assert files.sniff(jpeg_with_gps()) == "image/jpeg"
    assert files.sniff(pdf_with_author()) == "application/pdf"
    assert files.sniff(elf_renamed()) is None


def test_a_later_cleaning_counts_the_pixels_the_report_already_shows(
    settings, instansi, report_input
):
    """The report's pixel budget holds across jobs: the copies made by an earlier job count."""
    from tegak.intake.tasks import clean_report_evidence

    small = io.BytesIO()
    Image.new("RGB", (32, 32), (1, 2, 3)).save(small, "PNG")
    settings.EVIDENCE_MAX_REPORT_PIXELS = 2 * 32 * 32
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(files=[upload("a.png", small.getvalue())]),
        client_key="k",
    )
    assert drain() == 1
    first = report.evidence.get()
    assert (first.preview, first.pixels) == ("ready", 32 * 32)
    # Two more files reach the same report later (as when the reporter adds evidence).
    later = [
        Evidence.objects.create(
            report=report,
            kind="file",
            original=first.original.name,
            sha256=first.sha256,
            media_type="image/png",
            size=first.size,
            preview="pending",
        )
        for _ in range(2)
    ]
    outcome = clean_report_evidence.call(report.pk)
    assert outcome == {str(later[0].pk): "ready", str(later[1].pk): "report_pixels"}
    later[1].refresh_from_db()
    assert (later[1].preview, later[1].preview_reason) == ("not_previewable", "report_pixels")
    assert EvidenceCopy.objects.filter(source__report=report).count() == 2


def test_a_copy_made_by_an_earlier_try_is_not_made_again(instansi, report_input):
    """A try whose outcome was lost (the worker died after the copy's commit) is run again: the
    file is marked ready with the copy it has, and no second copy is written."""
    from tegak.intake.tasks import clean_report_evidence

    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(files=[upload("a.jpg", jpeg_with_gps())]),
        client_key="k",
    )
    assert drain() == 1
    evidence = report.evidence.get()
    Evidence.objects.filter(pk=evidence.pk).update(preview="pending")
    assert clean_report_evidence.call(report.pk) == {str(evidence.pk): "ready"}
    evidence.refresh_from_db()
    assert evidence.preview == "ready"
    assert EvidenceCopy.objects.filter(source=evidence).count() == 1
    assert clean_report_evidence.call(report.pk) == {}  # nothing is left waiting


@pytest.mark.django_db(transaction=True)
def test_a_file_whose_evidence_went_away_while_it_was_cleaned_leaves_no_copy(
    instansi, report_input, monkeypatch
):
    """The copy's row and the file's new state are written together (one statement on
    PostgreSQL, outside any transaction): if the evidence was removed while its copy was being
    made, the try fails whole, with no copy row and no copy file on disk."""
    from django.core.files.storage import default_storage

    from tegak.intake import tasks

    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(files=[upload("a.jpg", jpeg_with_gps())]),
        client_key="k",
    )
    evidence = report.evidence.get()
    real_clean_copy = tasks.clean_copy

    def removed_meanwhile(data: bytes, media_type: str):  # type: ignore[no-untyped-def]
        Evidence.objects.filter(pk=evidence.pk).delete()
        return real_clean_copy(data, media_type)

    monkeypatch.setattr(tasks, "clean_copy", removed_meanwhile)
    copies_before = (
        set(default_storage.listdir("evidence-copies")[1])
        if default_storage.exists("evidence-copies")
        else set()
    )
    with pytest.raises(DatabaseError):  # the foreign key's IntegrityError, or the update's
        tasks.clean_report_evidence.call(report.pk)
    assert not EvidenceCopy.objects.exists()
    copies_after = (
        set(default_storage.listdir("evidence-copies")[1])
        if default_storage.exists("evidence-copies")
        else set()
    )
    assert copies_after == copies_before


def _jpeg(size: tuple[int, int], mode: str = "RGB", **save: object) -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 128).save(out, format="JPEG", **save)
    return out.getvalue()


def _with_exif_thumbnail(picture: bytes, thumbnail_size: tuple[int, int]) -> bytes:
    """The picture with an APP1 segment holding a whole JPEG of another size (as a phone's
    EXIF thumbnail does), placed before the picture's own frame header."""
    thumbnail = _jpeg(thumbnail_size)
    payload = b"Exif\x00\x00" + thumbnail
    app1 = b"\xff\xe1" + (len(payload) + 2).to_bytes(2, "big") + payload
    return picture[:2] + app1 + picture[2:]


@pytest.mark.parametrize(
    ("size", "mode", "save"),
    [
        ((640, 480), "RGB", {}),
        ((481, 641), "L", {}),
        ((1200, 7), "CMYK", {}),
        ((300, 200), "RGB", {"progressive": True}),
        ((65500, 1), "L", {"quality": 10}),
    ],
)
def test_a_jpegs_size_is_read_from_its_header_as_pillow_reads_it(size, mode, save):
    data = _with_exif_thumbnail(_jpeg(size, mode, **save), (160, 120))

    assert files.jpeg_dimensions(data) == Image.open(io.BytesIO(data)).size == size
    # The cleaned copy drops the EXIF (and its thumbnail) and keeps the same picture.
    copy = files.clean_copy(data, "image/jpeg")
    assert copy is not None
    assert b"Exif" not in copy[0]
    assert files.jpeg_dimensions(copy[0]) == size


@pytest.mark.parametrize(
    "data",
    [
        b"",
        b"\xff\xd8",
        b"\xff\xd8\xff\xe0\x00",  # cut inside a segment's length
        b"\xff\xd8\xff\xe0\x00\x01\xff\xda",  # a length that cannot be
        b"\xff\xd8\xff\xc0\x00\x05\x08\x00",  # a frame header cut short
        b"\xff\xd8\x00\x00",  # not a marker
        b"\xff\xd8\xff\xda\x00\x08abcdef",  # image data before any frame header
        b"GIF89a",
    ],
)
def test_a_jpeg_header_that_cannot_be_read_is_unreadable_not_a_crash(data):
    with pytest.raises(ValueError):
        files.jpeg_dimensions(data)
    verdict = files.preview_verdict(
        data, "image/jpeg", max_pixels=10**8, report_pixels_left=10**9, max_copy_bytes=10**8
    )
    assert (verdict.allowed, verdict.reason) == (False, "unreadable")


def test_copies_of_the_old_cleaner_are_made_again_by_the_new_one(
    instansi, report_input, django_capture_on_commit_callbacks
):
    """An installation upgraded on 2026-12-07 still holds copies made by the deny-list cleaner:
    `tegak remake_evidence_copies` has the worker make them again, and only them."""
    from django.core.files.base import ContentFile
    from django.core.management import call_command

    from tegak.audit.models import AuditEvent

    leaky = jpeg_with_gps() + b"REPORTER-HOME-ADDRESS"
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi,
            data=report_input(files=[upload("a.jpg", leaky), upload("b.png", png_with_text())]),
            client_key="k",
        )
    drain()
    jpeg, png = report.evidence.order_by("id")
    # What the old cleaner left: the copy with the trailing text, under its old method.
    old = jpeg.clean_copy
    old_name = old.file.name
    old.file.save("copy", ContentFile(leaky[: len(leaky)]), save=False)
    old.method, old.sha256 = "jpeg_metadata_removed", hashlib.sha256(leaky).hexdigest()
    old.save()
    old.file.storage.delete(old_name)
    kept = png.clean_copy.pk
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("remake_evidence_copies", stdout=out)
    assert "1 copies of 1 reports" in out.getvalue()
    assert not old.file.storage.exists(old.file.name)
    jpeg.refresh_from_db()
    assert jpeg.preview == "pending"
    assert drain() == 1
    jpeg.refresh_from_db()
    with jpeg.clean_copy.file.open("rb") as handle:
        assert b"REPORTER" not in handle.read()
    assert jpeg.clean_copy.method == "jpeg_image_data_only" and jpeg.preview == "ready"
    assert png.clean_copy.pk == kept  # made by the new cleaner already: left alone
    event = AuditEvent.objects.get(action="intake.copies_remade")
    assert event.data["copies"] == 1 and event.data["reports"] == 1
    # Run again: nothing left to remake, no event.
    call_command("remake_evidence_copies", stdout=io.StringIO())
    assert AuditEvent.objects.filter(action="intake.copies_remade").count() == 1


def _pdf_with_object_streams(streams: int, megabytes: int) -> bytes:
    """A one-page PDF whose page names `streams` objects, each inside a compressed object stream
    that expands to `megabytes` of spaces (a few hundred KB of file asks for gigabytes)."""
    import struct
    import zlib

    body = bytearray(b"%PDF-1.5\n")
    offsets: dict[int, tuple[int, int, int]] = {0: (0, 0, 65535)}
    names = b" ".join(b"/R%d %d 0 R" % (index, 100 + index) for index in range(streams))
    plain = {
        1: b"<< /Type /Catalog /Pages 2 0 R >>",
        2: b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        3: b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Resources << /Properties << "
        + names
        + b" >> >> >>",
    }
    for number, text in plain.items():
        offsets[number] = (1, len(body), 0)
        body += b"%d 0 obj\n%s\nendobj\n" % (number, text)
    for index in range(streams):
        header = b"%d 0 " % (100 + index)
        packer = zlib.compressobj(9)
        data = packer.compress(header + b"<< /X 1 >>")
        data += packer.compress(b" " * (megabytes * 1_000_000)) + packer.flush()
        number = 1000 + index
        offsets[number] = (1, len(body), 0)
        offsets[100 + index] = (2, number, 0)
        body += (
            b"%d 0 obj\n<< /Type /ObjStm /N 1 /First %d /Length %d /Filter /FlateDecode >>\n"
            b"stream\n" % (number, len(header), len(data))
        )
        body += data + b"\nendstream\nendobj\n"
    xref = max(offsets) + 1
    offsets[xref] = (1, len(body), 0)
    rows = b"".join(struct.pack(">BIH", *offsets[key]) for key in sorted(offsets))
    index = " ".join(f"{key} 1" for key in sorted(offsets)).encode()
    packed = zlib.compress(rows)
    body += (
        b"%d 0 obj\n<< /Type /XRef /Size %d /Index [%s] /W [1 4 2] /Root 1 0 R /Length %d "
        b"/Filter /FlateDecode >>\nstream\n" % (xref, xref + 1, index, len(packed))
    )
    body += packed + b"\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n" % offsets[xref][1]
    return bytes(body)


def test_a_pdf_that_asks_for_gigabytes_does_not_reach_the_worker(
    instansi, report_input, django_capture_on_commit_callbacks, settings
):
    """Found by the 2026-12-07 attack: a 2 MB PDF of object streams kept the job worker at 2 GB.
    The copy is made in a child process under a memory limit: over it, no copy, the original
    stays (with its hash) and the worker's own memory does not grow."""
    import resource

    settings.EVIDENCE_PDF_COPY_MEMORY_MB = 300
    bomb = _pdf_with_object_streams(streams=8, megabytes=70)
    assert len(bomb) < 1_000_000
    with django_capture_on_commit_callbacks(execute=True):
        report, _ = services.report_submit(
            instansi=instansi,
            data=report_input(files=[upload("surat.pdf", bomb)]),
            client_key="k",
        )
    peak_before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert drain() == 1
    peak_after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    evidence = report.evidence.get()
    assert evidence.preview == "not_previewable" and not hasattr(evidence, "clean_copy")
    assert _stored(evidence) == bomb and evidence.sha256 == hashlib.sha256(bomb).hexdigest()
    assert (peak_after - peak_before) < 100 * 1024  # KB: the decoding never happened here
