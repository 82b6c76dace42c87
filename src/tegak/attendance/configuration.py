"""The instansi's attendance settings, written on the administrator's pages: the machine-ID map
(the user id an attendance machine knows an employee by) and flexible-work grants (a lawful
reason: Perpres 21/2023 Pasal 8). Each change one service with its audit event."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from tegak.attendance.models import DeviceUser, FlexibleWorkGrant, FlexibleWorkKind
from tegak.audit.services import audit_record
from tegak.core import access
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi, OrgUnit

MAX_MAP_ROWS = 100_000
DEVICE_ID_LENGTH = 40


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not access.administers(actor, instansi):
        raise PermissionDenied


def _clean_device_id(value: str) -> str:
    return (value or "").strip().strip('"').strip()


def _device_id_problem(value: str) -> str | None:
    if not value:
        return _("Give the machine's user id.")
    if len(value) > DEVICE_ID_LENGTH:
        return _("A machine user id has at most 40 characters.")
    if any(character.isspace() for character in value):
        return _("A machine user id has no spaces.")
    return None


def device_user_set(
    *, actor: Any, instansi: Instansi, device_user_id: str, employee: Employee
) -> DeviceUser:
    """Map a machine user id to an employee (a new id, or one that was someone else's)."""
    _require_admin(actor, instansi)
    device_user_id = _clean_device_id(device_user_id)
    problem = _device_id_problem(device_user_id)
    if problem:
        raise InputError("device_user_id", problem)
    if employee.instansi_id != instansi.pk:
        raise InputError("employee", _("Choose an employee of this instansi."))
    with transaction.atomic():
        previous = (
            DeviceUser.objects.select_for_update()
            .filter(instansi=instansi, device_user_id=device_user_id)
            .first()
        )
        item, _created = DeviceUser.objects.update_or_create(
            instansi=instansi, device_user_id=device_user_id, defaults={"employee": employee}
        )
        audit_record(
            actor=actor,
            action="attendance.device_user_set",
            target=item,
            instansi_code=instansi.code,
            data={
                "employee_id": employee.pk,
                "previous_employee_id": previous.employee_id if previous else None,
            },
        )
    return item


def device_user_remove(*, actor: Any, item: DeviceUser) -> None:
    """Forget a machine user id (check-ins already imported stay)."""
    _require_admin(actor, item.instansi)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="attendance.device_user_removed",
            target=item,
            instansi_code=item.instansi.code,
            data={"employee_id": item.employee_id},
        )
        item.delete()


def parse_device_map(
    instansi: Instansi, content: bytes
) -> tuple[list[tuple[str, int]], list[dict[str, Any]]]:
    """The rows of a map file (CSV `device_user_id,nip` with a header; `;` also) and every problem,
    each with its line, column and a plain message."""
    try:
        text = content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError("file", _("The map must be a UTF-8 CSV file.")) from None
    sample = text[:4096]
    delimiter = ";" if sample.count(";") > sample.count(",") else ","
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    header = [name.strip().lower() for name in next(reader, None) or []]
    id_names = {"device_user_id", "id_mesin", "user_id", "userid", "pin", "ac-no."}
    id_column = next((index for index, name in enumerate(header) if name in id_names), None)
    nip_column = header.index("nip") if "nip" in header else None
    if id_column is None or nip_column is None:
        raise InputError(
            "file",
            _("The map needs the columns device_user_id (or id_mesin) and nip in its first row."),
        )
    known = dict(Employee.objects.filter(instansi=instansi).values_list("nip", "id"))
    rows: list[tuple[str, int]] = []
    problems: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for line, raw in enumerate(reader, start=2):
        if line > MAX_MAP_ROWS:
            raise InputError("file", _("The map has too many rows."))
        if not any(cell.strip() for cell in raw):
            continue
        device_id = _clean_device_id(raw[id_column] if id_column < len(raw) else "")
        nip = (raw[nip_column] if nip_column < len(raw) else "").strip().strip('"')
        problem = _device_id_problem(device_id)
        if problem:
            problems.append({"line": line, "field": header[id_column], "message": problem})
        elif device_id in seen:
            problems.append(
                {
                    "line": line,
                    "field": header[id_column],
                    "message": _("This machine user id is already on line %(line)s.")
                    % {"line": seen[device_id]},
                }
            )
        if not nip:
            problems.append({"line": line, "field": "nip", "message": _("The NIP is empty.")})
        elif nip not in known:
            problems.append(
                {
                    "line": line,
                    "field": "nip",
                    "message": _("No employee of this instansi has NIP %(nip)s.") % {"nip": nip},
                }
            )
        if problem or device_id in seen or nip not in known:
            continue
        seen[device_id] = line
        rows.append((device_id, known[nip]))
    return rows, problems


def device_map_import(*, actor: Any, instansi: Instansi, content: bytes) -> dict[str, int]:
    """Load a machine-ID map. A file with any bad row changes nothing; every bad row is named."""
    _require_admin(actor, instansi)
    rows, problems = parse_device_map(instansi, content)
    if problems:
        raise InputError(
            "file",
            _("%(count)s row(s) of the map cannot be read; nothing was saved.")
            % {"count": len({item["line"] for item in problems})},
            details=problems,
        )
    if not rows:
        raise InputError("file", _("The map has no rows."))
    created = updated = 0
    with transaction.atomic():
        for device_id, employee_id in rows:
            _item, was_created = DeviceUser.objects.update_or_create(
                instansi=instansi, device_user_id=device_id, defaults={"employee_id": employee_id}
            )
            created += was_created
            updated += not was_created
        audit_record(
            actor=actor,
            action="attendance.device_map_imported",
            target=instansi,
            instansi_code=instansi.code,
            data={"rows": len(rows), "created": created, "updated": updated},
        )
    return {"rows": len(rows), "created": created, "updated": updated}


def flexible_work_grant(
    *,
    actor: Any,
    instansi: Instansi,
    kind: str,
    start: date,
    end: date,
    employee: Employee | None = None,
    unit: OrgUnit | None = None,
    weekdays: list[int] | None = None,
    source_decree: str = "",
) -> FlexibleWorkGrant:
    """Record flexible work the PPK granted to an employee or a whole unit for a period."""
    _require_admin(actor, instansi)
    if kind not in FlexibleWorkKind.values:
        raise InputError("kind", _("Choose a kind of flexible work from the list."))
    if (employee is None) == (unit is None):
        raise InputError("employee", _("Give either one employee or one unit."))
    if employee is not None and employee.instansi_id != instansi.pk:
        raise InputError("employee", _("Choose an employee of this instansi."))
    if unit is not None and unit.instansi_id != instansi.pk:
        raise InputError("unit", _("Choose a unit of this instansi."))
    if end < start:
        raise InputError("end", _("The last day is before the first day."))
    days = sorted(set(weekdays or []))
    if any(day not in range(1, 8) for day in days):
        raise InputError("weekdays", _("Choose days of the week from the list."))
    source_decree = (source_decree or "").strip()
    if not source_decree:
        raise InputError("source_decree", _("Give the decree that grants the flexible work."))
    with transaction.atomic():
        grant = FlexibleWorkGrant.objects.create(
            instansi=instansi,
            kind=kind,
            start=start,
            end=end,
            employee=employee,
            unit=unit,
            weekdays=",".join(str(day) for day in days) if len(days) < 7 else "",
            source_decree=source_decree[:200],
        )
        audit_record(
            actor=actor,
            action="attendance.flexible_work_granted",
            target=grant,
            instansi_code=instansi.code,
            data={
                "kind": kind,
                "start": start.isoformat(),
                "end": end.isoformat(),
                "employee_id": employee.pk if employee else None,
                "unit_id": unit.pk if unit else None,
                "weekdays": grant.weekdays,
            },
        )
    return grant


def flexible_work_revoke(*, actor: Any, grant: FlexibleWorkGrant, reason: str) -> None:
    """Remove a grant entered by mistake (the counts no longer excuse its days)."""
    _require_admin(actor, grant.instansi)
    reason = (reason or "").strip()
    if not reason:
        raise InputError("reason", _("Give the reason for removing the grant."))
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="attendance.flexible_work_revoked",
            target=grant,
            instansi_code=grant.instansi.code,
            data={
                "kind": grant.kind,
                "start": grant.start.isoformat(),
                "end": grant.end.isoformat(),
                "reason": reason[:500],
            },
        )
        grant.delete()
