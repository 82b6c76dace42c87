"""What the case file needs from the registry: who held which post, who is whose superior."""

from __future__ import annotations

from datetime import date

from tegak.people.models import Employee, OrgUnit
from tegak.people.selectors import (
    assignment_on,
    direct_superior,
    employee_rule_facts,
    supervisor_chain,
)


def unit_flags(employee: Employee, day: date) -> tuple[bool, bool]:
    """Whether the employee works in a supervision unit and in a personnel unit that day
    (the unit or one above it carries the flag)."""
    assignment = assignment_on(employee, day)
    supervision = personnel = False
    unit: OrgUnit | None = assignment.position.unit if assignment else None
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        supervision = supervision or unit.is_supervision_unit
        personnel = personnel or unit.is_personnel_unit
        unit = unit.parent
    return supervision, personnel


__all__ = [
    "assignment_on",
    "direct_superior",
    "employee_rule_facts",
    "supervisor_chain",
    "unit_flags",
]
