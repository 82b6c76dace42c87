"""Fixtures for the privacy review: files under the test's folder, a quick receipt hash."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def _review_settings(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    return settings


def staff_client(user):
    """A fresh test client logged in as `user`, second factor passed."""
    from django.test import Client
    from django_otp.plugins.otp_totp.models import TOTPDevice

    client = Client()
    device, _ = TOTPDevice.objects.get_or_create(user=user, name="uji", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    return client


# The case-file fixtures (an organisation, staff accounts, a case opener) are reused as they are.
from tests.cases.conftest import open_case, org, staff, today  # noqa: E402, F401
