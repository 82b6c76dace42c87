"""What attendance needs from the registry: the direct superior and the facts the rules read.

The registry's own selectors (`tegak.people.selectors`) are used when they exist; the private
queries below answer the same questions from the registry models until then.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import Q

from tegak.people.models import Employee, OrgUnit, PositionAssignment, SupervisorOverride


def _people_selector(name: str) -> Any:
    try:
        from tegak.people import selectors
    except ImportError:
        return None
    return getattr(selectors, name, None)


def _active(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def assignment_on(employee: Employee, day: date) -> PositionAssignment | None:
    """The post the employee held on the day (definitive before acting)."""
    return (
        PositionAssignment.objects.filter(_active(day), employee=employee)
        .select_related("position", "position__unit")
        .order_by("kind", "-start")
        .first()
    )


def _head_of(unit: OrgUnit, day: date) -> Employee | None:
    assignment = (
        PositionAssignment.objects.filter(_active(day), position__unit=unit, position__is_head=True)
        .select_related("employee")
        .order_by("kind", "-start")
        .first()
    )
    return assignment.employee if assignment else None


def direct_superior(employee: Employee, day: date) -> Employee | None:
    """The employee's direct superior (atasan langsung) on the day, or None when nobody is."""
    selector = _people_selector("direct_superior")
    if selector is not None:
        result: Employee | None = selector(employee, day)
        return result
    override = (
        SupervisorOverride.objects.filter(_active(day), employee=employee)
        .select_related("supervisor")
        .order_by("-start")
        .first()
    )
    if override is not None:
        return override.supervisor
    assignment = assignment_on(employee, day)
    if assignment is None:
        return None
    unit: OrgUnit | None = assignment.position.unit
    if assignment.position.is_head and unit is not None:
        unit = unit.parent
    while unit is not None:
        head = _head_of(unit, day)
        if head is not None and head.pk != employee.pk:
            return head
        unit = unit.parent
    return None


def employee_rule_facts(employee: Employee, day: date) -> dict[str, Any]:
    """The `employee` object of a `tegak.rules.assess` payload for the day."""
    selector = _people_selector("employee_rule_facts")
    if selector is not None:
        facts: dict[str, Any] = selector(employee, day)
        return facts
    assignment = assignment_on(employee, day)
    return {
        "status": employee.status,
        "position": assignment.position.kind if assignment else "pelaksana",
        "instansi_level": employee.instansi.level,
        "instansi": employee.instansi.code,
    }


def unit_of(employee: Employee, day: date) -> OrgUnit | None:
    """The unit the employee worked in on the day."""
    assignment = assignment_on(employee, day)
    return assignment.position.unit if assignment else None


def superiors_of(employee: Employee, day: date, *, limit: int = 12) -> list[Employee]:
    """The chain of superiors, nearest first."""
    selector = _people_selector("supervisor_chain")
    if selector is not None:
        return list(selector(employee, day))
    chain: list[Employee] = []
    current: Employee | None = employee
    while current is not None and len(chain) < limit:
        current = direct_superior(current, day)
        if current is None or current in chain:
            break
        chain.append(current)
    return chain
