"""The escalation chain climbs while a deadline stays unmet (issue #19).

The deadline sweep (`tegak.cases.reminders`) reminds the handlers before the deadline and, the
day after it, tells the handlers' superiors (level 1). Here, for every `ESCALATION_STEP_DAYS`
that pass with the duty still not done, the chain climbs one level: level 2 the authorised
official(s) of the case and the next superior up (PPK), level 3 oversight (the instansi's
administrators when it has no oversight account). Each level is reached once per clock.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from tegak.accounts.models import User
from tegak.cases import registry
from tegak.cases.clocks import DUTY_STEPS
from tegak.cases.history import case_event
from tegak.cases.models import Clock, NotificationKind
from tegak.cases.reminders import RESPONSIBLE
from tegak.connectors.models import EscalationStep, RecipientKind
from tegak.connectors.outbox import notify_staff
from tegak.connectors.subscribers import clock_message
from tegak.core.access import Role


def _user_of(employee: Any) -> User | None:
    return User.objects.filter(employee=employee, is_active=True).first() if employee else None


def _role_holders(clock: Clock, role: str) -> list[User]:
    return list(
        User.objects.filter(
            roles__instansi_id=clock.case.instansi_id, roles__role=role, is_active=True
        ).distinct()
    )


def _superiors_of(users: list[User], day: date) -> list[User]:
    found: dict[int, User] = {}
    for user in users:
        if user.employee is None:
            continue
        superior = _user_of(registry.direct_superior(user.employee, day))
        if superior is not None:
            found[superior.pk] = superior
    return list(found.values())


def level_targets(clock: Clock, level: int, day: date) -> tuple[list[User], str]:
    """Who is told at a level above 1, and as what."""
    if level >= 3:
        return (
            _role_holders(clock, Role.OVERSIGHT) or _role_holders(clock, Role.ADMINISTRATOR),
            RecipientKind.OVERSIGHT,
        )
    roles = RESPONSIBLE.get(clock.step, {Role.EXAMINER, Role.AUTHORISED_OFFICIAL})
    handlers = [
        handler.user
        for handler in clock.case.handlers.filter(active=True, role__in=roles).select_related(
            "user", "user__employee"
        )
    ]
    level_one = _superiors_of(handlers, day)
    told = {user.pk for user in level_one} | {user.pk for user in handlers}
    found = {
        handler.user.pk: handler.user
        for handler in clock.case.handlers.filter(
            active=True, role=Role.AUTHORISED_OFFICIAL
        ).select_related("user")
        if handler.user.pk not in told
    }
    for user in _superiors_of(level_one, day):
        if user.pk not in told:
            found[user.pk] = user
    return (
        list(found.values()) or _role_holders(clock, Role.ADMINISTRATOR),
        RecipientKind.OFFICIAL,
    )


def escalation_climb(*, today: date | None = None, clock_ids: list[int] | None = None) -> int:
    """Climb every unmet, escalated duty clock as far as its days allow; levels reached."""
    day = today or timezone.localdate()
    step = max(1, int(settings.ESCALATION_STEP_DAYS))
    queryset = Clock.objects.filter(
        met_on__isnull=True,
        paused=False,
        escalated_on__isnull=False,
        step__in=list(DUTY_STEPS),
        # An office's own time limit tells the handlers only, never climbs (reading C36).
        office_limit=False,
    ).select_related("case", "case__instansi")
    if clock_ids is not None:
        queryset = queryset.filter(pk__in=clock_ids)
    reached = 0
    for clock_id in list(queryset.values_list("pk", flat=True)):
        with transaction.atomic():
            clock = queryset.select_for_update(of=("self",)).filter(pk=clock_id).first()
            if clock is None or clock.escalated_on is None:
                continue
            due_level = 1 + (day - clock.escalated_on).days // step
            done = set(EscalationStep.objects.filter(clock=clock).values_list("level", flat=True))
            for level in (2, 3):
                if level > due_level or level in done:
                    continue
                users, recipient = level_targets(clock, level, day)
                EscalationStep.objects.create(clock=clock, level=level, reached_on=day)
                subject, body = clock_message(clock, NotificationKind.ESCALATION)
                told = notify_staff(
                    users=users,
                    recipient_kind=recipient,
                    instansi=clock.case.instansi,
                    subject=subject,
                    body=body,
                    event_key=f"clock:{clock.pk}:escalation:{level}",
                    case=clock.case,
                )
                case_event(
                    actor="system",
                    action="case.escalation_climbed",
                    case=clock.case,
                    target=clock,
                    data={
                        "accused_id": clock.accused_id,
                        "clock": clock.name,
                        "due": clock.due,
                        "on": day,
                        "level": level,
                        "notified_user_ids": told,
                    },
                )
                reached += 1
    return reached
