"""Account writes: second-factor enrolment and verification."""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts.models import User
from tegak.audit.services import audit_record


def totp_device_pending(*, user: User) -> TOTPDevice:
    """The unconfirmed device being enrolled (created on first use)."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
    return device


def totp_confirm(*, request, user: User, token: str) -> bool:
    """Confirm enrolment with a first valid code; logs the device in for this session."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None or not device.verify_token(token):
        return False
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(actor=user, action="account.second_factor_enrolled", target=user)
    otp_login(request, device)
    return True


def totp_verify(*, request, user: User, token: str) -> bool:
    """Check a code against the user's confirmed devices; on success mark the session verified."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def second_factor_reset(*, actor: Any, user: User) -> int:
    """Remove the user's TOTP devices so they enrol again at the next login; 1 if any removed."""
    devices = TOTPDevice.objects.filter(user=user)
    if not devices.exists():
        return 0
    with transaction.atomic():
        removed = devices.count()
        devices.delete()
        audit_record(
            actor=actor,
            action="account.second_factor_reset",
            target=user,
            data={"devices_removed": removed},
        )
    return 1
