"""#12 items 2 and 7: the second factor cannot be skipped, and `next` never leaves the site.

The probe logged in with the password alone, opened the enrolment page, enrolled a *new*
authenticator on an account that already had one, and the session counted as verified. Then it
sent a user through `/akun/verifikasi/?next=https://…` to another site.
"""

from __future__ import annotations

import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts.services import second_factor_reset
from tegak.audit.models import AuditEvent
from tests.conftest import make_user

pytestmark = pytest.mark.django_db
PASSWORD = "kata-sandi-uji-123"


def code_for(device: TOTPDevice) -> str:
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def code_for_secret(secret: str) -> str:
    import base64

    return f"{TOTP(base64.b32decode(secret)).token():06d}"


def log_in(client, username: str):
    response = client.post(reverse("accounts:login"), {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


def test_password_alone_cannot_enrol_a_second_authenticator(client, examiner):
    owned = TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    log_in(client, examiner.username)
    events_before = AuditEvent.objects.count()

    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 302
    assert page["Location"].startswith(reverse("accounts:otp"))
    secret = re.search(r"<code>([A-Z2-7]{16,})</code>", page.content.decode())
    assert secret is None, "the enrolment page handed out a new secret"

    # Even a forged confirmation with a code of a device the attacker made up is refused.
    attempt = client.post(reverse("accounts:otp_setup"), {"token": "123456"})
    assert attempt.status_code == 302
    assert attempt["Location"].startswith(reverse("accounts:otp"))

    assert list(TOTPDevice.objects.filter(user=examiner)) == [owned]
    assert AuditEvent.objects.count() == events_before
    assert client.get(reverse("dashboard:home"))["Location"].startswith(reverse("accounts:otp"))
    assert client.get("/api/v1/cases/").status_code == 401


def test_a_pending_device_made_before_the_fix_cannot_be_confirmed(client, examiner):
    TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    pending = TOTPDevice.objects.create(user=examiner, name="attacker", confirmed=False)
    log_in(client, examiner.username)
    response = client.post(reverse("accounts:otp_setup"), {"token": code_for(pending)})
    assert response.status_code == 302
    pending.refresh_from_db()
    assert not pending.confirmed
    assert client.get("/api/v1/cases/").status_code == 401


def test_a_verified_session_may_add_a_second_authenticator(client, examiner):
    phone = TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    log_in(client, examiner.username)
    assert client.post(reverse("accounts:otp"), {"token": code_for(phone)}).status_code == 302
    page = client.get(reverse("accounts:otp_setup"))
    assert page.status_code == 200
    secret = re.search(r"<code>([A-Z2-7]{16,})</code>", page.content.decode()).group(1)
    with time_machine.travel(timezone.now() + timedelta(seconds=31), tick=False):
        response = client.post(reverse("accounts:otp_setup"), {"token": code_for_secret(secret)})
    assert response.status_code == 302
    assert TOTPDevice.objects.filter(user=examiner, confirmed=True).count() == 2
    event = AuditEvent.objects.get(action="account.second_factor_enrolled")
    assert event.data == {"additional": True}


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/phish",
        "//evil.example/phish",
        "/\\evil.example",
        "https:evil.example",
        "javascript:alert(1)",
    ],
)
def test_next_after_the_second_factor_never_leaves_the_site(client, examiner, target):
    phone = TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    log_in(client, examiner.username)
    response = client.post(reverse("accounts:otp") + "?next=" + target, {"token": code_for(phone)})
    assert response.status_code == 302
    assert response["Location"] == reverse("dashboard:home")


def test_next_inside_the_site_is_kept(client, examiner):
    phone = TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    log_in(client, examiner.username)
    wanted = reverse("people:units")
    redirected = client.get(wanted)
    assert redirected["Location"] == reverse("accounts:otp") + "?" + urlencode({"next": wanted})
    response = client.post(redirected["Location"], {"token": code_for(phone)})
    assert response["Location"] == wanted


def test_login_next_never_leaves_the_site(client, examiner):
    response = client.post(
        reverse("accounts:login") + "?next=https://evil.example/",
        {"username": examiner.username, "password": PASSWORD},
    )
    assert "evil.example" not in response["Location"]


def test_lost_device_reset_only_by_an_administrator_of_the_same_instansi(
    instansi, administrator, examiner
):
    from tegak.people.models import Instansi

    other = Instansi.objects.create(
        code="kota-lain", name="Pemerintah Kota Lain", level="kabupaten_kota", time_zone="WIB"
    )
    foreign_admin = make_user("admin-lain", other, "administrator")
    TOTPDevice.objects.create(user=examiner, name="phone", confirmed=True)
    for actor in (foreign_admin, examiner, make_user("pemeriksa-2", instansi, "examiner")):
        with pytest.raises(PermissionDenied):
            second_factor_reset(actor=actor, user=examiner)
    assert TOTPDevice.objects.filter(user=examiner).count() == 1
    assert not AuditEvent.objects.filter(action="account.second_factor_reset").exists()
    assert second_factor_reset(actor=administrator, user=examiner) == 1
    event = AuditEvent.objects.get(action="account.second_factor_reset")
    assert event.actor_id == administrator.pk
    assert event.instansi_code == instansi.code
