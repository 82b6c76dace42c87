"""Reminders before a deadline, escalation after it, and the duty of superiors (Pasal 28).

`clocks_sweep` is the service the worker's jobs call. It is idempotent: a clock is reminded once
and escalated once (the days are stored on the clock, notices are unique per clock and kind).
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.db import transaction
from django.utils import timezone

from tegak.accounts.models import User
from tegak.cases import registry
from tegak.cases.clocks import DUTY_STEPS, reminder_days_before
from tegak.cases.history import case_event
from tegak.cases.models import Clock, Notification, NotificationKind
from tegak.core.access import Role

RESPONSIBLE = {
    "superior_duty": {Role.EXAMINER},
    "summons_issued": {Role.EXAMINER},
    "summons_missed": {Role.EXAMINER},
    "decision_set": {Role.AUTHORISED_OFFICIAL},
    "objection_received": {Role.AUTHORISED_OFFICIAL},
    "appeal_received": {Role.AUTHORISED_OFFICIAL},
    "decision_received": {Role.AUTHORISED_OFFICIAL, Role.EXAMINER},
}


def _handlers(clock: Clock) -> list[User]:
    roles = RESPONSIBLE.get(clock.step, {Role.EXAMINER, Role.AUTHORISED_OFFICIAL})
    return [
        handler.user
        for handler in clock.case.handlers.filter(active=True, role__in=roles).select_related(
            "user", "user__employee"
        )
    ]


def _user_of(employee: Any) -> User | None:
    return User.objects.filter(employee=employee, is_active=True).first() if employee else None


def _administrators(clock: Clock) -> list[User]:
    return list(
        User.objects.filter(
            roles__instansi_id=clock.case.instansi_id,
            roles__role=Role.ADMINISTRATOR,
            is_active=True,
        ).distinct()
    )


def _escalation_targets(clock: Clock, day: date) -> list[User]:
    """The next superior of each responsible handler; the administrators when none is known."""
    targets: dict[int, User] = {}
    for handler in _handlers(clock):
        if handler.employee is None:
            continue
        superior = registry.direct_superior(handler.employee, day)
        user = _user_of(superior)
        if user is not None:
            targets[user.pk] = user
    if not targets:
        targets = {user.pk: user for user in _administrators(clock)}
    return list(targets.values())


def _notify(users: list[User], clock: Clock, kind: str) -> list[int]:
    """An in-app notice to each user, once per clock and kind. The e-mails go through the
    outbox of `tegak.connectors`, which subscribes to the audit event the sweep records with
    these user ids (written in the same transaction, sent by the worker with retries)."""
    sent = []
    for user in users:
        _notice, created = Notification.objects.get_or_create(
            user=user, clock=clock, kind=kind, defaults={"case": clock.case}
        )
        if created:
            sent.append(user.pk)
    return sent


def _superior_duty(clock: Clock, day: date) -> list[int]:
    """Pasal 28: the direct superior did not summon in time; the next superior is told."""
    accused = clock.accused
    chain = registry.supervisor_chain(accused.employee, clock.due)
    superior = chain[0] if chain else None
    accused.superior_duty_flagged_on = day
    accused.superior_duty_superior = superior
    accused.save(update_fields=["superior_duty_flagged_on", "superior_duty_superior"])
    next_up = _user_of(chain[1]) if len(chain) > 1 else None
    users = [next_up] if next_up is not None else _administrators(clock)
    return _notify(users, clock, NotificationKind.SUPERIOR_DUTY)


def _check_one(clock: Clock, today: date) -> dict[str, Any] | None:
    """What to do for this clock today (reminder, escalation), done and recorded once."""
    lead = timedelta(days=reminder_days_before())
    action = None
    sent: list[int] = []
    if today > clock.due and clock.escalated_on is None:
        if clock.office_limit:
            # No law sets this period (reading C20): its passing tells the handlers, but nobody
            # is flagged under PP 94/2021 Pasal 28 and nothing climbs to their superiors (C36).
            sent = _notify(_handlers(clock), clock, NotificationKind.ESCALATION)
            action = "case.office_limit_passed"
        elif clock.step == "superior_duty":
            sent = _superior_duty(clock, today)
            action = "case.superior_duty_flagged"
        elif clock.step in DUTY_STEPS:
            sent = _notify(_escalation_targets(clock, today), clock, NotificationKind.ESCALATION)
            action = "case.deadline_escalated"
        else:
            sent = _notify(_handlers(clock), clock, NotificationKind.ESCALATION)
            action = "case.window_passed"
        clock.escalated_on = today
        clock.save(update_fields=["escalated_on"])
    elif clock.due - lead <= today <= clock.due and clock.reminded_on is None:
        sent = _notify(_handlers(clock), clock, NotificationKind.REMINDER)
        clock.reminded_on = today
        clock.save(update_fields=["reminded_on"])
        action = "case.deadline_reminded"
    if action is None:
        return None
    return {"action": action, "notified_user_ids": sent}


def clocks_sweep(
    *, clock_ids: list[int] | None = None, today: date | None = None
) -> dict[str, int]:
    """Remind and escalate for the given clocks (all open clocks when None)."""
    day = today or timezone.localdate()
    queryset = Clock.objects.filter(
        met_on__isnull=True, paused=False, entered_after_due=False, not_applicable=""
    ).select_related("case", "case__instansi", "accused", "accused__employee")
    if clock_ids is not None:
        queryset = queryset.filter(pk__in=clock_ids)
    counts = {"reminded": 0, "escalated": 0, "unchanged": 0}
    for clock_id in list(queryset.values_list("pk", flat=True)):
        with transaction.atomic():
            clock = queryset.select_for_update(of=("self",)).filter(pk=clock_id).first()
            if clock is None:
                counts["unchanged"] += 1
                continue
            outcome = _check_one(clock, day)
            if outcome is None:
                counts["unchanged"] += 1
                continue
            case_event(
                actor="system",
                action=outcome["action"],
                case=clock.case,
                target=clock,
                data={
                    "accused_id": clock.accused_id,
                    "clock": clock.name,
                    "due": clock.due,
                    "on": day,
                    "notified_user_ids": outcome["notified_user_ids"],
                },
            )
            key = "reminded" if outcome["action"] == "case.deadline_reminded" else "escalated"
            counts[key] += 1
    return counts
