"""Every write of attendance: imports, alerts, opening a case from an alert."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import polars as pl
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.attendance import access, imports, parsing, selectors
from tegak.attendance.imports import ImportSummary
from tegak.attendance.messages import describe_format_problem
from tegak.attendance.models import AttendanceAlert, DeviceUser, LeaveRecord
from tegak.attendance.registry import direct_superior
from tegak.audit.services import audit_record
from tegak.core.access import Right, Role, SystemActor, administers, has_role, is_user
from tegak.core.errors import InputError
from tegak.people.models import Employee, Instansi


def _read_checkins(content: bytes, fmt: str | None) -> tuple[str, pl.DataFrame]:
    try:
        return parsing.read_checkins(content, fmt)
    except parsing.NotThisFormat as problem:
        raise InputError(
            "checkins",
            describe_format_problem(
                problem.code, problem.detail.get("found"), problem.detail.get("reason", "")
            ),
        ) from problem


def _read_leave(content: bytes) -> pl.DataFrame:
    try:
        return parsing.read_leave(content)
    except parsing.NotThisFormat as problem:
        raise InputError(
            "leave",
            describe_format_problem(
                problem.code, problem.detail.get("found"), problem.detail.get("reason", "")
            ),
        ) from problem


def _read_device_map(instansi: Instansi, content: bytes) -> list[tuple[str, int]]:
    """`device_user_id,nip` rows; every row must name a known employee (the map is small)."""
    raw = parsing._lines(content)
    pairs: list[tuple[str, int]] = []
    known = dict(Employee.objects.filter(instansi=instansi).values_list("nip", "id"))
    for line, text in raw.iter_rows():
        if not text or (line == 1 and "nip" in text.lower()):
            continue
        parts = [part.strip().strip('"') for part in text.replace(";", ",").split(",")]
        if len(parts) < 2 or parts[1] not in known:
            raise InputError(
                "device_map",
                _("line %(line)s: %(text)r is not a device user id and a known NIP")
                % {"line": line, "text": text},
            )
        pairs.append((parts[0], known[parts[1]]))
    return pairs


def attendance_import(
    *,
    actor: Any,
    instansi: Instansi,
    checkins: bytes | None = None,
    leave: bytes | None = None,
    fmt: str | None = None,
    device_map: bytes | None = None,
    today: date | None = None,
    refresh_alerts: bool = True,
    on_read: Callable[[int], None] | None = None,
) -> ImportSummary:
    """Load check-ins and leave: keep every valid row, report every other with its line.

    Re-importing the same rows changes nothing; a file with new days adds them. Naive times are
    read in the instansi's zone. Afterwards the alerts of the years touched are brought up to date.
    """
    if checkins is None and leave is None:
        raise InputError("checkins", _("give a check-in file, a leave file, or both"))
    today = today or timezone.localdate()
    summary = ImportSummary(time_zone=instansi.time_zone, zoneinfo_name=instansi.zoneinfo_name)
    employees = imports.employees_frame(instansi)
    raw: pl.DataFrame | None = None
    leave_raw: pl.DataFrame | None = None
    if checkins is not None:
        summary.format, raw = _read_checkins(checkins, fmt)
        summary.rows_read = raw.height
    if leave is not None:
        leave_raw = _read_leave(leave)
    mapping = _read_device_map(instansi, device_map) if device_map is not None else []
    if on_read is not None:
        # Before the one write transaction: the files' rows are known, nothing is written yet.
        on_read(
            (raw.height if raw is not None else 0)
            + (leave_raw.height if leave_raw is not None else 0)
        )
    with transaction.atomic():
        for device_user_id, employee_id in mapping:
            DeviceUser.objects.update_or_create(
                instansi=instansi,
                device_user_id=device_user_id,
                defaults={"employee_id": employee_id},
            )
        if raw is not None:
            if summary.format == "machine":
                raw = imports.map_device_users(instansi, raw, summary)
            kept = imports.validate_checkins(
                raw, employees, zone=instansi.zoneinfo_name, today=today, summary=summary
            )
            if kept.height:
                first = kept["local"].dt.date().min()
                last = kept["local"].dt.date().max()
                calendar = selectors.instansi_calendar(instansi, first, last)  # type: ignore[arg-type]
                imports.note_non_working_days(kept, calendar, summary)
            imports.store_days(
                instansi, imports.days_from_checkins(kept, instansi.zoneinfo_name), summary
            )
        if leave_raw is not None:
            records = imports.validate_leave(instansi, leave_raw, employees, summary)
            LeaveRecord.objects.bulk_create(records)
            summary.years |= {record.start.year for record in records}
            summary.years |= {record.end.year for record in records}
        if refresh_alerts:
            for year in sorted(summary.years):
                summary.alerts_created += len(_refresh_alerts(instansi, year, today=today))
        audit_record(
            actor=actor,
            action="attendance.imported",
            target=instansi,
            instansi_code=instansi.code,
            data=summary.as_counts(),
        )
    return summary


def _threshold(finding: dict[str, Any]) -> str:
    return str(finding.get("sanction") or finding.get("level") or "")


def _refresh_alerts(
    instansi: Instansi, year: int, *, today: date | None = None
) -> list[AttendanceAlert]:
    """Create the alerts for thresholds newly crossed in the year (one per employee, year and
    threshold; existing ones are left as they are)."""
    today = today or timezone.localdate()
    created: list[AttendanceAlert] = []
    rows = selectors.report(instansi, year, as_of=today, today=today)
    known = set(
        AttendanceAlert.objects.filter(employee__instansi=instansi, year=year).values_list(
            "employee__nip", "threshold"
        )
    )
    window = selectors.counting_window(instansi, year, today=today)
    day = window[1] if window else today
    for row in rows:
        finding = row["finding"]
        threshold = _threshold(finding)
        if not finding.get("level") or not threshold or (row["nip"], threshold) in known:
            continue
        employee = Employee.objects.get(nip=row["nip"])
        counts = {
            name: row[name]
            for name in (*selectors.COUNT_FIELDS, "missed_roll_calls")
            if name in row
        }
        if window:
            # The last day counted: the day the case file takes as the offence's date (the
            # count is complete on it), not the year's end.
            counts["counted_until"] = day.isoformat()
        created.append(
            AttendanceAlert.objects.create(
                employee=employee,
                year=year,
                threshold=threshold,
                level=str(finding.get("level") or ""),
                counts=counts,
                finding=finding,
                superior=direct_superior(employee, day),
                duty_clock_started_at=timezone.now(),
            )
        )
    return created


def attendance_alerts_refresh(
    *, actor: Any, instansi: Instansi, year: int, today: date | None = None
) -> list[AttendanceAlert]:
    """Bring the year's alerts up to date (idempotent: a crossed threshold alerts once)."""
    with transaction.atomic():
        created = _refresh_alerts(instansi, year, today=today)
        audit_record(
            actor=actor,
            action="attendance.alerts_refreshed",
            target=instansi,
            instansi_code=instansi.code,
            data={"year": year, "alerts_created": len(created)},
        )
    return created


def can_open_case(user: Any, alert: AttendanceAlert) -> bool:
    """The direct superior named on the alert may open the case, and so may the instansi's
    administrators (and the installation administrator) and authorised officials: one linked to
    an employee only for an employee in their reach today (ADR 0180; `access`)."""
    instansi_id = alert.employee.instansi_id
    if administers(user, instansi_id):
        return True
    employee = getattr(user, "employee", None) if is_user(user) else None
    if employee is not None and alert.superior_id == employee.pk:
        return True
    if not has_role(user, Role.AUTHORISED_OFFICIAL, instansi_id):
        return False
    if instansi_id in access.linked_official_ids(user):
        return access.official_reaches(user, alert.employee)
    return True


def _has_case_role(user: Any, alert: AttendanceAlert) -> bool:
    return has_role(
        user,
        {Role.ADMINISTRATOR, Role.INTAKE_OFFICER, Role.EXAMINER},
        alert.employee.instansi_id,
    )


def attendance_alert_open_case(*, actor: Any, alert: AttendanceAlert) -> AttendanceAlert:
    """Open a discipline case from the alert in one step (through the case file's service)."""
    if not can_open_case(actor, alert):
        raise PermissionDenied
    if alert.opened_case_reference:
        raise InputError("alert", _("a case was already opened from this alert"))
    try:
        from tegak.cases.services import case_open_from_attendance
    except ImportError as missing:
        raise InputError(
            "alert", _("the case file is not installed: the case cannot be opened here yet")
        ) from missing
    with transaction.atomic():
        locked = AttendanceAlert.objects.select_for_update().get(pk=alert.pk)
        if locked.opened_case_reference:
            raise InputError("alert", _("a case was already opened from this alert"))
        # The case file lets intake officers, examiners and administrators open cases. A direct
        # superior acting on their own alert may hold none of those roles; the law gives them the
        # duty to act (PP 94/2021 Pasal 26-28), so the case is opened on the alert's authority,
        # labelled with the superior's account, and this service records the user itself.
        opener = (
            actor
            if _has_case_role(actor, locked)
            else SystemActor(
                f"superior:{actor.get_username()}",
                rights=frozenset({Right.CASE_OPEN_FROM_ATTENDANCE}),
                instansi_ids=frozenset({locked.employee.instansi_id}),
            )
        )
        case = case_open_from_attendance(
            actor=opener,
            employee=locked.employee,
            year=locked.year,
            counts=locked.counts,
            finding=locked.finding,
            # The superior's duty runs from the alert, not from today (reading C34).
            alerted_at=locked.duty_clock_started_at,
        )
        locked.opened_case_reference = str(getattr(case, "register_number", None) or case.pk)
        locked.opened_case_id = case.pk
        locked.opened_at = timezone.now()
        locked.opened_by = actor
        locked.save(
            update_fields=["opened_case_reference", "opened_case_id", "opened_at", "opened_by"]
        )
        audit_record(
            actor=actor,
            action="attendance.alert_case_opened",
            target=locked,
            instansi_code=locked.employee.instansi.code,
            data={"year": locked.year, "threshold": locked.threshold},
        )
    return locked
