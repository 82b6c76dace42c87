"""Staff login: password, then a TOTP code; lockout after repeated failures; argon2 hashes."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts.models import User
from tegak.accounts.services import second_factor_reset
from tegak.audit.models import AuditEvent
from tests.conftest import make_user

PASSWORD = "kata-sandi-uji-123"


def code_for(device: TOTPDevice) -> str:
    """The code an authenticator app would show now for this device."""
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    return f"{totp.token():0{device.digits}d}"


def log_in(client, username: str, password: str = PASSWORD):
    return client.post(reverse("accounts:login"), {"username": username, "password": password})


@pytest.mark.django_db
def test_first_login_enrols_a_totp_device_then_reaches_staff_pages(client, examiner):
    response = log_in(client, examiner.username)
    assert response.status_code == 302
    # Without the second factor every staff page sends the user to the code step.
    response = client.get(reverse("people:units"))
    assert response["Location"].startswith(reverse("accounts:otp") + "?next=")
    response = client.get(reverse("accounts:otp"))
    assert response["Location"] == reverse("accounts:otp_setup")
    setup = client.get(reverse("accounts:otp_setup"))
    assert setup.status_code == 200
    assert "<svg" in setup.content.decode()
    device = TOTPDevice.objects.get(user=examiner, confirmed=False)
    wrong = client.post(reverse("accounts:otp_setup"), {"token": "000000"})
    assert wrong.status_code == 200
    assert "tidak valid" in wrong.content.decode()
    # django-otp slows down guessing: after a wrong code the next try must wait a moment.
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        device.refresh_from_db()
        response = client.post(reverse("accounts:otp_setup"), {"token": code_for(device)})
    assert response.status_code == 302
    device.refresh_from_db()
    assert device.confirmed
    assert client.get(reverse("dashboard:home")).status_code == 200
    assert AuditEvent.objects.filter(
        action="account.second_factor_enrolled", target_id=str(examiner.pk)
    ).exists()


@pytest.mark.django_db
def test_later_logins_ask_for_the_code_of_the_enrolled_device(client, examiner):
    device = TOTPDevice.objects.create(user=examiner, name="app", confirmed=True)
    log_in(client, examiner.username)
    assert client.get(reverse("dashboard:home"))["Location"].startswith(reverse("accounts:otp"))
    page = client.get(reverse("accounts:otp"))
    assert page.status_code == 200
    response = client.post(reverse("accounts:otp"), {"token": "12a456"})
    assert response.status_code == 200
    assert client.get(reverse("dashboard:home")).status_code == 302
    with time_machine.travel(timezone.now() + timedelta(seconds=5), tick=False):
        device.refresh_from_db()
        response = client.post(reverse("accounts:otp"), {"token": code_for(device)})
    assert response.status_code == 302
    assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.django_db
def test_wrong_password_is_refused_in_indonesian(client, examiner):
    response = log_in(client, examiner.username, "salah-sekali-123")
    assert response.status_code == 200
    assert "benar" in response.content.decode()  # "Masukkan nama pengguna dan sandi yang benar"
    assert client.get(reverse("dashboard:home")).status_code == 302


@pytest.mark.django_db
def test_repeated_failures_lock_the_account_even_with_the_right_password(client, examiner):
    for _attempt in range(5):
        response = log_in(client, examiner.username, "salah-sekali-123")
    assert response.status_code == 429
    assert "terlalu banyak" in response.content.decode().lower()
    response = log_in(client, examiner.username)
    assert response.status_code == 429
    assert client.get(reverse("dashboard:home")).status_code == 302


@pytest.mark.django_db
def test_passwords_are_stored_with_argon2_in_production_settings():
    from tegak.config import settings as production

    assert production.PASSWORD_HASHERS[0].endswith("Argon2PasswordHasher")
    with override_settings(PASSWORD_HASHERS=production.PASSWORD_HASHERS):
        user = User.objects.create_user(username="argon", password=PASSWORD)
        assert user.password.startswith("argon2$argon2id$")
        assert user.check_password(PASSWORD)


@pytest.mark.django_db
def test_second_factor_is_not_asked_when_switched_off_for_the_demo(client, examiner):
    with override_settings(REQUIRE_SECOND_FACTOR=False):
        log_in(client, examiner.username)
        assert client.get(reverse("dashboard:home")).status_code == 200


@pytest.mark.django_db
def test_reset_second_factor_makes_the_user_enrol_again(client, administrator, examiner):
    TOTPDevice.objects.create(user=examiner, name="app", confirmed=True)
    assert second_factor_reset(actor=administrator, user=examiner) == 1
    assert not TOTPDevice.objects.filter(user=examiner).exists()
    log_in(client, examiner.username)
    assert client.get(reverse("accounts:otp"))["Location"] == reverse("accounts:otp_setup")
    event = AuditEvent.objects.get(action="account.second_factor_reset")
    assert event.actor_id == administrator.pk


@pytest.mark.django_db
def test_admin_action_resets_second_factor(administrator, examiner, verified_client):
    administrator.is_staff = administrator.is_superuser = True
    administrator.save()
    TOTPDevice.objects.create(user=examiner, name="app", confirmed=True)
    client = verified_client(administrator)
    response = client.post(
        reverse("admin:accounts_user_changelist"),
        {"action": "reset_second_factor", "_selected_action": [examiner.pk]},
    )
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=examiner).exists()


@pytest.mark.django_db
def test_menu_shows_administration_only_to_administrators(examiner, administrator, verified_client):
    html = verified_client(examiner).get(reverse("dashboard:home")).content.decode()
    assert reverse("administration:home") not in html
    assert reverse("people:units") in html
    html = verified_client(administrator).get(reverse("dashboard:home")).content.decode()
    assert reverse("administration:home") in html


@pytest.mark.django_db
def test_roles_are_scoped_to_their_instansi(instansi, outsider):
    from tegak.people.access import can_administer

    admin_here = make_user("admin-sini", instansi, "administrator")
    assert can_administer(admin_here, instansi)
    assert not can_administer(outsider, instansi)  # administrator, but elsewhere


@pytest.mark.django_db
def test_one_address_spraying_passwords_over_many_accounts_is_stopped(client, settings, instansi):
    """Found by the 2026-12-07 attack: the lockout was per account and address, so one address
    could try four passwords on every account. Past the address's limit no login is tried from
    it, the right password included; another address still logs in."""
    from tests.conftest import make_user

    settings.LOGIN_ADDRESS_FAILURE_LIMIT = 8
    users = [make_user(f"pegawai-{number}", instansi, "examiner") for number in range(5)]
    for user in users[:4]:
        for _attempt in range(2):  # under the per-account limit of 5
            assert log_in(client, user.username, "tebakan-umum-1").status_code == 200
    response = log_in(client, users[4].username)  # the right password, 8 failures before
    assert response.status_code == 429
    assert "koneksi anda" in response.content.decode().lower()
    assert client.get(reverse("dashboard:home")).status_code == 302
    other = client.__class__(REMOTE_ADDR="10.9.8.7")
    assert log_in(other, users[4].username).status_code == 302
