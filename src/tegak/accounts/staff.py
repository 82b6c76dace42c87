"""Account writes of an instansi administrator: invite a user, grant and revoke roles, link the
account to an employee, deactivate and reactivate, reset a lost second factor.

An administrator acts only within the instansi they administer: roles are granted and revoked
there, and an account as a whole (deactivation, second factor, a link to set its password) only
when every role it holds is in an instansi the administrator administers and it is not the
installation's superuser. The installation's superuser may act on any account.

Who approves opening a confidential reporter's identity must not be who asks for it, nor someone
they appointed (docs/security.md, "Separation of duties"): the identity custodian's role is
granted only by the installation's superuser, and never held with the intake officer's or the
administrator's role in the same instansi.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import validate_email
from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _

from tegak.accounts import services as account_services
from tegak.accounts.models import Role, RoleAssignment, User
from tegak.accounts.services import can_manage_account
from tegak.audit.services import audit_record
from tegak.core.access import administers
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi

USERNAME = re.compile(r"^[a-z0-9][a-z0-9._-]{2,63}$")


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not administers(actor, instansi):
        raise PermissionDenied


def users_of(instansi: Instansi) -> QuerySet[User]:
    """Accounts holding any role in the instansi."""
    return (
        User.objects.filter(roles__instansi=instansi)
        .distinct()
        .select_related("employee")
        .order_by("username")
    )


def _roles(field: str, roles: list[str]) -> list[str]:
    chosen = sorted(set(roles))
    if not chosen:
        raise InputError(field, _("Choose at least one role."))
    for role in chosen:
        if role not in Role.values:
            raise InputError(field, _("%(role)r is not a role.") % {"role": role})
    return chosen


# Roles that ask to open a confidential reporter's identity, or appoint those who do.
NOT_WITH_CUSTODIAN = frozenset({Role.INTAKE_OFFICER, Role.ADMINISTRATOR})


def _separate_duties(
    field: str, actor: Any, user: User | None, instansi: Instansi, adding: list[str]
) -> None:
    """Refuse roles that would let one person, or one administrator's appointees, both ask for
    and approve the opening of a reporter's identity."""
    held = (
        set(
            RoleAssignment.objects.filter(user=user, instansi=instansi).values_list(
                "role", flat=True
            )
        )
        if user is not None
        else set()
    )
    after = held | set(adding)
    if Role.CUSTODIAN in adding and not getattr(actor, "is_superuser", False):
        raise InputError(
            field,
            _(
                "Only the installation administrator may appoint an identity custodian: an "
                "administrator of the instansi may not appoint who approves opening reporters' "
                "identities."
            ),
        )
    if Role.CUSTODIAN in after and after & NOT_WITH_CUSTODIAN:
        raise InputError(
            field,
            _(
                "The identity custodian may not also be an intake officer or an administrator "
                "of the same instansi: who approves opening a reporter's identity must not be "
                "who asks for it."
            ),
        )


def _employee(field: str, employee: Employee | None, instansi: Instansi, user: User | None) -> None:
    if employee is None:
        return
    if employee.instansi_id != instansi.pk:
        raise InputError(field, _("The employee belongs to another instansi."))
    taken = User.objects.filter(employee=employee)
    if user is not None:
        taken = taken.exclude(pk=user.pk)
    if taken.exists():
        raise InputError(field, _("This employee is already linked to another account."))


def user_invite(
    *,
    actor: Any,
    instansi: Instansi,
    username: str,
    full_name: str,
    email: str = "",
    roles: list[str],
    employee: Employee | None = None,
) -> User:
    """Create an account with roles in the instansi; the person sets a password from the
    invitation link (the account has no usable password until then)."""
    _require_admin(actor, instansi)
    username = (username or "").strip().lower()
    if not USERNAME.match(username):
        raise InputError(
            "username",
            _(
                "Use 3 to 64 lowercase letters, digits, dots, hyphens or underscores, "
                "starting with a letter or digit."
            ),
        )
    if User.objects.filter(username=username).exists():
        raise InputError("username", _("This username is already taken."))
    full_name = (full_name or "").strip()
    if not full_name:
        raise InputError("full_name", _("This field is required."))
    if len(full_name) > 150:
        raise InputError(
            "full_name", _("At most %(count)d characters are allowed.") % {"count": 150}
        )
    email = (email or "").strip()
    if email:
        try:
            validate_email(email)
        except ValidationError:
            raise InputError("email", _("Enter a valid e-mail address.")) from None
    chosen = _roles("roles", roles)
    _separate_duties("roles", actor, None, instansi, chosen)
    _employee("employee", employee, instansi, None)
    with transaction.atomic():
        user = User(username=username, first_name=full_name, email=email, employee=employee)
        user.set_unusable_password()
        user.save()
        for role in chosen:
            RoleAssignment.objects.create(user=user, role=role, instansi=instansi)
        audit_record(
            actor=actor,
            action="account.user_invited",
            target=user,
            instansi_code=instansi.code,
            data={"roles": chosen, "employee_id": employee.pk if employee else None},
        )
    return user


def role_grant(*, actor: Any, user: User, instansi: Instansi, role: str) -> RoleAssignment:
    """Give the user a role in the instansi (nothing changes when they already hold it)."""
    _require_admin(actor, instansi)
    (role,) = _roles("role", [role])
    existing = RoleAssignment.objects.filter(user=user, instansi=instansi, role=role).first()
    if existing is not None:
        return existing
    _separate_duties("role", actor, user, instansi, [role])
    with transaction.atomic():
        assignment = RoleAssignment.objects.create(user=user, role=role, instansi=instansi)
        audit_record(
            actor=actor,
            action="account.role_granted",
            target=user,
            instansi_code=instansi.code,
            data={"role": role},
        )
    return assignment


def role_revoke(*, actor: Any, user: User, instansi: Instansi, role: str) -> bool:
    """Take a role away; the instansi's last active administrator cannot be removed."""
    _require_admin(actor, instansi)
    assignment = RoleAssignment.objects.filter(user=user, instansi=instansi, role=role).first()
    if assignment is None:
        return False
    if role == Role.ADMINISTRATOR:
        others = RoleAssignment.objects.filter(
            instansi=instansi, role=Role.ADMINISTRATOR, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            raise InputError(
                "role",
                _("The instansi needs at least one active administrator: add another first."),
            )
    with transaction.atomic():
        assignment.delete()
        audit_record(
            actor=actor,
            action="account.role_revoked",
            target=user,
            instansi_code=instansi.code,
            data={"role": role},
        )
    return True


def user_employee_link(
    *, actor: Any, user: User, instansi: Instansi, employee: Employee | None
) -> User:
    """Link the account to an employee of the instansi (None removes the link)."""
    _require_admin(actor, instansi)
    if not user.roles.filter(instansi=instansi).exists() and not getattr(
        actor, "is_superuser", False
    ):
        raise PermissionDenied
    if user.employee is not None and user.employee.instansi_id != instansi.pk:
        raise InputError("employee", _("The account is linked to an employee of another instansi."))
    _employee("employee", employee, instansi, user)
    if user.employee_id == (employee.pk if employee else None):
        return user
    with transaction.atomic():
        previous = user.employee_id
        user.employee = employee
        user.save(update_fields=["employee"])
        audit_record(
            actor=actor,
            action="account.employee_linked",
            target=user,
            instansi_code=instansi.code,
            data={"employee_id": employee.pk if employee else None, "previous_id": previous},
        )
    return user


def _require_account(actor: Any, user: User) -> None:
    if not can_manage_account(actor, user):
        raise PermissionDenied


def user_deactivate(*, actor: Any, user: User, reason: str) -> User:
    """Stop the account from logging in (its history stays); the reason is recorded."""
    _require_account(actor, user)
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise InputError("reason", _("Give the reason in a few words."))
    if not user.is_active:
        return user
    for instansi_id in user.roles.filter(role=Role.ADMINISTRATOR).values_list(
        "instansi_id", flat=True
    ):
        others = RoleAssignment.objects.filter(
            instansi_id=instansi_id, role=Role.ADMINISTRATOR, user__is_active=True
        ).exclude(user=user)
        if not others.exists():
            raise InputError(
                "reason",
                _("This is the instansi's last active administrator: add another first."),
            )
    with transaction.atomic():
        user.is_active = False
        user.save(update_fields=["is_active"])
        audit_record(
            actor=actor,
            action="account.user_deactivated",
            target=user,
            data={"reason": reason[:300]},
        )
    return user


def user_reactivate(*, actor: Any, user: User) -> User:
    """Let a deactivated account log in again."""
    _require_account(actor, user)
    if user.is_active:
        return user
    with transaction.atomic():
        user.is_active = True
        user.save(update_fields=["is_active"])
        audit_record(actor=actor, action="account.user_reactivated", target=user)
    return user


def password_link_issue(*, actor: Any, user: User, instansi: Instansi) -> None:
    """Allow a link that lets whoever holds it set the account's password (the page shows it to
    the administrator, who passes it on): only for an account the actor manages, recorded with
    the actor, since the next event on the account is the holder of the link setting it."""
    _require_account(actor, user)
    audit_record(
        actor=actor,
        action="account.password_link_issued",
        target=user,
        instansi_code=instansi.code,
        data={"instansi": instansi.code},
    )


def second_factor_reset_for(*, actor: Any, user: User) -> int:
    """Reset a lost second factor of an account the actor manages (the security stream's
    `second_factor_reset` writes the event); the person enrols again at the next login."""
    _require_account(actor, user)
    return account_services.second_factor_reset(actor=actor, user=user)


def invitation_accept(*, user: User, password: str) -> User:
    """The invited person sets their password (the link's token was checked by the view)."""
    with transaction.atomic():
        user.set_password(password)
        user.save(update_fields=["password"])
        audit_record(actor=user, action="account.invitation_accepted", target=user)
    return user
