"""Fixtures for the draft report: intake's file and hash settings, employees of the test kota."""

from __future__ import annotations

import pytest


@pytest.fixture
def intake_settings(settings, tmp_path):
    """Files in a folder of this test; a cheaper argon2 (the same algorithm) to keep tests fast."""
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    return settings


@pytest.fixture
def registry(instansi):
    """Employees of the test kota; two carry names that the karaoke report mentions."""
    from tegak.people.models import Employee

    people = [
        ("197001012000012001", "Reny Hendrawati", "PNS"),
        ("197502022000011002", "Hanan Tarya", "PNS"),
        ("198003032005011003", "Budi Santoso", "PNS"),
    ]
    return {
        name: Employee.objects.create(instansi=instansi, nip=nip, name=name, status=status)
        for nip, name, status in people
    }
