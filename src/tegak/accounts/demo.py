"""One demo user per role, with the credentials printed. Idempotent."""

from __future__ import annotations

from typing import TextIO

from django.db import transaction

from tegak.accounts.models import Role, RoleAssignment, User
from tegak.people.demo import DEMO_INSTANSI_CODE
from tegak.people.models import Instansi

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
            RoleAssignment.objects.get_or_create(user=user, role=role.value, instansi=instansi)
            rows.append((username, str(role.label)))
    out.write(f"\nDemo accounts (password for all: {DEMO_PASSWORD}):\n")
    for username, label in rows:
        out.write(f"  {username:<22} {label}\n")
