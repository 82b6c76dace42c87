"""Account writes: second-factor enrolment, verification and reset.

A session may enrol an authenticator only while the account has none, or once the session has
been verified with one it already has: the password alone never adds a device (#12 item 2). The
device being enrolled belongs to the session that asked for it; any other unconfirmed device of
the account (one whose secret somebody else may have seen) is thrown away.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from axes.models import AccessAttempt
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Sum
from django.utils import timezone
from django.utils.translation import gettext as _
from django_otp import login as otp_login
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.accounts.models import User
from tegak.audit.services import audit_record
from tegak.core.clients import login_client_address
from tegak.people.access import administered_instansi

PENDING_SESSION_KEY = "tegak_otp_pending_device"


def has_second_factor(user: User) -> bool:
    """Whether the account has a confirmed authenticator."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def may_enrol(*, request: Any, user: User) -> bool:
    """A first authenticator after the password; another one only from a verified session."""
    # OTPMiddleware gives the request's user `is_verified()`.
    return not has_second_factor(user) or bool(user.is_verified())  # type: ignore[attr-defined]


def totp_device_pending(*, request: Any, user: User) -> TOTPDevice:
    """The unconfirmed device this session is enrolling (created on first use)."""
    if not may_enrol(request=request, user=user):
        raise PermissionDenied
    device_id = request.session.get(PENDING_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()
    if device is None:
        TOTPDevice.objects.filter(user=user, confirmed=False).delete()
        device = TOTPDevice.objects.create(user=user, name="authenticator", confirmed=False)
        request.session[PENDING_SESSION_KEY] = device.pk
    return device


def totp_confirm(*, request: Any, user: User, token: str) -> bool:
    """Confirm this session's enrolment with a first valid code; the session is then verified."""
    if not may_enrol(request=request, user=user):
        raise PermissionDenied
    device_id = request.session.get(PENDING_SESSION_KEY)
    device = TOTPDevice.objects.filter(user=user, confirmed=False, pk=device_id).first()
    if device is None or not device.verify_token(token):
        return False
    additional = has_second_factor(user)
    with transaction.atomic():
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        audit_record(
            actor=user,
            action="account.second_factor_enrolled",
            target=user,
            data={"additional": True} if additional else {},
        )
    request.session.pop(PENDING_SESSION_KEY, None)
    otp_login(request, device)
    return True


def totp_verify(*, request, user: User, token: str) -> bool:
    """Check a code against the user's confirmed devices; on success mark the session verified."""
    for device in TOTPDevice.objects.filter(user=user, confirmed=True):
        if device.verify_token(token):
            otp_login(request, device)
            return True
    return False


def can_manage_account(actor: Any, user: User) -> bool:
    """Whether the actor may act on the account as a whole (deactivate, second factor, a link
    to set its password): an administrator of every instansi the account holds a role in, never
    the account itself, and never an account above every instansi (the installation's superuser
    or a staff account of Django's admin), which only the superuser manages."""
    if getattr(actor, "is_superuser", False):
        return True
    if getattr(actor, "pk", None) == user.pk:
        return False
    if user.is_superuser or user.is_staff:
        return False
    held = set(user.roles.values_list("instansi_id", flat=True))
    if not held:
        return False
    administered = set(administered_instansi(actor).values_list("pk", flat=True))
    return held <= administered


def second_factor_reset(*, actor: Any, user: User) -> int:
    """Remove a lost second factor (the person enrols again at the next login); 1 if any removed.

    Only an administrator of the account's instansi (or the installation's superuser) may.
    """
    if not can_manage_account(actor, user):
        raise PermissionDenied
    devices = TOTPDevice.objects.filter(user=user)
    if not devices.exists():
        return 0
    instansi_codes = sorted(set(user.roles.values_list("instansi__code", flat=True)))
    with transaction.atomic():
        removed = devices.count()
        devices.delete()
        audit_record(
            actor=actor,
            action="account.second_factor_reset",
            target=user,
            instansi_code=instansi_codes[0] if len(instansi_codes) == 1 else "",
            data={"devices_removed": removed, "instansi": instansi_codes},
        )
    return 1


def installation_admin_exists() -> bool:
    """Whether the installation already has an administrator (an active superuser)."""
    return User.objects.filter(is_superuser=True, is_active=True).exists()


def installation_admin_create(
    *, actor: Any, username: str, full_name: str, email: str, password: str
) -> User:
    """Create the first administrator of a fresh installation (`tegak setup`).

    Refused once the installation has one: further accounts are invited on the administrator's
    pages. Every field is checked before anything is written; the password against the same
    validators as every other password.
    """
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError
    from django.core.validators import validate_email

    from tegak.core.errors import InputError

    username = username.strip()
    full_name = " ".join(full_name.split())
    email = email.strip()
    if installation_admin_exists():
        raise InputError(
            "username",
            _(
                "This installation already has an administrator. Further accounts are invited "
                "on the Administration pages; a forgotten password is reset with "
                "`tegak changepassword USERNAME`."
            ),
        )
    if not username:
        raise InputError("username", _("Give a user name."))
    field = User._meta.get_field("username")
    try:
        field.run_validators(username)
    except ValidationError:
        raise InputError(
            "username",
            _("A user name may hold only letters, digits and the characters @ . + - _."),
        ) from None
    if len(username) > 150:
        raise InputError("username", _("A user name has at most 150 characters."))
    if User.objects.filter(username__iexact=username).exists():
        raise InputError("username", _("The user name %(name)s is taken.") % {"name": username})
    if not full_name:
        raise InputError("full_name", _("Give the administrator's full name."))
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError(
                "email", _("%(email)s is not an e-mail address.") % {"email": email}
            ) from None
    first, _sep, last = full_name.partition(" ")
    candidate = User(username=username, first_name=first[:150], last_name=last[:150], email=email)
    try:
        validate_password(password, user=candidate)
    except ValidationError as error:
        raise InputError("password", " ".join(str(message) for message in error.messages)) from None
    with transaction.atomic():
        if installation_admin_exists():
            raise InputError("username", _("This installation already has an administrator."))
        candidate.is_staff = True
        candidate.is_superuser = True
        candidate.set_password(password)
        candidate.save()
        audit_record(
            actor=actor,
            action="account.installation_admin_created",
            target=candidate,
            data={"has_email": bool(email)},
        )
    return candidate


def address_login_failures(request: Any) -> int:
    """Failed logins from the request's address, on any account, within the lockout window
    (django-axes's own records; the address as axes records it)."""
    address = login_client_address(request)
    if address is None:
        return 0
    since = timezone.now() - timedelta(hours=settings.AXES_COOLOFF_TIME)
    total = AccessAttempt.objects.filter(ip_address=address, attempt_time__gte=since).aggregate(
        failures=Sum("failures_since_start")
    )["failures"]
    return int(total or 0)
