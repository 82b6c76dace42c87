"""What attendance needs from the registry: the direct superior and the facts the rules read
(thin wrappers over `tegak.people.selectors`, the one place that knows the org chart)."""

from __future__ import annotations

from datetime import date
from typing import Any

from tegak.people import selectors as people
from tegak.people.models import Employee, OrgUnit


def direct_superior(employee: Employee, day: date) -> Employee | None:
    """The employee's direct superior (atasan langsung) on the day, or None when nobody is."""
    return people.direct_superior(employee, day)


def superiors_of(employee: Employee, day: date) -> list[Employee]:
    """The chain of superiors, nearest first."""
    return people.supervisor_chain(employee, day)


def employee_rule_facts(employee: Employee, day: date) -> dict[str, Any]:
    """The `employee` object of a `tegak.rules.assess` payload for the day, with the instansi
    code (the engine finds PPPK and non-ASN rules by it)."""
    facts = dict(people.employee_rule_facts(employee, day))
    facts.setdefault("instansi", employee.instansi.code)
    return facts


def unit_of(employee: Employee, day: date) -> OrgUnit | None:
    """The unit the employee worked in on the day."""
    assignment = people.assignment_on(employee, day)
    return assignment.position.unit if assignment else None
