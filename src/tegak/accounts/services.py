"""Account writes: second-factor enrolment and verification."""

from __future__ import annotations

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
