"""Morning roll call (apel pagi): recorded from a roll list or entered per unit, counted per year.

Many regional rules for contract staff count missed morning roll calls apart from absence (as
reported of Perwal Kota Bekasi 42/2017: a contract may be ended after 16 missed roll calls). A
missed roll call counts when the employee was recorded as not present and no lawful reason is
known: neither one given with the record nor leave or a duty letter on file covering the day
(docs/legal-questions.md, roll call). The count reaches the rules through the one door
(`tegak.law.inputs.AttendanceCounts.missed_roll_calls`); an instansi that records no roll call in
a year gives no count at all (None), never zero.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.attendance.models import LeaveKind, LeaveRecord, RollCall, RollCallSource
from tegak.audit.services import audit_record
from tegak.core import access
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi, OrgUnit

HEADERS = {
    "nip": "nip",
    "tanggal": "day",
    "day": "day",
    "date": "day",
    "hadir": "present",
    "present": "present",
    "alasan": "reason",
    "reason": "reason",
    "catatan": "note",
    "note": "note",
}
YES = {"ya", "y", "hadir", "1", "true", "yes"}
NO = {"tidak", "t", "tidak hadir", "0", "false", "no", "absen"}
MAX_ROWS = 200_000


@dataclass(frozen=True)
class RollCallEntry:
    """One employee at one roll call, as entered."""

    employee: Employee
    day: date
    present: bool
    reason: str = ""
    note: str = ""


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not access.administers(actor, instansi):
        raise PermissionDenied(_("Only the instansi's administrator may record roll calls."))


def _day(value: str) -> date | None:
    for pattern in ("%Y-%m-%d", "%d-%m-%Y", "%d/%m/%Y"):
        try:
            return datetime.strptime(value, pattern).date()
        except ValueError:
            continue
    return None


def parse_roll_list(
    instansi: Instansi, content: bytes, *, today: date
) -> tuple[list[RollCallEntry], list[dict[str, Any]]]:
    """The rows of a roll list (CSV `nip,tanggal,hadir[,alasan][,catatan]`, English headers
    too) and every problem found, each with its line, field and a plain message."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("file", _("The roll list must be a UTF-8 CSV file.")) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = next(reader, None)
    if header is None:
        raise InputError("file", _("The roll list is empty."))
    columns = [HEADERS.get(name.strip().lower(), "") for name in header]
    missing = [name for name in ("nip", "day", "present") if name not in columns]
    if missing:
        raise InputError(
            "file",
            _("The roll list needs the columns nip, tanggal and hadir (missing: %(columns)s).")
            % {"columns": ", ".join(missing)},
        )
    employees = {employee.nip: employee for employee in Employee.objects.filter(instansi=instansi)}
    reasons = set(LeaveKind.values)
    entries: list[RollCallEntry] = []
    problems: list[dict[str, Any]] = []
    seen: dict[tuple[str, date], int] = {}

    def problem(line: int, field: str, message: str) -> None:
        problems.append({"line": line, "field": field, "message": message})

    for line, raw in enumerate(reader, start=2):
        if line > MAX_ROWS:
            raise InputError("file", _("The roll list has too many rows."))
        if not any(cell.strip() for cell in raw):
            continue
        row = {
            column: raw[index].strip()
            for index, column in enumerate(columns)
            if column and index < len(raw)
        }
        nip = row.get("nip", "")
        employee = employees.get(nip)
        if not nip:
            problem(line, "nip", _("The NIP is empty."))
        elif employee is None:
            problem(line, "nip", _("No employee of this instansi has NIP %(nip)s.") % {"nip": nip})
        day = _day(row.get("day", ""))
        if day is None:
            problem(line, "tanggal", _("Give the date as YYYY-MM-DD or DD-MM-YYYY."))
        elif day > today:
            problem(line, "tanggal", _("The date cannot be in the future."))
        present_text = row.get("present", "").lower()
        if present_text not in YES | NO:
            problem(line, "hadir", _("Write ya or tidak."))
        present = present_text in YES
        reason = row.get("reason", "").lower()
        if reason and reason not in reasons:
            problem(
                line,
                "alasan",
                _("Unknown reason %(value)s; use one of: %(choices)s.")
                % {"value": reason, "choices": ", ".join(sorted(reasons))},
            )
        elif reason and present:
            problem(line, "alasan", _("A reason is given only for a missed roll call."))
        if employee is None or day is None or present_text not in YES | NO:
            continue
        key = (nip, day)
        if key in seen:
            problem(
                line,
                "tanggal",
                _("This employee and day are already on line %(line)s.") % {"line": seen[key]},
            )
            continue
        seen[key] = line
        entries.append(RollCallEntry(employee, day, present, reason, row.get("note", "")[:200]))
    return entries, problems


def _store(
    entries: Iterable[RollCallEntry], *, actor: Any, source: str
) -> tuple[int, int, set[int]]:
    created = updated = 0
    years: set[int] = set()
    for entry in entries:
        _record, was_created = RollCall.objects.update_or_create(
            employee=entry.employee,
            day=entry.day,
            defaults={
                "present": entry.present,
                "reason": "" if entry.present else entry.reason,
                "note": entry.note,
                "source": source,
                "recorded_by": actor if getattr(actor, "pk", None) else None,
            },
        )
        created += was_created
        updated += not was_created
        years.add(entry.day.year)
    return created, updated, years


def roll_call_import(
    *, actor: Any, instansi: Instansi, content: bytes, today: date | None = None
) -> dict[str, Any]:
    """Record a roll list. A file with any bad row changes nothing: every bad row is named with
    its line, column and reason. Importing the same list again changes nothing."""
    _require_admin(actor, instansi)
    today = today or timezone.localdate()
    entries, problems = parse_roll_list(instansi, content, today=today)
    if problems:
        raise InputError(
            "file",
            _("%(count)s row(s) of the roll list cannot be read; nothing was recorded.")
            % {"count": len({item["line"] for item in problems})},
            details=problems,
        )
    if not entries:
        raise InputError("file", _("The roll list has no rows."))
    with transaction.atomic():
        created, updated, years = _store(entries, actor=actor, source=RollCallSource.ROLL_LIST)
        audit_record(
            actor=actor,
            action="attendance.roll_calls_imported",
            target=instansi,
            instansi_code=instansi.code,
            data={"rows": len(entries), "created": created, "updated": updated},
        )
    return {"rows": len(entries), "created": created, "updated": updated, "years": sorted(years)}


def roll_call_record_unit(
    *,
    actor: Any,
    unit: OrgUnit,
    day: date,
    entries: Sequence[RollCallEntry],
    today: date | None = None,
) -> int:
    """Record one roll call of a unit as entered on its page (one row per employee)."""
    _require_admin(actor, unit.instansi)
    today = today or timezone.localdate()
    if day > today:
        raise InputError("day", _("The date cannot be in the future."))
    for entry in entries:
        if entry.employee.instansi_id != unit.instansi_id:
            raise InputError("employee", _("Choose an employee of this instansi."))
        if entry.reason and entry.reason not in LeaveKind.values:
            raise InputError("reason", _("Choose a lawful reason from the list."))
        if entry.reason and entry.present:
            raise InputError("reason", _("A reason is given only for a missed roll call."))
    with transaction.atomic():
        created, updated, _years = _store(
            [RollCallEntry(e.employee, day, e.present, e.reason, e.note) for e in entries],
            actor=actor,
            source=RollCallSource.UNIT_ENTRY,
        )
        audit_record(
            actor=actor,
            action="attendance.roll_call_entered",
            target=unit,
            instansi_code=unit.instansi.code,
            data={"day": day.isoformat(), "created": created, "updated": updated},
        )
    return created + updated


def missed_roll_calls(
    instansi: Instansi, year: int, *, employee_ids: Iterable[int] | None = None
) -> dict[int, int] | None:
    """Missed roll calls in the year without a lawful reason, per employee id; None when the
    instansi recorded no roll call that year (no record is not a missed roll call)."""
    records = RollCall.objects.filter(employee__instansi=instansi, day__year=year)
    if not records.exists():
        return None
    missed = records.filter(present=False, reason="")
    if employee_ids is not None:
        missed = missed.filter(employee_id__in=list(employee_ids))
    rows = list(missed.values_list("employee_id", "day"))
    if not rows:
        return {}
    leave = LeaveRecord.objects.filter(
        Q(start__year__lte=year) & Q(end__year__gte=year),
        employee_id__in={employee_id for employee_id, _day in rows},
    ).values_list("employee_id", "start", "end")
    covered: dict[int, list[tuple[date, date]]] = {}
    for employee_id, start, end in leave:
        covered.setdefault(employee_id, []).append((start, end))
    counts: dict[int, int] = {}
    for employee_id, day in rows:
        if any(start <= day <= end for start, end in covered.get(employee_id, ())):
            continue
        counts[employee_id] = counts.get(employee_id, 0) + 1
    return counts


def unit_roll_call(unit: OrgUnit, day: date) -> dict[int, RollCall]:
    """What is recorded for the unit's roll call that day, by employee id."""
    return {
        record.employee_id: record
        for record in RollCall.objects.filter(employee__assignments__position__unit=unit, day=day)
    }
