"""Roll calls (apel pagi) read from the export of a fingerprint machine.

The machine at the roll call is read with the instansi's machine-ID map (the user id the machine
knows a person by). Formats, recognised from the content:

- the machine's attendance log as ZKTeco and compatible machines write it on a USB stick
  (`*_attlog.dat`, `.txt`): `user id<TAB>YYYY-MM-DD HH:MM:SS<TAB>verify<TAB>state<TAB>…`, no
  header, local time;
- a CSV or TXT export of the machine's software with a header: a user id column (`user id`,
  `id`, `pin`, `ac-no.`, `no.`, `enno`, `id mesin`, …), the moment (`datetime`, `date/time`,
  `waktu`, … or `tanggal` and `jam` apart) and optionally the state (`state`, `status`,
  `in/out`, …), separated by commas, semicolons or tabs.

Every day the file has punches on is a roll call. Whoever of the chosen unit (and the units under
it) has a machine user id is recorded for each of those days that is a working day of their own
schedule: present when they punched at or before the roll call's time, else not present (the
first punch of the day, if any, is kept in the note). A file with any bad row records nothing:
each bad row is named with its line, column and reason.
"""

from __future__ import annotations

import csv
import io
from collections import defaultdict
from dataclasses import dataclass
from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from tegak.attendance.models import DeviceUser, RollCallSource
from tegak.attendance.roll_calls import RollCallEntry, _store
from tegak.audit.services import audit_record
from tegak.core import access
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi, OrgUnit, PositionAssignment

MAX_ROWS = 500_000
ID_NAMES = {
    "user id", "userid", "user_id", "id", "no", "no.", "ac-no.", "ac-no", "ac no", "pin",
    "enno", "badgenumber", "id mesin", "id_mesin", "device_user_id", "no. id", "no id",
}  # fmt: skip
MOMENT_NAMES = {
    "datetime", "date/time", "date time", "waktu", "tanggal/waktu", "tanggal waktu",
    "checktime", "check time", "timestamp", "time",
}  # fmt: skip
DATE_NAMES = {"date", "tanggal", "tgl"}
TIME_NAMES = {"time", "jam", "waktu"}
STATE_NAMES = {"state", "status", "in/out", "checktype", "check type", "keterangan", "mode"}
# States of ZKTeco-type machines: the codes of the attlog (0 check-in, 1 check-out, 2 break
# out, 3 break in, 4 overtime in, 5 overtime out, 255 undefined) and the words their software
# and Indonesian firmware print. Any state is a punch: people press the wrong key.
STATES = {
    "0", "1", "2", "3", "4", "5", "255", "i", "o", "in", "out", "c/in", "c/out", "check in",
    "check out", "checkin", "checkout", "check-in", "check-out", "break out", "break in",
    "ot in", "ot out", "overtime in", "overtime out", "masuk", "pulang", "keluar", "kembali",
    "istirahat", "lembur", "lembur masuk", "lembur keluar", "datang",
}  # fmt: skip
MOMENT_FORMATS = (
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y/%m/%d %H:%M:%S",
    "%Y/%m/%d %H:%M",
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d/%m/%Y %I:%M:%S %p",
    "%d/%m/%Y %I:%M %p",
    "%Y-%m-%dT%H:%M:%S",
)


@dataclass(frozen=True)
class Punch:
    """One line of the export: who (the machine's user id), when (local time), on which line."""

    line: int
    device_user_id: str
    moment: datetime


def _moment(text: str) -> datetime | None:
    text = " ".join(text.split())
    for pattern in MOMENT_FORMATS:
        try:
            return datetime.strptime(text, pattern)
        except ValueError:
            continue
    return None


def _rows(content: bytes) -> tuple[list[str] | None, list[tuple[int, list[str]]]]:
    """The header (None for an attlog) and the cells of every non-empty line, numbered."""
    if b"\x00" in content[:4096]:
        raise InputError("file", _("This is not a text export of an attendance machine."))
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = content.decode("latin-1")
    lines = text.splitlines()
    first = next((line for line in lines if line.strip()), "")
    delimiter = max(("\t", ";", ","), key=first.count)
    if not first or first.count(delimiter) == 0:
        raise InputError("file", _("The file has no columns: it is not an attendance export."))
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    rows = [(number, [cell.strip() for cell in cells]) for number, cells in enumerate(reader, 1)]
    rows = [(number, cells) for number, cells in rows if any(cells)]
    if not rows:
        raise InputError("file", _("The file is empty."))
    if len(rows) > MAX_ROWS:
        raise InputError("file", _("The file has too many rows."))
    has_header = _moment(rows[0][1][1]) is None if len(rows[0][1]) > 1 else True
    if delimiter == "\t" and not has_header:
        return None, rows
    return [cell.lower() for cell in rows[0][1]], rows[1:]


def _column(header: list[str], names: set[str]) -> int | None:
    return next((index for index, name in enumerate(header) if name in names), None)


def parse_device_export(
    instansi: Instansi, content: bytes, *, today: date
) -> tuple[list[tuple[Punch, int]], list[dict[str, Any]]]:
    """Every punch with the employee its user id maps to, and every problem (line, column,
    plain message). Nothing is written."""
    header, rows = _rows(content)
    id_index: int | None
    moment_index: int | None
    date_index: int | None
    time_index: int | None
    state_index: int | None
    if header is None:  # attlog: id, moment, verify, state, ...
        id_index, moment_index, date_index, time_index, state_index = 0, 1, None, None, 3
        names = {
            0: _("user id"),
            1: _("date and time"),
            3: pgettext("attendance machine column", "state"),
        }
    else:
        id_index = _column(header, ID_NAMES)
        moment_index = _column(header, MOMENT_NAMES - {"time"})
        date_index = time_index = None
        if moment_index is None:
            date_index = _column(header, DATE_NAMES)
            time_index = _column(header, TIME_NAMES)
            if date_index is None or time_index is None:
                moment_index = _column(header, {"time"})
        state_index = _column(header, STATE_NAMES)
        if id_index is None or (
            moment_index is None and (date_index is None or time_index is None)
        ):
            raise InputError(
                "file",
                _(
                    "The export needs a column with the machine's user id (user id, id, pin, "
                    "ac-no.) and one with the date and time (datetime, waktu, or tanggal and "
                    "jam) in its first row; found: %(found)s."
                )
                % {"found": ", ".join(header[:8])},
            )
        names = {index: header[index] for index in range(len(header))}
    mapped = dict(
        DeviceUser.objects.filter(instansi=instansi).values_list("device_user_id", "employee_id")
    )
    punches: list[tuple[Punch, int]] = []
    problems: list[dict[str, Any]] = []

    def cell(cells: list[str], index: int | None) -> str:
        return cells[index].strip().strip('"') if index is not None and index < len(cells) else ""

    for line, cells in rows:
        errors_before = len(problems)

        def problem(index: int | None, message: str, *, at: int = line) -> None:
            problems.append({"line": at, "field": names.get(index or 0, ""), "message": message})

        user_id = cell(cells, id_index)
        if not user_id:
            problem(id_index, _("The machine user id is empty."))
        elif user_id not in mapped:
            problem(
                id_index,
                _(
                    "Machine user id %(id)s is not on the instansi's machine-ID map; map it on "
                    "the attendance machines page first."
                )
                % {"id": user_id},
            )
        if moment_index is not None:
            raw = cell(cells, moment_index)
        else:
            raw = f"{cell(cells, date_index)} {cell(cells, time_index)}".strip()
        moment = _moment(raw) if raw else None
        where = moment_index if moment_index is not None else date_index
        if not raw:
            problem(where, _("The date and time are empty."))
        elif moment is None:
            problem(
                where,
                _("%(value)s is not a date and time (YYYY-MM-DD HH:MM:SS or DD/MM/YYYY HH:MM).")
                % {"value": raw[:40]},
            )
        elif moment.date() > today:
            problem(where, _("The date %(day)s is in the future.") % {"day": moment.date()})
        state = cell(cells, state_index).lower()
        if state and state not in STATES:
            problem(
                state_index,
                _("Unknown state %(value)s (check-in 0, check-out 1, or C/In, C/Out, Masuk, …).")
                % {"value": state[:20]},
            )
        if len(problems) == errors_before and moment is not None:
            punches.append((Punch(line, user_id, moment), mapped[user_id]))
    return punches, problems


def _in_scope(instansi: Instansi, unit: OrgUnit | None) -> set[int] | None:
    """The ids of the unit and every unit under it (None: the whole instansi)."""
    if unit is None:
        return None
    children: dict[int | None, list[int]] = defaultdict(list)
    for unit_id, parent_id in OrgUnit.objects.filter(instansi=instansi).values_list(
        "id", "parent_id"
    ):
        children[parent_id].append(unit_id)
    found, stack = set(), [unit.pk]
    while stack:
        current = stack.pop()
        if current not in found:
            found.add(current)
            stack.extend(children[current])
    return found


def _expected(instansi: Instansi, units: set[int] | None, days: list[date]) -> dict[date, set[int]]:
    """Per roll-call day, the active employees with a machine user id who work in the scope
    that day and for whom it is a working day of their unit's schedule."""
    from tegak.attendance.selectors import pipeline_inputs

    with_id = set(
        DeviceUser.objects.filter(instansi=instansi).values_list("employee_id", flat=True)
    )
    members: dict[date, set[int]] = {}
    for day in days:
        posts = PositionAssignment.objects.filter(
            Q(end__isnull=True) | Q(end__gte=day),
            employee__instansi=instansi,
            employee__active=True,
            start__lte=day,
        )
        if units is not None:
            posts = posts.filter(position__unit_id__in=units)
        members[day] = set(posts.values_list("employee_id", flat=True)) & with_id
    everyone = set().union(*members.values()) if members else set()
    if not everyone:
        return members
    inputs = pipeline_inputs(
        instansi,
        min(days),
        max(days),
        employees=list(Employee.objects.filter(pk__in=everyone)),
    )
    working: dict[int, set[date]] = {}
    for group in inputs.groups:
        group_days = set(
            group.calendar.filter(group.calendar["kind"] == "working")["day"].to_list()
        )
        for employee_id in group.employees["employee_id"].to_list():
            working[employee_id] = group_days
    return {
        day: {employee for employee in ids if day in working.get(employee, set())}
        for day, ids in members.items()
    }


def roll_call_device_import(
    *,
    actor: Any,
    instansi: Instansi,
    content: bytes,
    roll_call_time: time,
    unit: OrgUnit | None = None,
    today: date | None = None,
) -> dict[str, Any]:
    """Record the roll calls of a fingerprint machine's export (see the module's docstring).
    A file with any bad row records nothing; the same file again changes nothing."""
    if not access.administers(actor, instansi):
        raise PermissionDenied(_("Only the instansi's administrator may record roll calls."))
    if unit is not None and unit.instansi_id != instansi.pk:
        raise InputError("unit", _("Choose a unit of this instansi."))
    today = today or timezone.localdate()
    punches, problems = parse_device_export(instansi, content, today=today)
    if problems:
        raise InputError(
            "file",
            _("%(count)s row(s) of the export cannot be read; nothing was recorded.")
            % {"count": len({item["line"] for item in problems})},
            details=problems,
        )
    if not punches:
        raise InputError("file", _("The export has no punches."))
    first_punch: dict[tuple[int, date], datetime] = {}
    for punch, employee_id in punches:
        key = (employee_id, punch.moment.date())
        if key not in first_punch or punch.moment < first_punch[key]:
            first_punch[key] = punch.moment
    days = sorted({punch.moment.date() for punch, _employee in punches})
    expected = _expected(instansi, _in_scope(instansi, unit), days)
    employees = Employee.objects.in_bulk(set().union(*expected.values()) if expected else set())
    entries: list[RollCallEntry] = []
    for day in days:
        for employee_id in sorted(expected[day]):
            moment = first_punch.get((employee_id, day))
            present = moment is not None and moment.time() <= roll_call_time
            if moment is None:
                note = _("no punch on the machine")
            else:
                note = _("first punch %(time)s") % {"time": moment.strftime("%H:%M")}
            entries.append(RollCallEntry(employees[employee_id], day, present, "", note))
    if not entries:
        raise InputError(
            "unit",
            _("Nobody with a machine user id works in this unit on the days of the export."),
        )
    with transaction.atomic():
        created, updated, _years = _store(entries, actor=actor, source=RollCallSource.DEVICE)
        audit_record(
            actor=actor,
            action="attendance.roll_calls_imported",
            target=unit or instansi,
            instansi_code=instansi.code,
            data={
                "rows": len(entries),
                "created": created,
                "updated": updated,
                "source": RollCallSource.DEVICE.value,
                "days": len(days),
            },
        )
    return {
        "rows": len(entries),
        "created": created,
        "updated": updated,
        "days": days,
        "present": sum(entry.present for entry in entries),
        "missed": sum(not entry.present for entry in entries),
    }
