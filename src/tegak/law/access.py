"""One-object fetches of the instansi's stored law that answer 404 out of the actor's scope."""

from __future__ import annotations

from typing import Any

from django.http import Http404

from tegak.core.access import administered_one, administers
from tegak.law.models import CalendarDay, RamadanPeriod, RuleVersion, Schedule, ScheduleVersion
from tegak.people.models import Instansi


def rule_version_for(actor: Any, instansi: Instansi, version_id: object) -> RuleVersion:
    """A version of a rule of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, RuleVersion.objects.all(), instansi, version_id)


def calendar_day_for(actor: Any, instansi: Instansi, day_id: object) -> CalendarDay:
    """A day of the calendar of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, CalendarDay.objects.all(), instansi, day_id)


def schedule_for(actor: Any, instansi: Instansi, schedule_id: object) -> Schedule:
    """A working-hours schedule of an instansi the actor administers; otherwise 404."""
    return administered_one(actor, Schedule.objects.all(), instansi, schedule_id)


def _live_one(actor: Any, schedule: Schedule, rows: Any, item_id: object, live_only: bool) -> Any:
    try:
        pk = int(item_id or 0)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise Http404 from None
    if live_only:
        rows = rows.filter(superseded_by__isnull=True)
    item = rows.filter(schedule=schedule, pk=pk).first()
    if item is None or not administers(actor, schedule.instansi_id):
        raise Http404
    return item


def schedule_version_for(
    actor: Any, schedule: Schedule, version_id: object, *, live_only: bool = False
) -> ScheduleVersion:
    """A version of the hours of a schedule of an instansi the actor administers (with
    `live_only`, one no correction has replaced yet); otherwise 404."""
    version: ScheduleVersion = _live_one(
        actor, schedule, ScheduleVersion.objects.all(), version_id, live_only
    )
    return version


def ramadan_period_for(
    actor: Any, schedule: Schedule, period_id: object, *, live_only: bool = False
) -> RamadanPeriod:
    """A Ramadan period of a schedule of an instansi the actor administers (with `live_only`,
    one no correction has replaced yet); otherwise 404."""
    period: RamadanPeriod = _live_one(
        actor, schedule, RamadanPeriod.objects.all(), period_id, live_only
    )
    return period
