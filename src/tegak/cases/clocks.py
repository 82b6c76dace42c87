"""Legal clocks of a case: started, met and paused by the steps (called inside their services).

Which step meets which clock, and which clocks are duties of the office (escalated when they pass)
rather than windows of the accused (which only tell the handlers), is set out here.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime, time, timedelta
from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models, transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tegak.cases import legal_basis, rules_bridge
from tegak.cases.models import Accused, Clock
from tegak.config.env import env_str

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
    "objection_reply": {"objection_received", "appeal_received"},
    "accused_finalise": {"decision_received"},
}


class ClockKind(models.TextChoices):
    """What a clock is, which decides whether it may be marked kept or late at all."""

    # The office must act by the day: marked kept, late, open or overdue.
    DUTY = "duty", _("duty of the office")
    # The accused's window (objection, appeal): the office keeps nothing, so no mark.
    RIGHT = "right", _("right of the accused")
    # A day that follows from the law (the effective date) or another body's duty (BPASN).
    DATE = "date", _("date set by law")


# Every clock name the rules engine and the case file give, by kind. A name not listed here is
# never marked (a mark on the public register must be true).
CLOCK_KINDS = {
    "superior_must_summon": ClockKind.DUTY,
    "examination_latest": ClockKind.DUTY,
    "second_summons_latest": ClockKind.DUTY,
    "delivery_latest": ClockKind.DUTY,
    "official_reply_due": ClockKind.DUTY,
    "ppk_reply_due": ClockKind.DUTY,
    "objection_decision_due": ClockKind.DUTY,
    "complainant_informed_due": ClockKind.DUTY,
    "examination_earliest": ClockKind.DATE,
    "takes_effect": ClockKind.DATE,
    "bpasn_decision_due": ClockKind.DATE,
    "objection_due": ClockKind.RIGHT,
    "appeal_due": ClockKind.RIGHT,
}


class Mark(models.TextChoices):
    """The true state of a duty on a day."""

    KEPT = "kept", pgettext_lazy("deadline mark", "kept")
    LATE = "late", pgettext_lazy("deadline mark", "late")
    OPEN = "open", pgettext_lazy("deadline mark", "open")
    OVERDUE = "overdue", pgettext_lazy("deadline mark", "overdue")
    PAUSED = "paused", pgettext_lazy("deadline mark", "paused")
    # The procedure ended before the duty fell due (no step was needed any more).
    NOT_NEEDED = "not_needed", pgettext_lazy("deadline mark", "not needed")
    # The duty has nobody to be kept towards (no reporter to tell): never kept nor overdue.
    NOT_APPLICABLE = "not_applicable", pgettext_lazy("deadline mark", "not applicable")


def clock_kind(name: str) -> str:
    """Duty, right or date (a name not known here counts as a date: never marked)."""
    return str(CLOCK_KINDS.get(name, ClockKind.DATE))


def clock_mark(
    *,
    name: str,
    due: date,
    met_on: date | None,
    paused: bool,
    today: date,
    ended_on: date | None = None,
    not_applicable: str = "",
) -> str:
    """The mark of a clock: kept only if its step happened by the due day, late only if after;
    open until the due day and overdue after it while no step answered it; empty for the
    accused's rights and for dates that are nobody's duty. `ended_on` is the day the procedure
    ended for the accused: a duty not yet due then was not needed. `not_applicable` is why a
    duty has nobody to be kept towards (a report from the news has no reporter to tell)."""
    if not_applicable:
        # Also a date that will not come (the effect of a sanction revoked on objection).
        return Mark.NOT_APPLICABLE
    if clock_kind(name) != ClockKind.DUTY:
        return ""
    if met_on is not None:
        return Mark.KEPT if met_on <= due else Mark.LATE
    if paused:
        return Mark.PAUSED
    if ended_on is not None:
        return Mark.NOT_NEEDED if due >= ended_on else Mark.OVERDUE
    return Mark.OPEN if today <= due else Mark.OVERDUE


def mark_of(clock: Clock, today: date | None = None) -> str:
    """`clock_mark` of a stored clock (the accused's final day ends it)."""
    return clock_mark(
        name=clock.name,
        due=clock.due,
        met_on=clock.met_on,
        paused=clock.paused,
        today=today or timezone.localdate(),
        ended_on=clock.accused.final_on if clock.accused.stage == "final" else None,
        not_applicable=clock.not_applicable,
    )


# PP 94/2021 does not say how soon a superior must summon after learning of a violation
# (Pasal 26(1), 28); the installation sets it (interpretation, docs/cases.md).
SUPERIOR_DUTY_NAME = "superior_must_summon"


def superior_duty_working_days() -> int:
    """Working days a direct superior has to summon after learning of a violation."""
    return int(getattr(settings, "CASES_SUPERIOR_SUMMONS_WORKING_DAYS", 7))


# Reading C34: an attendance case's duty clock runs from the day the superior knew of the
# absences, never from the day the case is opened (PP 94/2021 Pasal 26(1), 28; Pasal 15(1)
# counts them per year). `alert` (default): the day the attendance alert reached the superior,
# when the records showed the threshold crossed; `threshold`: the last day of the count that
# crossed it (a superior who sees the unit's attendance every day ought to have known then).
ATTENDANCE_DUTY_FROM_ALERT = "alert"
ATTENDANCE_DUTY_FROM_THRESHOLD = "threshold"


def attendance_duty_from() -> str:
    """Which day an attendance case's superior duty runs from (reading C34)."""
    value = str(
        getattr(settings, "CASES_ATTENDANCE_DUTY_FROM", None)
        or env_str("TEGAK_ATTENDANCE_DUTY_FROM", ATTENDANCE_DUTY_FROM_ALERT)
    )
    if value not in (ATTENDANCE_DUTY_FROM_ALERT, ATTENDANCE_DUTY_FROM_THRESHOLD):
        raise ImproperlyConfigured(
            f"TEGAK_ATTENDANCE_DUTY_FROM must be {ATTENDANCE_DUTY_FROM_ALERT} or "
            f"{ATTENDANCE_DUTY_FROM_THRESHOLD}, not {value!r}"
        )
    return value


def reminder_days_before() -> int:
    """Calendar days before a deadline when the handlers are reminded."""
    return int(getattr(settings, "CASES_REMINDER_DAYS_BEFORE", 2))


def start(
    accused: Accused,
    step: str,
    on: date,
    *,
    keep: Callable[[dict[str, Any]], bool] | None = None,
    official: str | None = None,
) -> list[Clock]:
    """Start the clocks the rules engine gives for `step` on the day `on` (those `keep` keeps;
    `official` as `rules_bridge.deadlines` takes it)."""
    today = timezone.localdate()
    created = [
        Clock.objects.create(
            case=accused.case,
            accused=accused,
            step=step,
            name=item["name"],
            due=item["due"],
            basis=legal_basis.basis(accused, item["basis"], on, period=True)[:300],
            office_limit=not legal_basis.period_from_law(accused, item["basis"]),
            entered_after_due=item["due"] < today,
        )
        for item in rules_bridge.deadlines(
            step, on, instansi=accused.case.instansi, official=official
        )
        if (keep is None or keep(item)) and legal_basis.keeps_clock(accused, item["basis"])
    ]
    _schedule(created)
    return created


SUPERIOR_DUTY_BASIS = "PP 94/2021 Pasal 26 ayat (1), Pasal 28"


def start_superior_duty(accused: Accused, known_on: date) -> Clock | None:
    """The clock of the direct superior's duty to summon (PP 94/2021 Pasal 26(1), 28; for PPPK and
    non-ASN staff the basis names their rule, `legal_basis`); None when no law sets it for them
    and the installation keeps no office limits (reading C20)."""
    if not legal_basis.keeps_clock(accused, SUPERIOR_DUTY_BASIS):
        return None
    due = rules_bridge.add_working_days(
        known_on, superior_duty_working_days(), instansi=accused.case.instansi
    )
    clock = Clock.objects.create(
        case=accused.case,
        accused=accused,
        step="superior_duty",
        name=SUPERIOR_DUTY_NAME,
        due=due,
        basis=legal_basis.basis(accused, SUPERIOR_DUTY_BASIS, known_on, period=True)[:300],
        office_limit=not legal_basis.period_from_law(accused, SUPERIOR_DUTY_BASIS),
        entered_after_due=due < timezone.localdate(),
    )
    _schedule([clock])
    return clock


# Clocks answered by one step only, whatever else their rules step started: the official's reply
# to an objection is met by the reply (PP 79/2021 Pasal 8(3)), never by the superior's decision.
ONLY_BY = {"official_reply_due": "objection_reply", "ppk_reply_due": "objection_reply"}


def meet(accused: Accused, procedure_step: str, on: date) -> int:
    """Mark as met the open clocks this procedure step answers."""
    steps = MET_BY.get(procedure_step, set())
    if not steps:
        return 0
    clocks = Clock.objects.filter(accused=accused, step__in=steps, met_on__isnull=True)
    mine = [name for name, only in ONLY_BY.items() if only == procedure_step]
    clocks = clocks.filter(name__in=mine) if mine else clocks.exclude(name__in=list(ONLY_BY))
    kept_duty = clocks.filter(step="superior_duty", due__gte=on).exists()
    count = clocks.update(met_on=on, paused=False)
    if kept_duty and accused.superior_duty_flagged_on is not None:
        # The summons is recorded with a day within the superior's time (entered after the
        # sweep flagged it): the Pasal 28 flag was not true, and it is lifted.
        accused.superior_duty_flagged_on = None
        accused.superior_duty_superior = None
        accused.save(update_fields=["superior_duty_flagged_on", "superior_duty_superior"])
    return count


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
