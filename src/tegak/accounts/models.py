"""Staff accounts and their roles, each role scoped to one instansi."""

from __future__ import annotations

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from tegak.core.access import Role
from tegak.people.models import Employee, Instansi

__all__ = ["Role", "RoleAssignment", "User"]


class User(AbstractUser):
    """A staff account. Reporters never have one: they use a receipt code."""

    # The employee this account belongs to, when the person is on the registry (superiors,
    # examiners, the accused when they log in to read their file).
    employee = models.OneToOneField(
        Employee, null=True, blank=True, on_delete=models.SET_NULL, related_name="user"
    )
    preferred_language = models.CharField(_("language"), max_length=8, blank=True)

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")


class RoleAssignment(models.Model):
    """One role of one user in one instansi."""

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="roles")
    role = models.CharField(_("role"), max_length=32, choices=Role.choices)
    instansi = models.ForeignKey(Instansi, on_delete=models.PROTECT, related_name="role_holders")

    class Meta:
        verbose_name = _("role")
        verbose_name_plural = _("roles")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "instansi"], name="role_once_per_instansi"
            )
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.get_role_display()} @ {self.instansi.code}"
