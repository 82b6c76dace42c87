"""Reads of the registry: who held which post on a day, who is whose superior, the org chart.

Who held which post, who headed a unit and whose superior was overridden on a day are read once
per page inside `tegak.core.page_memo.kept()` (the case page asks each several times)."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Case, IntegerField, OuterRef, Q, QuerySet, Subquery, Value, When
from django.utils import timezone

from tegak.core import page_memo
from tegak.people.access import instansi_ids_for
from tegak.people.models import (
    Employee,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)

# Definitive first, then Plt, then Plh: the post someone really holds wins over an acting one.
_KIND_ORDER = Case(
    When(kind="definitif", then=Value(0)),
    When(kind="plt", then=Value(1)),
    default=Value(2),
    output_field=IntegerField(),
)
MAX_CHAIN = 30
# Order of sibling units on the org chart: secretariats first, then agencies, services, the rest.
UNIT_KIND_ORDER = [
    "pemerintah",
    "sekretariat",
    "badan",
    "inspektorat",
    "dinas",
    "bagian",
    "bidang",
    "subbagian",
    "seksi",
    "upt",
    "lainnya",
]


def _held_on(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def assignments_on(day: date) -> QuerySet[PositionAssignment]:
    """Every assignment in force on the day, best first (definitive, Plt, Plh; newest start)."""
    return (
        PositionAssignment.objects.filter(_held_on(day))
        .annotate(kind_order=_KIND_ORDER)
        .order_by("kind_order", "-start", "-id")
    )


def assignment_on(employee: Employee, day: date) -> PositionAssignment | None:
    """The post the employee held that day (definitive preferred over Plt/Plh)."""
    return page_memo.remember(
        ("people.assignment_on", employee.pk, day) if employee.pk else None,
        lambda: (
            assignments_on(day)
            .filter(employee=employee)
            .select_related("position", "position__unit")
            .first()
        ),
    )


def position_kind_on(employee: Employee, day: date) -> str | None:
    """The kind of post (jpt_pratama, pelaksana, ...) the employee held that day."""
    assignment = assignment_on(employee, day)
    return assignment.position.kind if assignment else None


def unit_head_assignment(unit: OrgUnit, day: date) -> PositionAssignment | None:
    """The assignment to the unit's head post in force that day (definitive before Plt/Plh)."""
    return page_memo.remember(
        ("people.unit_head_assignment", unit.pk, day) if unit.pk else None,
        lambda: (
            assignments_on(day)
            .filter(position__unit=unit, position__is_head=True, employee__active=True)
            .select_related("employee")
            .first()
        ),
    )


def unit_head(unit: OrgUnit, day: date) -> Employee | None:
    """Who held the unit's head post that day (a Plt or Plh when no one held it definitively)."""
    assignment = unit_head_assignment(unit, day)
    return assignment.employee if assignment else None


def _override_on(employee: Employee, day: date) -> SupervisorOverride | None:
    return page_memo.remember(
        ("people.override_on", employee.pk, day) if employee.pk else None,
        lambda: (
            SupervisorOverride.objects.filter(_held_on(day), employee=employee)
            .select_related("supervisor")
            .order_by("-start", "-id")
            .first()
        ),
    )


def direct_superior(employee: Employee, day: date) -> Employee | None:
    """The atasan langsung that day: the override if any, else the head of the employee's unit
    (of the parent unit if they head their own); a vacant post passes the role up the tree
    (PP 94/2021 Pasal 25 and its elucidation: "pejabatnya lowong")."""
    override = _override_on(employee, day)
    if override is not None:
        return override.supervisor
    assignment = assignment_on(employee, day)
    if assignment is None:
        return None
    unit: OrgUnit | None = assignment.position.unit
    if assignment.position.is_head:
        unit = parent_unit(unit) if unit else None
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        head = unit_head(unit, day)
        if head is not None and head.pk != employee.pk:
            return head
        unit = parent_unit(unit)
    return None


def parent_unit(unit: OrgUnit) -> OrgUnit | None:
    """The unit above (read once per page inside `page_memo.kept()`)."""
    if unit.parent_id is None:
        return None
    return page_memo.remember(("people.unit", unit.parent_id), lambda: unit.parent)


def supervisor_chain(employee: Employee, day: date) -> list[Employee]:
    """The direct superior first, then theirs, up to the top of the tree."""
    chain: list[Employee] = []
    seen = {employee.pk}
    current = employee
    while len(chain) < MAX_CHAIN:
        superior = direct_superior(current, day)
        if superior is None or superior.pk in seen:
            break
        chain.append(superior)
        seen.add(superior.pk)
        current = superior
    return chain


@dataclass(frozen=True)
class Reach:
    """Whom an employee is a superior of (anywhere up the chain) over a span of days: everyone
    posted in `units` (the units they head and every unit below) and the `employees` whose
    superior is set to them, or to someone under them, by an override. `start`/`end` None: open.
    `case_id` set: the reach comes from a post stated in that case only."""

    units: frozenset[int]
    employees: frozenset[int]
    start: date | None
    end: date | None
    case_id: int | None = None


def overlap(
    first: tuple[date | None, date | None], second: tuple[date | None, date | None]
) -> tuple[date | None, date | None] | None:
    """The days two spans share (None ends are open), or None when they share none."""
    starts = [day for day in (first[0], second[0]) if day is not None]
    ends = [day for day in (first[1], second[1]) if day is not None]
    start, end = (max(starts) if starts else None), (min(ends) if ends else None)
    if start is not None and end is not None and start > end:
        return None
    return start, end


def descendants_of(instansi_id: int) -> Callable[[int], frozenset[int]]:
    """A function giving a unit of the instansi with every unit below it (one query)."""
    below: dict[int, list[int]] = defaultdict(list)
    for child, parent in (
        OrgUnit.objects.filter(instansi_id=instansi_id).order_by().values_list("id", "parent_id")
    ):
        if parent is not None:
            below[parent].append(child)

    def descendants(unit_id: int) -> frozenset[int]:
        found: set[int] = set()
        stack = [unit_id]
        while stack:
            current = stack.pop()
            if current not in found:
                found.add(current)
                stack.extend(below.get(current, []))
        return frozenset(found)

    return descendants


def subordinates_reach(
    employee: Employee, descendants: Callable[[int], frozenset[int]] | None = None
) -> list[Reach]:
    """Whom the employee is on the chain of superiors of, span by span (the registry read top
    down, as `direct_superior` reads it bottom up): the units they headed (definitive, Plt or
    Plh) and all below them, and whoever an override put under them or under someone under
    them. It may say a little more than the chain: someone in those units whose override sends
    them to a superior outside is still counted (docs/adr/0180)."""
    descendants = descendants or descendants_of(employee.instansi_id)
    reach: list[Reach] = []
    frontier: list[tuple[int, tuple[date | None, date | None]]] = [(employee.pk, (None, None))]
    seen: set[tuple[int, date | None, date | None]] = set()
    while frontier and len(seen) < MAX_CHAIN * 10:
        person, span = frontier.pop()
        if (person, *span) in seen:
            continue
        seen.add((person, *span))
        heads = PositionAssignment.objects.filter(employee_id=person, position__is_head=True)
        for unit_id, start, end in heads.values_list("position__unit_id", "start", "end"):
            shared = overlap(span, (start, end))
            if shared is not None:
                reach.append(Reach(descendants(unit_id), frozenset(), *shared))
        overrides = SupervisorOverride.objects.filter(supervisor_id=person)
        for below, start, end in overrides.values_list("employee_id", "start", "end"):
            shared = overlap(span, (start, end))
            if shared is not None and below != employee.pk:
                reach.append(Reach(frozenset(), frozenset({below}), *shared))
                frontier.append((below, shared))
    return reach


def employee_rule_facts(employee: Employee, day: date) -> dict[str, Any]:
    """The employee facts `tegak.rules.assess` needs, as they stood on the day."""
    return {
        "status": employee.status,
        "position": position_kind_on(employee, day),
        "instansi_level": employee.instansi.level,
    }


def units_tree(instansi: Instansi, day: date | None = None) -> list[dict[str, Any]]:
    """The org chart: top units with their heads and nested children, in code order."""
    day = day or timezone.localdate()
    units = sorted(
        OrgUnit.objects.filter(instansi=instansi, active=True),
        key=lambda unit: (
            UNIT_KIND_ORDER.index(unit.kind) if unit.kind in UNIT_KIND_ORDER else 99,
            unit.code,
        ),
    )
    heads: dict[int, PositionAssignment] = {}
    head_assignments = (
        assignments_on(day)
        .filter(position__instansi=instansi, position__is_head=True, employee__active=True)
        .select_related("employee", "position")
    )
    for assignment in head_assignments:
        heads.setdefault(assignment.position.unit_id, assignment)
    counts: dict[int, int] = defaultdict(int)
    for unit_id in (
        assignments_on(day)
        .filter(position__instansi=instansi, employee__active=True)
        .values_list("position__unit_id", flat=True)
    ):
        counts[unit_id] += 1
    children: dict[int | None, list[OrgUnit]] = defaultdict(list)
    known = {unit.pk for unit in units}
    for unit in units:
        parent_id = unit.parent_id if unit.parent_id in known else None
        children[parent_id].append(unit)

    def build(unit: OrgUnit, depth: int) -> dict[str, Any]:
        head = heads.get(unit.pk)
        return {
            "unit": unit,
            "head": head.employee if head else None,
            "head_position": head.position if head else None,
            "head_kind": head.kind if head else None,
            "staff_count": counts.get(unit.pk, 0),
            "depth": depth,
            "children": [build(child, depth + 1) for child in children.get(unit.pk, [])],
        }

    return [build(unit, 0) for unit in children.get(None, [])]


def unit_descendant_ids(unit: OrgUnit) -> set[int]:
    """The unit and every unit below it."""
    parents = dict(OrgUnit.objects.filter(instansi=unit.instansi).values_list("id", "parent_id"))
    below: dict[int, list[int]] = defaultdict(list)
    for child, parent in parents.items():
        if parent is not None:
            below[parent].append(child)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current in found:
            continue
        found.add(current)
        stack.extend(below.get(current, []))
    return found


def employees_for(
    actor: Any,
    *,
    instansi: Instansi | None = None,
    query: str = "",
    unit: OrgUnit | None = None,
    status: str = "",
    day: date | None = None,
) -> QuerySet[Employee]:
    """Employees the actor may see (their instansi roles), searched by name or NIP, filtered by
    unit (with the units below it) and status; annotated with the post held on the day."""
    day = day or timezone.localdate()
    queryset = Employee.objects.select_related("instansi")
    ids = instansi_ids_for(actor)
    if ids is not None:
        queryset = queryset.filter(instansi_id__in=ids)
    if instansi is not None:
        queryset = queryset.filter(instansi=instansi)
    query = query.strip()
    if query:
        queryset = queryset.filter(Q(name__icontains=query) | Q(nip__startswith=query))
    if status:
        queryset = queryset.filter(status=status)
    current = assignments_on(day).filter(employee=OuterRef("pk"))
    queryset = queryset.annotate(
        current_position_name=Subquery(current.values("position__name")[:1]),
        current_position_kind=Subquery(current.values("position__kind")[:1]),
        current_unit_id=Subquery(current.values("position__unit_id")[:1]),
        current_unit_name=Subquery(current.values("position__unit__name")[:1]),
    )
    if unit is not None:
        unit_ids = unit_descendant_ids(unit)
        queryset = queryset.filter(
            pk__in=PositionAssignment.objects.filter(
                _held_on(day), position__unit_id__in=unit_ids
            ).values("employee_id")
        )
    return queryset.order_by("name", "nip")


def unit_positions(unit: OrgUnit, day: date | None = None) -> list[dict[str, Any]]:
    """The unit's posts, each with who holds it on the day (head first)."""
    day = day or timezone.localdate()
    positions = list(Position.objects.filter(unit=unit).order_by("-is_head", "kind", "name"))
    holders: dict[int, list[PositionAssignment]] = defaultdict(list)
    for assignment in (
        assignments_on(day)
        .filter(position__unit=unit, employee__active=True)
        .select_related("employee")
    ):
        holders[assignment.position_id].append(assignment)
    return [
        {"position": position, "holders": holders.get(position.pk, [])} for position in positions
    ]


def assignment_history(employee: Employee) -> QuerySet[PositionAssignment]:
    """Every post the employee held, newest first."""
    return employee.assignments.select_related("position", "position__unit").order_by(
        "-start", "-id"
    )


def unit_ancestors(unit: OrgUnit) -> list[OrgUnit]:
    """The units above this one, top first."""
    path: list[OrgUnit] = []
    seen: set[int] = set()
    current = unit.parent
    while current is not None and current.pk not in seen:
        seen.add(current.pk)
        path.append(current)
        current = current.parent
    return list(reversed(path))


# At most this many employees are listed by one search of a picker.
SEARCH_LIMIT = 60


def employee_search(
    instansi: Instansi, text: str, *, day: date | None = None, limit: int = SEARCH_LIMIT
) -> list[Employee]:
    """Active employees of the instansi matching `text` by name, NIP (its start), the name of the
    post held on the day, or the unit they serve in on the day — a unit found by name brings
    everyone in it and in the units below it ("Sekretariat DPRD" lists the secretariat's
    sections too). Each found employee carries `current_position_name`, `current_unit_name` and
    `current_status_label` for the picker; ordered by unit, then name."""
    text = " ".join(text.split())[:100]
    if len(text) < 2:
        return []
    day = day or timezone.localdate()
    unit_ids: set[int] = set()
    for unit in OrgUnit.objects.filter(instansi=instansi, name__icontains=text):
        unit_ids |= unit_descendant_ids(unit)
    held = PositionAssignment.objects.filter(_held_on(day), employee__instansi=instansi)
    by_post = held.filter(
        Q(position__name__icontains=text) | Q(position__unit_id__in=unit_ids)
    ).values("employee_id")
    current = assignments_on(day).filter(employee=OuterRef("pk"))
    queryset = (
        Employee.objects.filter(instansi=instansi, active=True)
        .filter(Q(name__icontains=text) | Q(nip__startswith=text) | Q(pk__in=by_post))
        .annotate(
            current_position_name=Subquery(current.values("position__name")[:1]),
            current_unit_name=Subquery(current.values("position__unit__name")[:1]),
        )
        .order_by("current_unit_name", "name", "nip")
    )
    return list(queryset[:limit])
