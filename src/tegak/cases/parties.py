"""The cases an authorised official has a part in (ADR 0180; docs/legal-questions.md C33).

An authorised official sees a case of their instansi only when they are, on a day the case was
open (from its opening to its final day, or today), on the chain of superiors of one of its
accused — the registry's posts and overrides, then the posts stated in the case, as
`tegak.cases.posts` reads them — or are assigned to it, or took one of its steps (the decision,
the objection's decision, a delivery: the capacity of every step is kept), or were told of one of
its deadlines. PP 94/2021 Pasal 16-25 give the power to sanction by the place on that chain; the
rest of the instansi's cases are none of their business (UU 27/2022 Pasal 16 ayat (2) huruf a
and b: personal data processed limited to, and for, its purpose).
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.db.models import DateField, Exists, OuterRef, Q, QuerySet, Value
from django.db.models.functions import Coalesce

from tegak.cases.models import Accused, CaseHandler, Notification, StatedPost, StepAuthority
from tegak.core import page_memo
from tegak.people.models import Employee, PositionAssignment
from tegak.people.selectors import Reach, descendants_of, subordinates_reach


def _spans_meet(prefix: str, start: date | None, end: date | None, today: date) -> Q:
    """The row's span (`prefix`start, `prefix`end; end empty: still held) shares a day with
    [start, end] and with the case's open span (the outer accused's case)."""
    case_end = Coalesce(OuterRef("case__closed_on"), Value(today, output_field=DateField()))
    condition = Q(**{f"{prefix}start__lte": case_end}) & (
        Q(**{f"{prefix}end__isnull": True})
        | Q(**{f"{prefix}end__gte": OuterRef("case__opened_on")})
    )
    if end is not None:
        condition &= Q(**{f"{prefix}start__lte": end})
    if start is not None:
        condition &= Q(**{f"{prefix}end__isnull": True}) | Q(**{f"{prefix}end__gte": start})
    return condition


def _case_open_within(start: date | None, end: date | None, today: date) -> Q:
    """The accused's case was open on a day of [start, end]."""
    condition = Q()
    if end is not None:
        condition &= Q(case__opened_on__lte=end)
    if start is not None:
        still_open = Q(case__closed_on__isnull=True) if start <= today else Q(pk__in=[])
        condition &= still_open | Q(case__closed_on__gte=start)
    return condition


def _accused_in_reach(reach: Reach, today: date) -> QuerySet[Accused]:
    """The accused who were under the official in this reach while their case was open."""
    accused = Accused.objects.filter(_case_open_within(reach.start, reach.end, today))
    if reach.case_id is not None:
        accused = accused.filter(case_id=reach.case_id)
    condition = Q(employee_id__in=reach.employees) if reach.employees else Q(pk__in=[])
    if reach.units:
        posted = PositionAssignment.objects.filter(
            _spans_meet("", reach.start, reach.end, today),
            employee_id=OuterRef("employee_id"),
            position__unit_id__in=reach.units,
        )
        stated = StatedPost.objects.filter(
            _spans_meet("", reach.start, reach.end, today),
            case_id=OuterRef("case_id"),
            employee_id=OuterRef("employee_id"),
            unit_id__in=reach.units,
        )
        condition |= Exists(posted) | Exists(stated)
    return accused.filter(condition)


def _reach(employee: Employee) -> tuple[Reach, ...]:
    """The registry's reach of the official, then the units they are stated, in a case, to have
    headed (and those below) for that case only: a past case's posts the registry does not hold
    (`tegak.cases.posts`). Read once per page (`page_memo`)."""
    descendants = descendants_of(employee.instansi_id)
    stated = [
        Reach(descendants(unit_id), frozenset(), start, end, case_id)
        for case_id, unit_id, start, end in StatedPost.objects.filter(
            employee=employee, is_head=True, unit__isnull=False
        ).values_list("case_id", "unit_id", "start", "end")
    ]
    return (*subordinates_reach(employee, descendants), *stated)


def on_chain(employee: Employee, today: date) -> Q:
    """Cases in which the employee was on the chain of superiors of an accused while the case
    was open: the units they headed and all below, overrides, and the posts and superiors stated
    in the case."""
    condition = Q(pk__in=StatedPost.objects.filter(superior=employee).values("case_id"))
    reaches = page_memo.remember(("cases.official_reach", employee.pk), lambda: _reach(employee))
    for reach in reaches:
        condition |= Q(pk__in=_accused_in_reach(reach, today).values("case_id"))
    return condition


def took_part(actor: Any) -> Q:
    """Cases the user is assigned to, took a step of (its capacity is kept, so the deciding,
    delivering and objection-deciding official are found), or was told of a deadline of."""
    steps = StepAuthority.objects.filter(user=actor)
    if actor.employee_id:
        steps = StepAuthority.objects.filter(Q(user=actor) | Q(employee_id=actor.employee_id))
    return (
        Q(pk__in=CaseHandler.objects.filter(user=actor, active=True).values("case_id"))
        | Q(pk__in=steps.values("case_id"))
        | Q(pk__in=Notification.objects.filter(user=actor).values("case_id"))
    )
