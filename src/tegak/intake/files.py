"""Evidence files: type sniffed from the content, SHA-256 on arrival, cleaned copies.

A cleaned copy drops what could identify a reporter (EXIF with GPS and camera serials, XMP,
comments, PDF document information) and is what people outside the examination team see. JPEG
and PNG are cleaned without re-encoding (the metadata blocks are left out, the image data is
copied byte for byte); other image types are re-saved with Pillow; PDFs are rewritten with pypdf
without their document information and XMP.
"""

from __future__ import annotations

import hashlib
import io
import re
import struct
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import filetype
from django.utils.translation import gettext as _

from tegak.core.errors import InputError

SNIFF_BYTES = 8192

# Media types accepted whatever the file is called; anything else (programs, scripts, archives,
# web pages) is refused.
ALLOWED_MEDIA_TYPES = {
    "image/jpeg",
    "image/png",
    "image/gif",
    "image/webp",
    "image/tiff",
    "image/bmp",
    "image/heic",
    "image/avif",
    "application/pdf",
    "application/msword",
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "application/vnd.oasis.opendocument.text",
    "application/vnd.ms-excel",
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "application/vnd.oasis.opendocument.spreadsheet",
    "application/vnd.ms-powerpoint",
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "application/vnd.oasis.opendocument.presentation",
    "application/rtf",
    "text/plain",
}
ALLOWED_PREFIXES = ("audio/", "video/")

# Markers of text that a browser or a shell would run.
_ACTIVE_TEXT = (b"<script", b"<html", b"<!doctype", b"<svg", b"<?php", b"<iframe", b"<body")


@dataclass(frozen=True)
class Inspected:
    media_type: str
    size: int
    sha256: str


def sniff(head: bytes) -> str | None:
    """The media type read from the first bytes, or None when it is not allowed."""
    kind = filetype.guess(head)
    if kind is not None:
        mime = kind.mime
        if mime in ALLOWED_MEDIA_TYPES or mime.startswith(ALLOWED_PREFIXES):
            return mime
        return None
    return "text/plain" if _is_plain_text(head) else None


def _is_plain_text(head: bytes) -> bool:
    if not head or b"\x00" in head:
        return False
    if head.startswith((b"#!", b"MZ", b"\x7fELF")):
        return False
    lowered = head.lower()
    if any(marker in lowered for marker in _ACTIVE_TEXT):
        return False
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as error:
        # A multi-byte character cut at the end of the sniffed block is still text.
        if error.start < len(head) - 4:
            return False
    return True


def hash_stream(stream: IO[bytes]) -> tuple[str, int]:
    """(SHA-256 hex, size) of a file object, read in chunks from the start."""
    stream.seek(0)
    digest = hashlib.sha256()
    size = 0
    for chunk in iter(lambda: stream.read(1024 * 1024), b""):
        digest.update(chunk)
        size += len(chunk)
    stream.seek(0)
    return digest.hexdigest(), size


def inspect(
    stream: IO[bytes],
    *,
    field: str,
    max_bytes: int,
    arrival: tuple[str, int] | None = None,
) -> Inspected:
    """Sniff, measure and hash an uploaded file; InputError when it cannot be accepted.

    `arrival` is (SHA-256, size) computed while the upload streamed in (`tegak.intake.uploads`);
    with it the file is not read a second time for hashing."""
    stream.seek(0)
    head = stream.read(SNIFF_BYTES)
    stream.seek(0)
    if not head:
        raise InputError(field, _("The file is empty."))
    media_type = sniff(head)
    if media_type is None:
        raise InputError(
            field,
            _(
                "This kind of file cannot be accepted. Send photos, PDF or office documents, "
                "audio, video or plain text."
            ),
        )
    sha256, size = arrival if arrival is not None else hash_stream(stream)
    if size > max_bytes:
        raise InputError(
            field,
            _("The file is larger than %(limit)s MB.") % {"limit": max_bytes // (1024 * 1024)},
        )
    return Inspected(media_type=media_type, size=size, sha256=sha256)


# --- cleaned copies -------------------------------------------------------------------------

# A cleaned copy keeps what draws the image and nothing else (allow-lists, so an unknown block
# is left out, never passed on):
# - JPEG: the frame, tables, scans and restart markers up to the end-of-image marker; of the
#   APPn blocks only JFIF (APP0, rewritten without its thumbnail, which can show the picture
#   before it was cropped), the ICC colour profile (APP2 "ICC_PROFILE") and Adobe's colour
#   transform (APP14). EXIF (with GPS and serials), XMP, IPTC, MPF (the index of further images
#   a phone appends: a depth map, a gain map, a motion photo, each with EXIF of its own), COM,
#   and whatever follows the end-of-image marker are left out.
# - PNG: the critical chunks and the public ancillary chunks about colour, transparency,
#   physical size and animation; text, EXIF, time and private chunks, and anything after IEND,
#   are left out.
_PNG_KEEP = {
    b"IHDR",
    b"PLTE",
    b"IDAT",
    b"IEND",
    b"tRNS",
    b"cHRM",
    b"gAMA",
    b"iCCP",
    b"sBIT",
    b"sRGB",
    b"cICP",
    b"mDCv",
    b"cLLi",
    b"bKGD",
    b"pHYs",
    b"acTL",
    b"fcTL",
    b"fdAT",
}
# Inside a scan's entropy-coded data a 0xFF byte is followed by 0x00 (stuffing), a restart
# marker (0xD0-0xD7) or another 0xFF (fill): any other byte after it is the next marker.
_SCAN_END = re.compile(rb"\xff[^\x00\xd0-\xd7\xff]")


# Start-of-frame markers (SOF0-SOF15 less DHT, JPG and DAC, which share the range).
_JPEG_FRAMES = frozenset(range(0xC0, 0xD0)) - {0xC4, 0xC8, 0xCC}


def jpeg_dimensions(data: bytes) -> tuple[int, int]:
    """Width and height from a JPEG's frame header, without any decoder (a thumbnail inside
    EXIF is never taken for the image: segments are stepped over whole; the walk ends at the
    frame header, which comes before the first scan)."""
    for marker, start, end in _jpeg_parts(data):
        if marker in _JPEG_FRAMES:
            if end - start < 9 or end > len(data):
                raise ValueError("broken JPEG frame header")
            height, width = struct.unpack(">HH", data[start + 5 : start + 9])
            if not (width and height):  # a height given later (DNL) is not read here
                raise ValueError("JPEG without its size in the frame header")
            return width, height
    raise ValueError("JPEG without a frame header")


def _jpeg_parts(data: bytes) -> Iterator[tuple[int, int, int]]:
    """(marker, start, end) of every part of a JPEG up to its end-of-image marker: segments,
    and each scan with its entropy-coded data (a progressive JPEG has several, with tables
    between them). Nothing after the end-of-image marker is given; a JPEG cut short ends with
    its last scan."""
    if not data.startswith(b"\xff\xd8"):
        raise ValueError("not a JPEG")
    position = 2
    while position < len(data):
        if data[position] != 0xFF:
            raise ValueError("broken JPEG marker")
        if position + 1 >= len(data):
            break
        marker = data[position + 1]
        if marker == 0xFF:  # fill byte
            position += 1
            continue
        if marker == 0xD9:  # end of image
            yield marker, position, position + 2
            return
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:
            yield marker, position, position + 2
            position += 2
            continue
        if position + 4 > len(data):
            break
        (length,) = struct.unpack(">H", data[position + 2 : position + 4])
        if length < 2:
            raise ValueError("broken JPEG segment")
        end = position + 2 + length
        if marker == 0xDA:  # start of scan: its header, then the image data to the next marker
            found = _SCAN_END.search(data, end)
            end = found.start() if found is not None else len(data)
        yield marker, position, min(end, len(data))
        position = end
    raise ValueError("JPEG cut short")


def _jfif_without_thumbnail(segment: bytes | memoryview) -> bytes | None:
    """The JFIF APP0 segment with its thumbnail left out (None when it is not JFIF)."""
    if len(segment) < 18 or bytes(segment[4:9]) != b"JFIF\x00":
        return None
    # Marker, length 16, "JFIF\0", version, density units and densities, no thumbnail.
    return b"\xff\xe0\x00\x10" + bytes(segment[4:16]) + b"\x00\x00"


def _clean_jpeg(data: bytes, media_type: str) -> bytes:
    view = memoryview(data)
    out: list[bytes | memoryview] = [b"\xff\xd8"]
    ended = False
    for marker, start, end in _jpeg_parts_or_cut(data):
        segment = view[start:end]
        if marker == 0xE0:
            jfif = _jfif_without_thumbnail(segment)
            if jfif is not None:
                out.append(jfif)
        elif marker == 0xE2:
            if bytes(segment[4:16]) == b"ICC_PROFILE\x00":
                out.append(segment)
        elif marker == 0xEE:
            if bytes(segment[4:9]) == b"Adobe":
                out.append(segment)
        elif 0xE0 <= marker <= 0xEF or marker == 0xFE:
            continue  # other APPn blocks and comments
        else:
            out.append(segment)
            ended = marker == 0xD9
    if not ended:
        out.append(b"\xff\xd9")
    return b"".join(out)


def _jpeg_parts_or_cut(data: bytes) -> Iterator[tuple[int, int, int]]:
    """`_jpeg_parts`, where a JPEG cut short after its first scan gives what it has (a phone's
    upload that lost its last bytes still shows); one with no scan at all is unreadable."""
    scanned = False
    try:
        for part in _jpeg_parts(data):
            scanned = scanned or part[0] == 0xDA
            yield part
    except ValueError:
        if not scanned:
            raise


def _clean_png(data: bytes, media_type: str) -> bytes:
    signature = b"\x89PNG\r\n\x1a\n"
    if not data.startswith(signature):
        raise ValueError("not a PNG")
    out = bytearray(signature)
    position = len(signature)
    while position < len(data):
        if position + 8 > len(data):
            raise ValueError("PNG cut short")
        (length,) = struct.unpack(">I", data[position : position + 4])
        chunk_type = data[position + 4 : position + 8]
        end = position + 12 + length
        if end > len(data):
            raise ValueError("PNG cut short")
        if chunk_type in _PNG_KEEP:
            out += data[position:end]
        position = end
        if chunk_type == b"IEND":
            break
    return bytes(out)


def _clean_with_pillow(data: bytes, media_type: str) -> bytes:
    from PIL import Image

    image = Image.open(io.BytesIO(data))
    image_format = image.format or "PNG"
    source = image.convert("RGBA") if image.mode in ("P", "PA") else image
    # A new image with the same pixels and nothing else (no EXIF, XMP or comments).
    clean = Image.new(source.mode, source.size)
    clean.paste(source)
    output = io.BytesIO()
    clean.save(output, format=image_format)
    return output.getvalue()


def _clean_pdf(data: bytes, media_type: str) -> bytes:
    from django.conf import settings

    from tegak.intake.pdf_copy import clean_in_child

    copy = clean_in_child(
        data,
        memory_mb=settings.EVIDENCE_PDF_COPY_MEMORY_MB,
        seconds=settings.EVIDENCE_PDF_COPY_SECONDS,
    )
    if copy is None:
        raise ValueError("the PDF could not be cleaned within its limits")
    return copy


CLEANERS = {
    # Named anew when a cleaner leaves out more (`services.copies.SUPERSEDED_METHODS`).
    "image/jpeg": ("jpeg_image_data_only", _clean_jpeg),
    "image/png": ("png_image_chunks_only", _clean_png),
    "image/gif": ("image_resaved", _clean_with_pillow),
    "image/webp": ("image_resaved", _clean_with_pillow),
    "image/tiff": ("image_resaved", _clean_with_pillow),
    "image/bmp": ("image_resaved", _clean_with_pillow),
    "application/pdf": ("pdf_metadata_removed", _clean_pdf),
}


IMAGE_TYPES = {media_type for media_type in CLEANERS if media_type.startswith("image/")}
RESAVED_TYPES = {media for media, (method, _c) in CLEANERS.items() if method == "image_resaved"}


def webp_dimensions(data: bytes) -> tuple[int, int]:
    """Width and height from a WebP's first chunk header, without any decoder."""
    if len(data) < 30 or data[:4] != b"RIFF" or data[8:12] != b"WEBP":
        raise ValueError("not a WebP")
    chunk = data[12:16]
    if chunk == b"VP8X":
        width = 1 + int.from_bytes(data[24:27], "little")
        height = 1 + int.from_bytes(data[27:30], "little")
    elif chunk == b"VP8L":
        if data[20] != 0x2F:
            raise ValueError("broken VP8L header")
        bits = int.from_bytes(data[21:25], "little")
        width, height = (bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1
    elif chunk == b"VP8 ":
        width = int.from_bytes(data[26:28], "little") & 0x3FFF
        height = int.from_bytes(data[28:30], "little") & 0x3FFF
    else:
        raise ValueError("unknown WebP chunk")
    return width, height


class TooManyPixels(ValueError):
    """So many pixels that even reading the header is refused (Pillow's own bomb guard)."""


def image_dimensions(data: bytes, media_type: str) -> tuple[int, int]:
    """Width and height read from the header only (nothing is decoded); ValueError when the
    header cannot be read."""
    if media_type == "image/webp":
        return webp_dimensions(data)
    if media_type == "image/jpeg":
        return jpeg_dimensions(data)
    import warnings

    from PIL import Image

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            with Image.open(io.BytesIO(data)) as image:
                return image.size
        except Image.DecompressionBombError as error:
            raise TooManyPixels(str(error)) from error
        except (OSError, SyntaxError) as error:
            raise ValueError(str(error)) from error


@dataclass(frozen=True)
class PreviewVerdict:
    """Whether a cleaned copy may be made, and if not why (a code kept on the evidence)."""

    allowed: bool
    reason: str = ""
    pixels: int = 0


def preview_verdict(
    data: bytes,
    media_type: str,
    *,
    max_pixels: int,
    report_pixels_left: int,
    max_copy_bytes: int,
) -> PreviewVerdict:
    """Decide from the header alone, before any decoding: too many pixels in the file or in the
    report, or a cleaned copy that would be too large, means no copy."""
    if media_type not in IMAGE_TYPES:
        return PreviewVerdict(True)
    try:
        width, height = image_dimensions(data, media_type)
    except TooManyPixels:
        return PreviewVerdict(False, "too_many_pixels")
    except ValueError:
        return PreviewVerdict(False, "unreadable")
    pixels = width * height
    if pixels > max_pixels:
        return PreviewVerdict(False, "too_many_pixels", pixels)
    if pixels > report_pixels_left:
        return PreviewVerdict(False, "report_pixels", pixels)
    # A re-saved copy holds at most four bytes a pixel before compression.
    if media_type in RESAVED_TYPES and pixels * 4 > max_copy_bytes:
        return PreviewVerdict(False, "copy_too_large", pixels)
    return PreviewVerdict(True, "", pixels)


def clean_copy(data: bytes, media_type: str) -> tuple[bytes, str] | None:
    """(cleaned bytes, method) for types we know how to clean; None otherwise or when the file
    cannot be parsed (the original stays; staff outside the team then see no copy)."""
    entry = CLEANERS.get(media_type)
    if entry is None:
        return None
    method, cleaner = entry
    try:
        return cleaner(data, media_type), method
    except Exception:  # any parse failure: keep the original only
        return None
