"""#12 item 9: files for the server's user only, refusals in one line, no guessable passwords."""

from __future__ import annotations

import io
import logging
import os
import stat
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.urls import reverse

from tegak.accounts.models import User
from tegak.core.logfilters import OneLineRefusals
from tegak.intake import services
from tegak.intake.services import ReportInput, Upload

pytestmark = pytest.mark.django_db
TEGAK = Path(sys.executable).with_name("tegak")


@pytest.mark.parametrize(
    "weak", ["sukamaju2026", "Sukamaju2026", "2026sukamaju", "bekasi12345678", "aaaaaaaaaaaaaa1"]
)
def test_predictable_passwords_are_refused(weak):
    with pytest.raises(ValidationError):
        validate_password(weak)
    user = User.objects.create_user("pegawai-lemah")
    form = SetPasswordForm(user, {"new_password1": weak, "new_password2": weak})
    assert not form.is_valid()
    user.refresh_from_db()
    assert not user.has_usable_password()


def test_a_sensible_password_is_accepted():
    validate_password("kata-sandi-baru-yang-panjang-99")
    validate_password("Tiga kata acak: meja, hujan, kopi")


def test_evidence_files_and_folders_are_for_the_server_only(settings, tmp_path, instansi):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192
    report, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            summary="Pungutan liar",
            description="Petugas meminta uang tambahan.",
            occurred_on=date(2026, 3, 2),
            location="Loket",
            reporter_mode="anonymous",
            files=[Upload(name="catatan.txt", stream=io.BytesIO(b"catatan kejadian\n" * 10))],
        ),
        client_key="k",
    )
    path = Path(report.evidence.get().original.path)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700


def test_the_data_folder_and_keys_of_a_new_installation_are_private(tmp_path):
    data = tmp_path / "var"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("TEGAK_", "DJANGO_"))}
    env.pop("DATABASE_URL", None)
    env.update({"TEGAK_DEMO": "1", "TEGAK_DATA_DIR": str(data)})
    result = subprocess.run(
        [str(TEGAK), "keys", "public"], env=env, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stderr
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for name in ("secret_key", "identity.key", "signing.key", "audit.key"):
        assert stat.S_IMODE((data / name).stat().st_mode) == 0o600, name


def test_a_refused_permission_is_logged_in_one_line(client, instansi):
    handler = next(
        h
        for h in logging.getLogger().handlers
        if any(isinstance(f, OneLineRefusals) for f in h.filters)
    )
    stream = io.StringIO()
    previous = handler.setStream(stream)
    try:
        officer = User.objects.create_superuser("super-tolak", password="kata-sandi-uji-123")
        from django_otp.plugins.otp_totp.models import TOTPDevice

        device = TOTPDevice.objects.create(user=officer, name="uji", confirmed=True)
        client.force_login(officer)
        session = client.session
        session["otp_device_id"] = device.persistent_id
        session.save()
        # Adding a domain row in the Django admin is refused (PermissionDenied, HTTP 403).
        response = client.get(reverse("admin:accounts_roleassignment_add"))
    finally:
        handler.setStream(previous)
    assert response.status_code == 403
    logged = stream.getvalue()
    assert "Forbidden" in logged
    assert "Traceback" not in logged
    assert len(logged.strip().splitlines()) == 1
