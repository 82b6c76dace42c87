"""One demo user per role, with the credentials printed. Idempotent."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from tegak.accounts.models import Role, RoleAssignment, User
from tegak.people.demo import DEMO_INSTANSI_CODE, employee_holding, employee_in_post
from tegak.people.demo.structure import SEED_ACCOUNTS
from tegak.people.models import Employee, Instansi

DEMO_PASSWORD = "demo-tegak-2026"  # noqa: S105 (printed for the fictional demo only)


def load(out: TextIO) -> None:
    """Create (or reset) the demo users and print how to log in."""
    instansi = Instansi.objects.get(code=DEMO_INSTANSI_CODE)
    rows = []
    with transaction.atomic():
        for role in Role:
            username = role.value.replace("_", "-")
            user, created = User.objects.get_or_create(username=username)
            if created or not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            user.first_name = str(role.label)
            user.is_staff = role == Role.ADMINISTRATOR
            user.is_superuser = role == Role.ADMINISTRATOR
            user.save()
            # The account belongs to an employee in a fitting post (the examiner heads a bidang).
            employee = _linked(user, employee_in_post(role.value))
            RoleAssignment.objects.get_or_create(user=user, role=role.value, instansi=instansi)
            post = f"{employee.full_name}" if employee else ""
            rows.append((username, str(role.label), post))
        # The seed stories' officials (council secretariat, posts since 2019): the direct
        # superior examines, the Sekretaris DPRD decides, the Sekretaris Daerah above him.
        for username, roles, post_of in SEED_ACCOUNTS:
            user, _created = User.objects.get_or_create(username=username)
            if not user.check_password(DEMO_PASSWORD):
                user.set_password(DEMO_PASSWORD)
            employee = _linked(user, employee_holding(*post_of))
            user.first_name = post_of[1]
            user.save()
            for role_name in roles:
                RoleAssignment.objects.get_or_create(
                    user=user, role=Role(role_name).value, instansi=instansi
                )
            labels = ", ".join(str(Role(role_name).label) for role_name in roles)
            rows.append((username, labels, employee.full_name if employee else ""))
    out.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):\n")
    for username, label, post in rows:
        out.write(f"  {username:<22} {label:<40} {post}\n")


def _linked(user: User, employee: Employee | None) -> Employee | None:
    """Link the account to the employee (taking the link from any other account)."""
    if employee is not None and user.employee_id != employee.pk:
        User.objects.filter(employee=employee).exclude(pk=user.pk).update(employee=None)
        user.employee = employee
        user.save()
    return employee
