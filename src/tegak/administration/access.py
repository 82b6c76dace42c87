"""Which instansi the administrator may run; one-object fetches answer 404 out of scope."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from tegak.accounts.models import User
from tegak.people.access import administered_instansi
from tegak.people.models import Employee, Instansi, OrgUnit, Position, PositionAssignment


def instansi_administered(actor: Any) -> QuerySet[Instansi]:
    """The instansi the actor administers."""
    return administered_instansi(actor).order_by("name")


def can_establish_instansi(actor: Any) -> bool:
    """Creating an instansi is an act of the installation (its superuser)."""
    return bool(getattr(actor, "is_superuser", False))


def instansi_for(actor: Any, code: str) -> Instansi:
    """The instansi by code, when the actor administers it; otherwise 404."""
    instansi = instansi_administered(actor).filter(code=code).first()
    if instansi is None:
        raise Http404
    return instansi


def user_for(actor: Any, instansi: Instansi, user_id: int) -> User:
    """An account holding a role in the instansi (the superuser: any account); otherwise 404."""
    queryset = User.objects.select_related("employee")
    if not getattr(actor, "is_superuser", False):
        queryset = queryset.filter(roles__instansi=instansi).distinct()
    try:
        return queryset.get(pk=user_id)
    except User.DoesNotExist:
        raise Http404 from None


def unit_for(instansi: Instansi, unit_id: int) -> OrgUnit:
    """A unit of the instansi, or 404."""
    try:
        return OrgUnit.objects.select_related("parent").get(instansi=instansi, pk=unit_id)
    except OrgUnit.DoesNotExist:
        raise Http404 from None


def employee_for(instansi: Instansi, employee_id: int) -> Employee:
    """An employee of the instansi, or 404."""
    try:
        return Employee.objects.get(instansi=instansi, pk=employee_id)
    except Employee.DoesNotExist:
        raise Http404 from None


def position_for(instansi: Instansi, position_id: int) -> Position:
    """A position of the instansi, or 404."""
    try:
        return Position.objects.select_related("unit").get(instansi=instansi, pk=position_id)
    except Position.DoesNotExist:
        raise Http404 from None


def assignment_for(instansi: Instansi, assignment_id: int) -> PositionAssignment:
    """A post held in the instansi, or 404."""
    try:
        return PositionAssignment.objects.select_related("employee", "position__unit").get(
            employee__instansi=instansi, pk=assignment_id
        )
    except PositionAssignment.DoesNotExist:
        raise Http404 from None
