"""Who held which post on a day, for one case: the registry first, then the posts stated in the
case where the registry has none (contract staff rarely have post history; a past case needs the
posts held then).

Per person and day: the registry's post on the day; else that person's stated post covering the
day. A unit's head on the day: the registry's; else a stated post heading that unit. A person's
direct superior: the registry's override; else the stated superior of their stated post; else the
head of their unit (of the parent unit when they head their own), a vacant head passing up the
tree (PP 94/2021 Pasal 25). The case's engine input and every authority check read these, so they
agree.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Q

from tegak.cases.models import Case, StatedPost
from tegak.people.models import Employee, OrgUnit
from tegak.people.selectors import MAX_CHAIN, assignment_on, parent_unit, unit_head
from tegak.people.selectors import direct_superior as registry_direct_superior


@dataclass(frozen=True)
class Post:
    """A post held on a day, from the registry or stated in the case."""

    kind: str
    name: str
    unit: OrgUnit | None
    is_head: bool
    acting: str  # "", "plt" or "plh"
    stated: StatedPost | None

    @property
    def source(self) -> str:
        return "stated" if self.stated is not None else "registry"


def _covering(day: date) -> Q:
    return Q(start__lte=day) & (Q(end__isnull=True) | Q(end__gte=day))


def stated_post(case: Case | None, employee: Employee, day: date) -> StatedPost | None:
    """The newest post stated in this case for the person that covers the day."""
    if case is None or case.pk is None:
        return None
    return (
        StatedPost.objects.filter(_covering(day), case=case, employee=employee)
        .select_related("unit", "superior")
        .order_by("-given_on", "-id")
        .first()
    )


def post_on(employee: Employee, day: date, case: Case | None = None) -> Post | None:
    """The post the person held that day: the registry's, else the one stated in the case."""
    assignment = assignment_on(employee, day)
    if assignment is not None:
        position = assignment.position
        acting = assignment.kind if assignment.kind in {"plt", "plh"} else ""
        return Post(position.kind, position.name, position.unit, position.is_head, acting, None)
    stated = stated_post(case, employee, day)
    if stated is not None:
        return Post(stated.kind, stated.position_name, stated.unit, stated.is_head, "", stated)
    return None


def head_of(unit: OrgUnit, day: date, case: Case | None = None) -> Employee | None:
    """Who headed the unit that day: the registry's holder, else a head stated in the case."""
    head = unit_head(unit, day)
    if head is not None or case is None or case.pk is None:
        return head
    stated = (
        StatedPost.objects.filter(_covering(day), case=case, unit=unit, is_head=True)
        .select_related("employee")
        .order_by("-given_on", "-id")
        .first()
    )
    return stated.employee if stated is not None else None


def direct_superior(employee: Employee, day: date, case: Case | None = None) -> Employee | None:
    """The atasan langsung that day, the registry first, then what the case states."""
    post = post_on(employee, day, case)
    if post is None:
        return None
    if post.stated is None:
        found = registry_direct_superior(employee, day)
        if found is not None or case is None:
            return found
    elif post.stated.superior is not None:
        return post.stated.superior
    unit = parent_unit(post.unit) if (post.unit is not None and post.is_head) else post.unit
    seen: set[int] = set()
    while unit is not None and unit.pk not in seen:
        seen.add(unit.pk)
        head = head_of(unit, day, case)
        if head is not None and head.pk != employee.pk:
            return head
        unit = parent_unit(unit)
    return None


def supervisor_chain(employee: Employee, day: date, case: Case | None = None) -> list[Employee]:
    """The direct superior first, then theirs, up the tree (registry, then stated posts)."""
    chain: list[Employee] = []
    seen = {employee.pk}
    current = employee
    while len(chain) < MAX_CHAIN:
        superior = direct_superior(current, day, case)
        if superior is None or superior.pk in seen:
            break
        chain.append(superior)
        seen.add(superior.pk)
        current = superior
    return chain


@dataclass(frozen=True)
class CasePosts:
    """The posts of one case for the one door to the law (`tegak.law.inputs.PostLookup`):
    the registry first, then the posts stated in the case."""

    case: Case | None

    def post_kind(self, employee: Employee, day: date) -> str | None:
        post = post_on(employee, day, self.case)
        return post.kind if post is not None else None

    def chain(self, employee: Employee, day: date) -> list[Employee]:
        return supervisor_chain(employee, day, self.case)


def rule_facts(employee: Employee, day: date, case: Case | None = None) -> dict[str, Any]:
    """The employee facts the rules engine needs, as they stood on the day (None position when
    neither the registry nor the case knows the post: the caller asks for it)."""
    post = post_on(employee, day, case)
    return {
        "status": employee.status,
        "position": post.kind if post is not None else None,
        "instansi_level": employee.instansi.level,
        "instansi": employee.instansi.code,
    }
