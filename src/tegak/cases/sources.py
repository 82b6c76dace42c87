"""What apps above the case file lend to its pages, registered at start-up (the case file imports
none of them: docs/DEVELOPING.md, "Layers").

`attendance` provides the accused's check-ins and leave on given days for the case page; without
it (an installation without attendance) the page shows none."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from tegak.people.models import Employee

AttendanceSource = Callable[..., list[dict[str, Any]]]

_attendance: list[AttendanceSource] = []


def provide_attendance(source: AttendanceSource) -> None:
    """Register `source(employee, days, marks=...)` (one source; registering again replaces it)."""
    _attendance[:] = [source]


def attendance_for_timeline(
    employee: Employee, days: list[date], *, marks: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The employee's attendance on these days from the registered source, or nothing."""
    if not _attendance:
        return []
    return _attendance[0](employee, days, marks=marks)
