"""Fixtures for intake: employees of the test kota, real evidence files, quick receipt hashes."""

from __future__ import annotations

import io
import struct
from datetime import date, time

import pytest
from PIL import Image

from tegak.intake.services import ReportInput, Upload


@pytest.fixture(autouse=True)
def _intake_settings(settings, tmp_path):
    """Files in a folder of this test; a cheaper argon2 (the same algorithm) to keep tests fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    return settings


@pytest.fixture
def employee(instansi):
    from tegak.people.models import Employee

    return Employee.objects.create(
        instansi=instansi, nip="198001012005011001", name="Budi Santoso", status="PNS"
    )


@pytest.fixture
def other_employee(outsider):
    from tegak.people.models import Employee, Instansi

    return Employee.objects.create(
        instansi=Instansi.objects.get(code="kab-lain"),
        nip="199002022015022002",
        name="Siti Lain",
        status="PNS",
    )


def jpeg_with_gps() -> bytes:
    """A real JPEG whose EXIF says where it was taken and with which camera."""
    image = Image.new("RGB", (32, 24), (200, 30, 30))
    exif = Image.Exif()
    exif[0x010F] = "KameraMerk"  # Make
    exif[0x0110] = "Model-Rahasia"  # Model
    gps = exif.get_ifd(0x8825)
    gps[1] = "S"
    gps[2] = (6.0, 14.0, 30.0)
    gps[3] = "E"
    gps[4] = (106.0, 59.0, 10.0)
    out = io.BytesIO()
    image.save(out, format="JPEG", exif=exif.tobytes(), quality=90)
    return out.getvalue()


def png_with_text() -> bytes:
    """A real PNG with a text chunk naming its author."""
    from PIL.PngImagePlugin import PngInfo

    info = PngInfo()
    info.add_text("Author", "Pelapor Rahasia")
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (0, 120, 0)).save(out, format="PNG", pnginfo=info)
    return out.getvalue()


def pdf_with_author() -> bytes:
    """A one-page PDF whose document information names its author."""
    from pypdf import PdfWriter

    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    writer.add_metadata({"/Author": "Pelapor Rahasia", "/Creator": "Laptop-Pelapor"})
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def elf_renamed() -> bytes:
    """The start of a Linux program (ELF header)."""
    return b"\x7fELF\x02\x01\x01\x00" + b"\x00" * 8 + struct.pack("<HHI", 2, 62, 1) + b"\x00" * 200


def exe_renamed() -> bytes:
    """The start of a Windows program (MZ header)."""
    return b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 200


def upload(name: str, data: bytes) -> Upload:
    return Upload(name=name, stream=io.BytesIO(data))


@pytest.fixture
def report_input():
    def make(**overrides):
        values = {
            "summary": "Karaoke pada jam kerja",
            "description": "Pegawai sekretariat berkaraoke pada hari Jumat pukul 15.00.",
            "occurred_on": date(2022, 8, 26),
            "occurred_time": time(15, 0),
            "occurred_timezone": "WIB",
            "location": "Tempat karaoke di pusat kota",
            "accused_text": "Budi Santoso, Sekretariat DPRD",
            "reporter_mode": "anonymous",
        }
        values.update(overrides)
        return ReportInput(**values)

    return make


@pytest.fixture
def submitted(instansi, report_input):
    """A submitted anonymous web report and its receipt code."""
    from tegak.intake.services import report_submit

    return report_submit(instansi=instansi, data=report_input(), client_key="uji-alamat")
