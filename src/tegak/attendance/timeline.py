"""Attendance for a case timeline: the accused's days, check-ins, leave and working hours."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.utils.translation import gettext as _

from tegak.attendance import selectors
from tegak.attendance.messages import day_kind_label
from tegak.attendance.models import DailyCheckIn, LeaveKind, LeaveRecord
from tegak.core.charts import day_bar
from tegak.core.words import shown_date
from tegak.people.models import Employee


def _minute(moment: time) -> int:
    return moment.hour * 60 + moment.minute


def _break_pair(item: Any) -> tuple[time, time]:
    if isinstance(item, tuple | list):
        return item[0], item[1]
    return item.start, item.end


def _schedule(instansi: Any, day: date, registry: Any, schedule_id: str) -> dict[str, Any] | None:
    from tegak.rules import day_schedule

    schedule = day_schedule(schedule_id, day, registry=registry)
    if schedule is None:
        return None
    breaks = [_break_pair(item) for item in (getattr(schedule, "breaks", None) or ())]
    return {
        "start": schedule.start,
        "end": schedule.end,
        "breaks": breaks,
        "ramadan": bool(getattr(schedule, "ramadan", False)),
        "timezone": instansi.time_zone,
    }


def attendance_for_timeline(
    employee: Employee, days: list[date], *, marks: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """One entry per day asked for (sorted): status, schedule, check-ins, leave, and an SVG bar.

    `marks` are other moments to draw on the same bar (evidence times, statements): dicts with
    `at` (an aware datetime) and `label`. Each entry has: `day`, `status`, `status_label`,
    `day_name`, `schedule` (start, end, breaks, ramadan, timezone; None on a day off),
    `check_ins` (list of {at, label, device}), `leave` (list of {kind, label, start, end,
    reference}), `reason`, `late_minutes`, `early_leave_minutes`, `marks`, `bar` (SVG).
    """
    if not days:
        return []
    instansi = employee.instansi
    zone = ZoneInfo(instansi.zoneinfo_name)
    wanted = sorted(set(days))
    from tegak.law.stored import instansi_registry, schedule_segments

    # The hours of the schedule the employee's unit followed on each day (ADR 0090).
    segments = schedule_segments(instansi, [employee.pk], wanted[0], wanted[-1])[employee.pk]
    base = instansi_registry(instansi)
    registries: dict[str, Any] = {}
    frame = selectors.statuses(instansi, wanted[0], wanted[-1], employees=[employee])
    by_day = {row["day"]: row for row in frame.iter_rows(named=True)}
    stored = {
        row.day: row for row in DailyCheckIn.objects.filter(employee=employee, day__in=wanted)
    }
    leave = list(
        LeaveRecord.objects.filter(employee=employee, start__lte=wanted[-1], end__gte=wanted[0])
    )
    entries = []
    for day in wanted:
        row = by_day.get(day, {})
        checkin = stored.get(day)
        check_ins = []
        if checkin is not None:
            check_ins.append(
                {
                    "at": checkin.first_at.astimezone(zone),
                    "label": _("arrival"),
                    "device": checkin.first_device,
                }
            )
            if checkin.last_at != checkin.first_at:
                check_ins.append(
                    {
                        "at": checkin.last_at.astimezone(zone),
                        "label": _("departure"),
                        "device": checkin.last_device,
                    }
                )
        day_marks = [
            {"at": mark["at"].astimezone(zone), "label": str(mark.get("label", ""))}
            for mark in (marks or [])
            if isinstance(mark.get("at"), datetime) and mark["at"].astimezone(zone).date() == day
        ]
        code = [code for first, code in segments if first <= day][-1]
        if code not in registries:
            registries[code] = selectors.rules_registry(instansi, code, base=base)
        schedule = _schedule(instansi, day, registries[code], code)
        entries.append(
            {
                "day": day,
                "status": row.get("status"),
                "status_label": day_kind_label(row.get("status")),
                "day_name": row.get("day_name"),
                "reason": row.get("reason"),
                "late_minutes": row.get("late_minutes", 0),
                "early_leave_minutes": row.get("early_leave_minutes", 0),
                "schedule": schedule,
                "check_ins": check_ins,
                "leave": [
                    {
                        "kind": record.kind,
                        "label": LeaveKind(record.kind).label,
                        "start": record.start,
                        "end": record.end,
                        "reference": record.reference,
                    }
                    for record in leave
                    if record.start <= day <= record.end
                ],
                "marks": day_marks,
                "bar": _bar(day, schedule, check_ins, day_marks),
            }
        )
    return entries


def _bar(
    day: date,
    schedule: dict[str, Any] | None,
    check_ins: list[dict[str, Any]],
    marks: list[dict[str, Any]],
) -> Any:
    work = (_minute(schedule["start"]), _minute(schedule["end"])) if schedule else None
    breaks = [(_minute(start), _minute(end)) for start, end in (schedule or {}).get("breaks", [])]
    points = [
        (_minute(item["at"].time()), "check_in", f"{item['label']} {item['at']:%H:%M}")
        for item in check_ins
    ] + [
        (_minute(item["at"].time()), "evidence", f"{item['label']} {item['at']:%H:%M}")
        for item in marks
    ]
    return day_bar(
        label=_("Working hours, check-ins and other moments on %(day)s") % {"day": shown_date(day)},
        work=work,
        breaks=breaks,
        marks=points,
    )
