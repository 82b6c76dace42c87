"""One-object fetches for attendance pages (`<thing>_for(actor, id)`, the one access layer's
idiom): out of scope looks exactly like not found.

Staff with a role that needs it may see an instansi's attendance (not the identity custodian,
whose task is reporters' identities only: UU 27/2022 data minimisation); a superior (a user linked
to an employee) may see the attendance of the people below them in the chain.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.http import Http404
from django.utils import timezone

from tegak.attendance.models import AttendanceAlert, DeviceUser, FlexibleWorkGrant
from tegak.attendance.registry import superiors_of
from tegak.core.access import Role, administered_one, is_installation_admin
from tegak.people.models import Employee, Instansi, OrgUnit

# Roles whose work needs attendance data.
ATTENDANCE_ROLES = (
    Role.ADMINISTRATOR,
    Role.INTAKE_OFFICER,
    Role.EXAMINER,
    Role.AUTHORISED_OFFICIAL,
    Role.OVERSIGHT,
    Role.AUDITOR,
)


def role_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi in which the user holds a role that needs attendance (all for a superuser)."""
    if is_installation_admin(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(
        role_holders__user=user, role_holders__role__in=ATTENDANCE_ROLES
    ).distinct()


def administered_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi the user administers (where they may import attendance)."""
    if is_installation_admin(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(
        role_holders__user=user, role_holders__role=Role.ADMINISTRATOR
    ).distinct()


def _has_role_in(user: Any, instansi_id: int) -> bool:
    return (
        is_installation_admin(user)
        or user.roles.filter(instansi_id=instansi_id, role__in=ATTENDANCE_ROLES).exists()
    )


def may_see_employee(user: Any, employee: Employee) -> bool:
    """Whether the user may see this employee's attendance."""
    if _has_role_in(user, employee.instansi_id):
        return True
    own = getattr(user, "employee", None)
    if own is None or own.pk == employee.pk:
        return own is not None and own.pk == employee.pk
    return own in superiors_of(employee, timezone.localdate())


def instansi_for(actor: Any, code: str | None) -> Instansi:
    """The instansi by code (or the actor's only one) if the actor holds a role there."""
    allowed = role_instansi(actor)
    found = allowed.filter(code=code).first() if code else allowed.order_by("name").first()
    if found is None:
        raise Http404
    return found


def employee_for(actor: Any, employee_id: int) -> Employee:
    """The employee if the actor may see their attendance."""
    employee = Employee.objects.select_related("instansi").filter(pk=employee_id).first()
    if employee is None or not may_see_employee(actor, employee):
        raise Http404
    return employee


def unit_for(actor: Any, unit_id: int) -> OrgUnit:
    """The unit if the actor holds a role in its instansi."""
    unit = OrgUnit.objects.select_related("instansi").filter(pk=unit_id).first()
    if unit is None or not _has_role_in(actor, unit.instansi_id):
        raise Http404
    return unit


def alert_for(actor: Any, alert_id: int) -> AttendanceAlert:
    """The alert if the actor is its superior or holds a role in the employee's instansi."""
    alert = (
        AttendanceAlert.objects.select_related("employee", "employee__instansi", "superior")
        .filter(pk=alert_id)
        .first()
    )
    if alert is None:
        raise Http404
    own = getattr(actor, "employee", None)
    if own is not None and alert.superior_id == own.pk:
        return alert
    if _has_role_in(actor, alert.employee.instansi_id):
        return alert
    raise Http404


def device_user_for(actor: Any, instansi: Instansi, item_id: object) -> DeviceUser:
    """A machine user id of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, DeviceUser.objects.all(), instansi, item_id)


def flexible_grant_for(actor: Any, instansi: Instansi, grant_id: object) -> FlexibleWorkGrant:
    """A flexible-work grant of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, FlexibleWorkGrant.objects.all(), instansi, grant_id)
