"""Generated check-ins whose answers are known."""

from __future__ import annotations

from datetime import date, timedelta

from tegak.attendance import pipeline

SCHEDULE = "national-perpres-21-2023"


def working_days(start: date, end: date) -> list[date]:
    frame = pipeline.calendar_frame(SCHEDULE, start, end)
    return [row[0] for row in frame.select("day", "kind").iter_rows() if row[1] == "working"]


def checkin_csv(
    employees,
    start: date,
    end: date,
    *,
    absent: dict | None = None,
    arrive: dict | None = None,
    leave: dict | None = None,
) -> str:
    """Arrival 07:25 and departure 16:35 on every working day, except: `absent[nip]` days have
    no check-in; `arrive[nip]` / `leave[nip]` give other times ("HH:MM")."""
    absent = absent or {}
    arrive = arrive or {}
    leave = leave or {}
    lines = ["nip,timestamp,device"]
    for day in working_days(start, end):
        for employee in employees:
            nip = employee.nip
            if day in absent.get(nip, ()):
                continue
            lines.append(f"{nip},{day} {arrive.get(nip, '07:25')}:00,gerbang")
            lines.append(f"{nip},{day} {leave.get(nip, '16:35')}:00,gerbang")
    return "\n".join(lines) + "\n"


def days(*values: str) -> set[date]:
    return {date.fromisoformat(value) for value in values}


def next_day(day: date) -> date:
    return day + timedelta(days=1)
