"""Legal clocks of a case: started, met and paused by the steps (called inside their services).

Which step meets which clock, and which clocks are duties of the office (escalated when they pass)
rather than windows of the accused (which only tell the handlers), is set out here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tegak.cases import rules_bridge
from tegak.cases.models import Accused, Clock

# Clock steps that are a duty of the office: a reminder before, an escalation after.
DUTY_STEPS = {
    "superior_duty",
    "summons_issued",
    "summons_missed",
    "decision_set",
    "objection_received",
    "appeal_received",
}
# Which procedure step meets the clocks started by which rules step.
MET_BY = {
    "summons_issue_1": {"superior_duty"},
    "examination_hold": {"summons_issued"},
    "examination_missed": {"summons_issued"},
    "summons_issue_2": {"summons_missed"},
    "decision_deliver": {"decision_set"},
    "objection_decide": {"objection_received", "appeal_received", "decision_received"},
    "accused_finalise": {"decision_received"},
}
# PP 94/2021 does not say how soon a superior must summon after learning of a violation
# (Pasal 26(1), 28); the installation sets it (interpretation, docs/cases.md).
SUPERIOR_DUTY_NAME = "superior_must_summon"


def superior_duty_working_days() -> int:
    """Working days a direct superior has to summon after learning of a violation."""
    return int(getattr(settings, "CASES_SUPERIOR_SUMMONS_WORKING_DAYS", 7))


def reminder_days_before() -> int:
    """Calendar days before a deadline when the handlers are reminded."""
    return int(getattr(settings, "CASES_REMINDER_DAYS_BEFORE", 2))


def start(
    accused: Accused,
    step: str,
    on: date,
    *,
    keep: Callable[[dict[str, Any]], bool] | None = None,
) -> list[Clock]:
    """Start the clocks the rules engine gives for `step` on the day `on` (those `keep` keeps)."""
    created = [
        Clock.objects.create(
            case=accused.case,
            accused=accused,
            step=step,
            name=item["name"],
            due=item["due"],
            basis=item["basis"][:300],
        )
        for item in rules_bridge.deadlines(step, on)
        if keep is None or keep(item)
    ]
    _schedule(created)
    return created


def start_superior_duty(accused: Accused, known_on: date) -> Clock:
    """The clock of the direct superior's duty to summon (PP 94/2021 Pasal 26(1), 28)."""
    due = rules_bridge.add_working_days(known_on, superior_duty_working_days())
    clock = Clock.objects.create(
        case=accused.case,
        accused=accused,
        step="superior_duty",
        name=SUPERIOR_DUTY_NAME,
        due=due,
        basis="PP 94/2021 Pasal 26 ayat (1), Pasal 28",
    )
    _schedule([clock])
    return clock


def meet(accused: Accused, procedure_step: str, on: date) -> int:
    """Mark as met the open clocks this procedure step answers."""
    steps = MET_BY.get(procedure_step, set())
    if not steps:
        return 0
    return Clock.objects.filter(accused=accused, step__in=steps, met_on__isnull=True).update(
        met_on=on, paused=False
    )


def pause(accused: Accused, steps: set[str], on: date) -> int:
    """Pause clocks the law stops (an objection suspends the effect of the decision, Pasal 38)."""
    return Clock.objects.filter(
        accused=accused, step__in=steps, met_on__isnull=True, paused=False
    ).update(paused=True, paused_on=on)


def _moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(6, 0)))


def _schedule(clocks: list[Clock]) -> None:
    """Ask the worker to look at each clock on its reminder day and the day after it is due."""
    from tegak.cases.tasks import clock_check

    lead = reminder_days_before()
    for clock in clocks:
        moments = {
            _moment(clock.due - timedelta(days=lead)),
            _moment(clock.due + timedelta(days=1)),
        }
        clock_id = clock.pk

        def enqueue(clock_id: int = clock_id, moments: set[datetime] = moments) -> None:
            for moment in sorted(moments):
                clock_check.using(run_after=moment).enqueue([clock_id])

        transaction.on_commit(enqueue)
