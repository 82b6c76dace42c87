"""The SHA-256 recorded on arrival is computed while the upload streams in, and is right."""

from __future__ import annotations

import hashlib
import os

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import RequestFactory
from django.urls import reverse

from tegak.core.errors import InputError
from tegak.intake import uploads
from tegak.intake.models import Report

from .conftest import jpeg_with_gps


def _parsed(request_factory: RequestFactory, *files: bytes):
    request = request_factory.post(
        "/lapor/",
        {"files": [SimpleUploadedFile(f"f{i}.txt", data) for i, data in enumerate(files)]},
    )
    uploads.guard(request)
    uploads.check(request)  # reads the body through the guard and hands out the hashes
    return request


def test_hash_on_arrival_matches_the_bytes_across_many_chunks(rf):
    # 200 KB of text arrives in several 64 KB chunks; two files in one field keep their order.
    first = (b"baris laporan\n" * 15000)[:200_000]
    second = b"lampiran kedua\n" * 10
    request = _parsed(rf, first, second)
    stored = request.FILES.getlist("files")
    assert [getattr(item, uploads.ARRIVAL_HASH) for item in stored] == [
        (hashlib.sha256(first).hexdigest(), len(first)),
        (hashlib.sha256(second).hexdigest(), len(second)),
    ]


def test_no_arrival_hash_for_a_file_cut_at_the_limit(rf, settings):
    settings.EVIDENCE_MAX_FILE_BYTES = 100_000
    request = rf.post("/lapor/", {"files": [SimpleUploadedFile("big.txt", b"a" * 300_000)]})
    uploads.guard(request)
    with pytest.raises(InputError) as refused:
        uploads.check(request)
    assert refused.value.field == "files"
    for item in request.FILES.getlist("files"):
        assert not hasattr(item, uploads.ARRIVAL_HASH)


def test_report_form_records_the_hash_of_what_arrived(client, instansi):
    photo = jpeg_with_gps() + os.urandom(150_000)  # a JPEG with trailing bytes, several chunks
    response = client.post(
        reverse("reporting:new"),
        {
            "instansi": instansi.pk,
            "description": "Pungutan liar di loket.",
            "occurred_on": "2024-03-01",
            "occurred_timezone": "WIB",
            "reporter_mode": "anonymous",
            "files": SimpleUploadedFile("foto.jpg", photo),
        },
    )
    assert response.status_code == 201
    evidence = Report.objects.get().evidence.get()
    with evidence.original.open("rb") as handle:
        on_disk = handle.read()
    assert on_disk == photo
    assert evidence.sha256 == hashlib.sha256(photo).hexdigest()
    assert evidence.size == len(photo)
