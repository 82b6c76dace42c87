"""One-object fetches for attendance pages (`<thing>_for(actor, id)`, the one access layer's
idiom): out of scope looks exactly like not found.

Staff with a role that needs it may see an instansi's attendance (not the identity custodian,
whose task is reporters' identities only: UU 27/2022 data minimisation); a superior (a user linked
to an employee) may see the attendance of the people below them in the chain.

An authorised official linked to an employee sees only the employees in their reach today (the
units they head, Plt or Plh, and all below, and whoever an override puts under them: ADR 0180,
`tegak.people.selectors.subordinates_reach`), the alerts of those employees and of which they are
the named superior, and the attendance of the accused of the cases they have a part in
(`tegak.cases.selectors.cases_for`). One with no linked employee is read as the PPK and keeps the
instansi (ADR 0180 part 2; docs/legal-questions.md C33). An examiner sees the accused of the cases
they see and, linked to an employee, their reach (`examiner_sees`).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.apps import apps
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from tegak.attendance.models import AttendanceAlert, DeviceUser, FlexibleWorkGrant
from tegak.attendance.registry import superiors_of
from tegak.core import page_memo
from tegak.core.access import Role, administered_one, is_installation_admin
from tegak.people.models import Employee, Instansi, OrgUnit, PositionAssignment
from tegak.people.selectors import subordinates_reach

# Roles whose work needs attendance data: each sees the whole instansi's, but the authorised
# official linked to an employee sees only their reach (`chain_instansi_ids`, ADR 0180).
ATTENDANCE_ROLES = (
    Role.ADMINISTRATOR,
    Role.INTAKE_OFFICER,
    Role.EXAMINER,
    Role.AUTHORISED_OFFICIAL,
    Role.OVERSIGHT,
    Role.AUDITOR,
)


def _role_rows(user: Any) -> list[tuple[str, int]]:
    if not getattr(user, "is_authenticated", False):
        return []
    return list(user.roles.values_list("role", "instansi_id"))


def wide_instansi_ids(user: Any) -> set[int]:
    """The instansi whose whole attendance the user sees through a role: every attendance role
    but the examiner's and the authorised official's, and that one too when no employee is
    linked to the account (read as the PPK, ADR 0180 part 2). An examiner works on cases: they
    see the attendance of the accused of the cases they see, and, linked to an employee, of
    their reach (`examiner_sees`; ADR 0180, attendance addendum)."""
    rows = _role_rows(user)
    linked = getattr(user, "employee_id", None) is not None
    return {
        instansi_id
        for role, instansi_id in rows
        if role in ATTENDANCE_ROLES
        and role != Role.EXAMINER
        and (role != Role.AUTHORISED_OFFICIAL or not linked)
    }


def examiner_ids(user: Any) -> set[int]:
    """The instansi where the user is an examiner (not the installation administrator)."""
    if is_installation_admin(user):
        return set()
    return {instansi_id for role, instansi_id in _role_rows(user) if role == Role.EXAMINER}


def linked_examiner_ids(user: Any) -> set[int]:
    """The instansi where the user is an examiner with a linked employee (a superior)."""
    if getattr(user, "employee_id", None) is None:
        return set()
    return examiner_ids(user)


def examiner_sees(user: Any, employee: Employee) -> bool:
    """Whether the user, as an examiner of the employee's instansi, may see their attendance:
    an accused of a case the user sees, or, linked to an employee, someone in their reach today."""
    if employee.instansi_id not in examiner_ids(user):
        return False
    condition = _accused_of_visible_cases(user)
    if employee.instansi_id in linked_examiner_ids(user):
        condition |= in_reach(user.employee, timezone.localdate())
    return Employee.objects.filter(condition, pk=employee.pk).exists()


def linked_official_ids(user: Any) -> set[int]:
    """The instansi where the user is an authorised official with a linked employee: as such
    they oversee the alerts, and open cases from them, of their reach only (ADR 0180)."""
    if getattr(user, "employee_id", None) is None or is_installation_admin(user):
        return set()
    return {
        instansi_id for role, instansi_id in _role_rows(user) if role == Role.AUTHORISED_OFFICIAL
    }


def chain_instansi_ids(user: Any) -> set[int]:
    """The instansi where the user's attendance roles are the authorised official's or the
    examiner's and an employee is linked to the account: there they see the employees in their
    reach only (and the accused of the cases they see)."""
    return (linked_official_ids(user) | linked_examiner_ids(user)) - wide_instansi_ids(user)


def reach_on(employee: Employee, day: date) -> tuple[frozenset[int], frozenset[int]]:
    """The units (headed, and all below) and the employees (by override) under the employee on
    the day, as `subordinates_reach` reads the registry top down (once per page)."""

    def compute() -> tuple[frozenset[int], frozenset[int]]:
        units: set[int] = set()
        people: set[int] = set()
        for reach in subordinates_reach(employee):
            if (reach.start is None or reach.start <= day) and (
                reach.end is None or reach.end >= day
            ):
                units |= reach.units
                people |= reach.employees
        return frozenset(units), frozenset(people)

    return page_memo.remember(("attendance.reach", employee.pk, day), compute)


def in_reach(employee: Employee, day: date, *, prefix: str = "") -> Q:
    """A condition on employees (or on rows whose employee is at `prefix`, e.g. "employee__"):
    posted on the day in a unit in the official's reach, or put under them by an override."""
    units, people = reach_on(employee, day)
    posted = PositionAssignment.objects.filter(
        Q(end__isnull=True) | Q(end__gte=day), start__lte=day, position__unit_id__in=units
    ).values("employee_id")
    return Q(**{f"{prefix}pk__in": posted}) | Q(**{f"{prefix}pk__in": list(people)})


def _accused_of_visible_cases(user: Any) -> Q:
    """Employees accused in a case the user may see (the case page shows their attendance)."""
    if not apps.is_installed("tegak.cases"):
        return Q(pk__in=[])
    from tegak.cases.models import Accused
    from tegak.cases.selectors import cases_for

    return Q(pk__in=Accused.objects.filter(case__in=cases_for(user)).values("employee_id"))


def official_reaches(user: Any, employee: Employee, *, with_cases: bool = False) -> bool:
    """Whether the employee is in the reach today of the user as a linked authorised official
    of the employee's instansi (with `with_cases`, also as an accused of a case they see)."""
    if employee.instansi_id not in linked_official_ids(user):
        return False
    condition = in_reach(user.employee, timezone.localdate())
    if with_cases:
        condition |= _accused_of_visible_cases(user)
    return Employee.objects.filter(condition, pk=employee.pk).exists()


def role_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi whose whole attendance the user sees through a role (all for a superuser)."""
    if is_installation_admin(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(pk__in=wide_instansi_ids(user))


def reach_units(user: Any) -> QuerySet[OrgUnit]:
    """The active units under a linked authorised official today, where that is all they see."""
    instansi_ids = chain_instansi_ids(user)
    if not instansi_ids:
        return OrgUnit.objects.none()
    units, _people = reach_on(user.employee, timezone.localdate())
    return OrgUnit.objects.filter(pk__in=units, instansi_id__in=instansi_ids, active=True)


def administered_instansi(user: Any) -> QuerySet[Instansi]:
    """The instansi the user administers (where they may import attendance)."""
    if is_installation_admin(user):
        return Instansi.objects.all()
    return Instansi.objects.filter(
        role_holders__user=user, role_holders__role=Role.ADMINISTRATOR
    ).distinct()


def _has_role_in(user: Any, instansi_id: int) -> bool:
    """Whether the user sees the whole instansi's attendance through a role."""
    return is_installation_admin(user) or instansi_id in wide_instansi_ids(user)


def may_see_employee(user: Any, employee: Employee) -> bool:
    """Whether the user may see this employee's attendance."""
    if _has_role_in(user, employee.instansi_id):
        return True
    if official_reaches(user, employee, with_cases=True):
        return True
    if examiner_sees(user, employee):
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
    """The unit if the actor holds a role in its instansi, or it is under them as a linked
    authorised official (its members are then all in their reach)."""
    unit = OrgUnit.objects.select_related("instansi").filter(pk=unit_id).first()
    if unit is None:
        raise Http404
    if _has_role_in(actor, unit.instansi_id) or reach_units(actor).filter(pk=unit.pk).exists():
        return unit
    raise Http404


def alert_for(actor: Any, alert_id: int) -> AttendanceAlert:
    """The alert if the actor is its superior, holds a role in the employee's instansi, or, as a
    linked authorised official, has the employee in their reach."""
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
    if official_reaches(actor, alert.employee):
        return alert
    raise Http404


def device_user_for(actor: Any, instansi: Instansi, item_id: object) -> DeviceUser:
    """A machine user id of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, DeviceUser.objects.all(), instansi, item_id)


def flexible_grant_for(actor: Any, instansi: Instansi, grant_id: object) -> FlexibleWorkGrant:
    """A flexible-work grant of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, FlexibleWorkGrant.objects.all(), instansi, grant_id)
