"""Every write to the registry: one function per action, `actor=` required, atomic, one audit event.

The actor is a User (who must be an administrator of the instansi) or, for processes without a
person behind them (the CLI, the demo loader), a short label string.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.access import Right, SystemActor, has_right, is_installation_admin, require
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.people.access import can_administer
from tegak.people.models import (
    AssignmentChange,
    AssignmentChangeKind,
    AssignmentKind,
    Employee,
    EmployeeStatus,
    Instansi,
    InstansiLevel,
    OrgUnit,
    Position,
    PositionAssignment,
    PositionKind,
    SupervisorOverride,
    TimeZoneCode,
    UnitKind,
)
from tegak.people.validators import normalise_golongan, validate_employee_number


def _require_admin(actor: Any, instansi: Instansi) -> None:
    if not can_administer(actor, instansi):
        raise PermissionDenied


def _choice(field: str, value: str, choices: Any) -> str:
    if value not in choices.values:
        raise InputError(
            field,
            _("%(value)r is not one of: %(allowed)s.")
            % {"value": value, "allowed": ", ".join(choices.values)},
        )
    return value


def _text(field: str, value: str, *, max_length: int) -> str:
    value = (value or "").strip()
    if not value:
        raise InputError(field, _("This field is required."))
    if len(value) > max_length:
        raise InputError(
            field, _("At most %(count)d characters are allowed.") % {"count": max_length}
        )
    return value


def _changed(instance: Any, fields: dict[str, Any]) -> list[str]:
    changed = []
    for name, value in fields.items():
        if getattr(instance, name) != value:
            setattr(instance, name, value)
            changed.append(name)
    return changed


def _save_changed(
    *, actor: Any, row: Any, fields: dict[str, Any], action: str, code: str | None = None
) -> None:
    """Set the fields whose value differs, save only those and record `action` naming them
    (nothing at all when none differs). `code`: the instansi's, when `row` is not in one."""
    changed = _changed(row, fields)
    if not changed:
        return
    with transaction.atomic():
        row.save(update_fields=changed)
        audit_record(
            actor=actor,
            action=action,
            target=row,
            instansi_code=code or row.instansi.code,
            data={"fields": sorted(changed)},
        )


def instansi_create(
    *,
    actor: Any,
    code: str,
    name: str,
    level: str,
    time_zone: str = "WIB",
    ppk_title: str = "",
    city: str = "",
    address: str = "",
) -> Instansi:
    """Register an instansi (the installation administrator, or a system actor given the right)."""
    require(is_installation_admin(actor) or has_right(actor, Right.INSTANSI_ESTABLISH))
    code = _text("code", code, max_length=32).lower()
    if Instansi.objects.filter(code=code).exists():
        raise InputError("code", _("An instansi with this code already exists."))
    instansi = Instansi(
        code=code,
        name=_text("name", name, max_length=200),
        level=_choice("level", level, InstansiLevel),
        time_zone=_choice("time_zone", time_zone, TimeZoneCode),
        ppk_title=ppk_title.strip(),
        city=city.strip(),
        address=address.strip(),
    )
    try:
        instansi.full_clean()
    except ValidationError as error:
        field, messages = next(iter(error.message_dict.items()))
        raise InputError(field, messages[0]) from None
    with transaction.atomic():
        instansi.save()
        audit_record(
            actor=actor, action="people.instansi_created", target=instansi, instansi_code=code
        )
    return instansi


def _check_parent(unit: OrgUnit | None, parent: OrgUnit | None, instansi: Instansi) -> None:
    """Refuse a parent of another instansi, or one that would put the unit under itself."""
    if parent is None:
        return
    if parent.instansi_id != instansi.pk:
        raise InputError("parent", _("The parent unit belongs to another instansi."))
    if unit is None or unit.pk is None:
        return
    current: OrgUnit | None = parent
    seen: set[int] = set()
    while current is not None and current.pk not in seen:
        if current.pk == unit.pk:
            raise InputError(
                "parent", _("A unit cannot be placed under itself or under one of its own units.")
            )
        seen.add(current.pk)
        current = current.parent


def unit_create(
    *,
    actor: Any,
    instansi: Instansi,
    code: str,
    name: str,
    kind: str = UnitKind.LAINNYA,
    parent: OrgUnit | None = None,
    is_supervision_unit: bool = False,
    is_personnel_unit: bool = False,
) -> OrgUnit:
    """Add a unit to the instansi's tree (under `parent`, or as a top unit)."""
    _require_admin(actor, instansi)
    code = _text("code", code, max_length=40)
    if OrgUnit.objects.filter(instansi=instansi, code=code).exists():
        raise InputError("code", _("A unit with this code already exists in the instansi."))
    _check_parent(None, parent, instansi)
    unit = OrgUnit(
        instansi=instansi,
        code=code,
        name=_text("name", name, max_length=200),
        kind=_choice("kind", kind, UnitKind),
        parent=parent,
        is_supervision_unit=is_supervision_unit,
        is_personnel_unit=is_personnel_unit,
    )
    with transaction.atomic():
        unit.save()
        audit_record(
            actor=actor,
            action="people.unit_created",
            target=unit,
            instansi_code=instansi.code,
            data={"code": code, "parent_id": parent.pk if parent else None},
        )
    return unit


def unit_update(
    *,
    actor: Any,
    unit: OrgUnit,
    name: str | None = None,
    kind: str | None = None,
    is_supervision_unit: bool | None = None,
    is_personnel_unit: bool | None = None,
    active: bool | None = None,
) -> OrgUnit:
    """Change a unit's name, kind or flags (moving it is `unit_move`)."""
    _require_admin(actor, unit.instansi)
    fields: dict[str, Any] = {}
    if name is not None:
        fields["name"] = _text("name", name, max_length=200)
    if kind is not None:
        fields["kind"] = _choice("kind", kind, UnitKind)
    for field, value in (
        ("is_supervision_unit", is_supervision_unit),
        ("is_personnel_unit", is_personnel_unit),
        ("active", active),
    ):
        if value is not None:
            fields[field] = value
    _save_changed(actor=actor, row=unit, fields=fields, action="people.unit_updated")
    return unit


def unit_move(*, actor: Any, unit: OrgUnit, parent: OrgUnit | None) -> OrgUnit:
    """Put the unit under another parent (None: a top unit); refuses cycles."""
    _require_admin(actor, unit.instansi)
    _check_parent(unit, parent, unit.instansi)
    if unit.parent_id == (parent.pk if parent else None):
        return unit
    previous = unit.parent_id
    with transaction.atomic():
        unit.parent = parent
        unit.save(update_fields=["parent"])
        audit_record(
            actor=actor,
            action="people.unit_moved",
            target=unit,
            instansi_code=unit.instansi.code,
            data={"from_parent_id": previous, "to_parent_id": parent.pk if parent else None},
        )
    return unit


def position_create(
    *, actor: Any, unit: OrgUnit, name: str, kind: str, is_head: bool = False
) -> Position:
    """Add a post to a unit; a unit has at most one head post."""
    _require_admin(actor, unit.instansi)
    name = _text("name", name, max_length=200)
    kind = _choice("kind", kind, PositionKind)
    if Position.objects.filter(unit=unit, name=name).exists():
        raise InputError("name", _("The unit already has a position with this name."))
    if is_head and Position.objects.filter(unit=unit, is_head=True).exists():
        raise InputError("is_head", _("The unit already has a head position."))
    position = Position(instansi=unit.instansi, unit=unit, name=name, kind=kind, is_head=is_head)
    with transaction.atomic():
        position.save()
        audit_record(
            actor=actor,
            action="people.position_created",
            target=position,
            instansi_code=unit.instansi.code,
            data={"unit_id": unit.pk, "kind": kind, "is_head": is_head},
        )
    return position


def position_update(
    *,
    actor: Any,
    position: Position,
    name: str | None = None,
    kind: str | None = None,
    is_head: bool | None = None,
) -> Position:
    """Rename a post, change its kind, or make it (or no longer) the unit's head post."""
    _require_admin(actor, position.instansi)
    fields: dict[str, Any] = {}
    if name is not None:
        fields["name"] = _text("name", name, max_length=200)
        clash = Position.objects.filter(unit=position.unit_id, name=fields["name"])
        if clash.exclude(pk=position.pk).exists():
            raise InputError("name", _("The unit already has a position with this name."))
    if kind is not None:
        fields["kind"] = _choice("kind", kind, PositionKind)
    if is_head is not None:
        fields["is_head"] = is_head
        heads = Position.objects.filter(unit=position.unit_id, is_head=True)
        if is_head and heads.exclude(pk=position.pk).exists():
            raise InputError("is_head", _("The unit already has a head position."))
    _save_changed(actor=actor, row=position, fields=fields, action="people.position_updated")
    return position


def _employee_fields(
    *, nip: str, status: str, golongan: str, today: date | None = None
) -> dict[str, Any]:
    """Validated NIP, status and rank; birth date and gender come from an ASN NIP."""
    status = _choice("status", status, EmployeeStatus)
    nip = (nip or "").strip()
    try:
        facts = validate_employee_number(nip, status=status, today=today)
    except ValidationError as error:
        raise InputError("nip", error.messages[0]) from None
    try:
        golongan = normalise_golongan(golongan, status=status)
    except ValidationError as error:
        raise InputError("golongan", error.messages[0]) from None
    fields: dict[str, Any] = {"nip": nip, "status": status, "golongan": golongan}
    if facts is not None:
        fields["birth_date"] = facts.birth_date
        fields["gender"] = facts.gender
    return fields


def employee_create(
    *,
    actor: Any,
    instansi: Instansi,
    nip: str,
    name: str,
    status: str,
    golongan: str = "",
    front_title: str = "",
    back_title: str = "",
) -> Employee:
    """Register an employee; the NIP (or non-ASN registration number) is checked and unique."""
    _require_admin(actor, instansi)
    fields = _employee_fields(nip=nip, status=status, golongan=golongan)
    if Employee.objects.filter(nip=fields["nip"]).exists():
        raise InputError("nip", _("An employee with this NIP is already registered."))
    employee = Employee(
        instansi=instansi,
        name=_text("name", name, max_length=200),
        front_title=front_title.strip()[:50],
        back_title=back_title.strip()[:80],
        **fields,
    )
    with transaction.atomic():
        employee.save()
        audit_record(
            actor=actor,
            action="people.employee_created",
            target=employee,
            instansi_code=instansi.code,
            data={"status": employee.status},
        )
    return employee


def employee_update(
    *,
    actor: Any,
    employee: Employee,
    name: str | None = None,
    status: str | None = None,
    golongan: str | None = None,
    nip: str | None = None,
    front_title: str | None = None,
    back_title: str | None = None,
    active: bool | None = None,
) -> Employee:
    """Change an employee's record (e.g. CPNS to PNS, a new rank, a corrected name)."""
    _require_admin(actor, employee.instansi)
    fields: dict[str, Any] = {}
    if nip is not None or status is not None or golongan is not None:
        fields.update(
            _employee_fields(
                nip=employee.nip if nip is None else nip,
                status=employee.status if status is None else status,
                golongan=employee.golongan if golongan is None else golongan,
            )
        )
        clash = Employee.objects.filter(nip=fields["nip"]).exclude(pk=employee.pk)
        if clash.exists():
            raise InputError("nip", _("An employee with this NIP is already registered."))
    if name is not None:
        fields["name"] = _text("name", name, max_length=200)
    if front_title is not None:
        fields["front_title"] = front_title.strip()[:50]
    if back_title is not None:
        fields["back_title"] = back_title.strip()[:80]
    if active is not None:
        fields["active"] = active
    _save_changed(actor=actor, row=employee, fields=fields, action="people.employee_updated")
    return employee


def _open_definitive(employee: Employee, day: date) -> PositionAssignment | None:
    return (
        PositionAssignment.objects.filter(employee=employee, kind="definitif", start__lte=day)
        .filter(end__isnull=True)
        .order_by("-start")
        .first()
    )


def assignment_start(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    start: date,
    kind: str = AssignmentKind.DEFINITIVE,
    end: date | None = None,
) -> PositionAssignment:
    """Put the employee in a post from `start`.

    A definitive appointment ends the employee's previous definitive post the day before, and,
    for a head post, the previous holder's tenure too (a post has one definitive holder).
    Plt/Plh appointments sit beside the employee's own post.
    """
    _require_admin(actor, employee.instansi)
    kind = _choice("kind", kind, AssignmentKind)
    if position.instansi_id != employee.instansi_id:
        raise InputError("position", _("The position belongs to another instansi."))
    if end is not None and end < start:
        raise InputError("end", _("The end date is before the start date."))
    day_before = start - timedelta(days=1)
    ended: list[int] = []
    with transaction.atomic():
        overlapping = PositionAssignment.objects.filter(employee=employee, kind=kind).filter(
            start__gte=start
        )
        if kind == AssignmentKind.DEFINITIVE and overlapping.exists():
            raise InputError(
                "start",
                _("The employee already has a definitive post starting on or after this date."),
            )
        previous_own = _open_definitive(employee, start) if kind == "definitif" else None
        if previous_own is not None:
            previous_own.end = day_before
            previous_own.save(update_fields=["end"])
            ended.append(previous_own.pk)
        if position.is_head:
            holders = PositionAssignment.objects.filter(
                position=position, kind=kind, end__isnull=True, start__lt=start
            ).exclude(employee=employee)
            for holder in holders:
                holder.end = day_before
                holder.save(update_fields=["end"])
                ended.append(holder.pk)
        assignment = PositionAssignment.objects.create(
            employee=employee, position=position, kind=kind, start=start, end=end
        )
        audit_record(
            actor=actor,
            action="people.assignment_started",
            target=assignment,
            instansi_code=employee.instansi.code,
            data={
                "employee_id": employee.pk,
                "position_id": position.pk,
                "kind": kind,
                "start": start.isoformat(),
                "ended_assignment_ids": ended,
            },
        )
    return assignment


def assignment_end(*, actor: Any, assignment: PositionAssignment, end: date) -> PositionAssignment:
    """Close a tenure on its last day."""
    _require_admin(actor, assignment.employee.instansi)
    if end < assignment.start:
        raise InputError("end", _("The end date is before the start date."))
    if assignment.end == end:
        return assignment
    with transaction.atomic():
        assignment.end = end
        assignment.save(update_fields=["end"])
        audit_record(
            actor=actor,
            action="people.assignment_ended",
            target=assignment,
            instansi_code=assignment.employee.instansi.code,
            data={"end": end.isoformat()},
        )
    return assignment


def supervisor_override_set(
    *,
    actor: Any,
    employee: Employee,
    supervisor: Employee | None,
    start: date,
    end: date | None = None,
    reason: str = "",
) -> SupervisorOverride | None:
    """Name the direct superior by hand from `start` (None ends the current override then)."""
    _require_admin(actor, employee.instansi)
    if supervisor is not None:
        if supervisor.pk == employee.pk:
            raise InputError("supervisor", _("An employee cannot be their own superior."))
        if supervisor.instansi_id != employee.instansi_id:
            raise InputError("supervisor", _("The superior belongs to another instansi."))
    if end is not None and end < start:
        raise InputError("end", _("The end date is before the start date."))
    with transaction.atomic():
        ended, replaced = [], []
        for current in SupervisorOverride.objects.filter(employee=employee, end__isnull=True):
            if current.start >= start:
                # Replaced from its first day: it never stood alone, the new one takes its place.
                replaced.append(current.pk)
                current.delete()
            else:
                current.end = start - timedelta(days=1)
                current.save(update_fields=["end"])
                ended.append(current.pk)
        override = None
        if supervisor is not None:
            override = SupervisorOverride.objects.create(
                employee=employee,
                supervisor=supervisor,
                start=start,
                end=end,
                reason=reason.strip()[:300],
            )
        audit_record(
            actor=actor,
            action="people.supervisor_override_set",
            target=employee,
            instansi_code=employee.instansi.code,
            data={
                "supervisor_id": supervisor.pk if supervisor else None,
                "start": start.isoformat(),
                "ended_override_ids": ended,
                "replaced_override_ids": replaced,
            },
        )
    return override


def _assignment_snapshot(assignment: PositionAssignment) -> dict[str, Any]:
    return {
        "position_id": assignment.position_id,
        "position": assignment.position.name,
        "unit": assignment.position.unit.name,
        "kind": assignment.kind,
        "start": assignment.start.isoformat(),
        "end": assignment.end.isoformat() if assignment.end else None,
    }


def _check_history_overlap(
    *,
    employee: Employee,
    position: Position,
    kind: str,
    start: date,
    end: date | None,
    exclude: int | None = None,
) -> None:
    """A definitive post may not overlap the employee's other definitive posts, nor another
    definitive holder of the same head post (a post has one definitive holder at a time)."""
    if kind != AssignmentKind.DEFINITIVE:
        return
    last = end or date.max
    own = PositionAssignment.objects.filter(employee=employee, kind=kind, start__lte=last).filter(
        Q(end__isnull=True) | Q(end__gte=start)
    )
    if exclude is not None:
        own = own.exclude(pk=exclude)
    clash = own.select_related("position").first()
    if clash is not None:
        raise InputError(
            "start",
            _(
                "The employee held the definitive post %(post)s from %(start)s to %(end)s; "
                "posts may not overlap. Correct that record first."
            )
            % {
                "post": clash.position.name,
                "start": clash.start.isoformat(),
                "end": clash.end.isoformat() if clash.end else "…",
            },
        )
    if position.is_head:
        holders = PositionAssignment.objects.filter(
            position=position, kind=kind, start__lte=last
        ).filter(Q(end__isnull=True) | Q(end__gte=start))
        if exclude is not None:
            holders = holders.exclude(pk=exclude)
        other = holders.exclude(employee=employee).select_related("employee").first()
        if other is not None:
            raise InputError(
                "position",
                _("%(name)s held this head post from %(start)s; a head post has one holder.")
                % {"name": other.employee.full_name, "start": shown_date(other.start)},
            )


def _reason(reason: str) -> str:
    reason = (reason or "").strip()
    if len(reason) < 5:
        raise InputError("reason", _("Give the reason in a few words."))
    return reason[:500]


def _recorder(actor: Any) -> tuple[int | None, str]:
    if isinstance(actor, SystemActor):
        return None, actor.name[:150]
    return getattr(actor, "pk", None), str(getattr(actor, "username", ""))[:150]


def assignment_backfill(
    *,
    actor: Any,
    employee: Employee,
    position: Position,
    start: date,
    end: date | None,
    reason: str,
    kind: str = AssignmentKind.DEFINITIVE,
    source: str = "",
) -> PositionAssignment:
    """Enter a post the employee held in the past (or still holds) without touching the posts
    around it; refused when it would overlap another definitive post. The reason is kept."""
    _require_admin(actor, employee.instansi)
    kind = _choice("kind", kind, AssignmentKind)
    if position.instansi_id != employee.instansi_id:
        raise InputError("position", _("The position belongs to another instansi."))
    if end is not None and end < start:
        raise InputError("end", _("The end date is before the start date."))
    reason = _reason(reason)
    recorder_id, recorder_name = _recorder(actor)
    with transaction.atomic():
        _check_history_overlap(
            employee=employee, position=position, kind=kind, start=start, end=end
        )
        assignment = PositionAssignment.objects.create(
            employee=employee, position=position, kind=kind, start=start, end=end
        )
        change = AssignmentChange.objects.create(
            assignment=assignment,
            kind=AssignmentChangeKind.BACKFILLED,
            after=_assignment_snapshot(assignment),
            reason=reason,
            source=source.strip()[:300],
            recorded_by_id=recorder_id,
            recorded_by_name=recorder_name,
        )
        audit_record(
            actor=actor,
            action="people.assignment_backfilled",
            target=assignment,
            instansi_code=employee.instansi.code,
            data={"change_id": change.pk, **change.after, "reason": reason},
        )
    return assignment


def assignment_correct(
    *,
    actor: Any,
    assignment: PositionAssignment,
    position: Position,
    start: date,
    end: date | None,
    reason: str,
    kind: str | None = None,
    source: str = "",
) -> PositionAssignment:
    """Correct a recorded post (its post, kind or dates); the record before and after and the
    reason are kept. Refused when the corrected post would overlap another definitive post."""
    employee = assignment.employee
    _require_admin(actor, employee.instansi)
    kind = _choice("kind", kind or assignment.kind, AssignmentKind)
    if position.instansi_id != employee.instansi_id:
        raise InputError("position", _("The position belongs to another instansi."))
    if end is not None and end < start:
        raise InputError("end", _("The end date is before the start date."))
    reason = _reason(reason)
    before = _assignment_snapshot(assignment)
    recorder_id, recorder_name = _recorder(actor)
    with transaction.atomic():
        _check_history_overlap(
            employee=employee,
            position=position,
            kind=kind,
            start=start,
            end=end,
            exclude=assignment.pk,
        )
        assignment.position = position
        assignment.kind = kind
        assignment.start = start
        assignment.end = end
        assignment.save(update_fields=["position", "kind", "start", "end"])
        after = _assignment_snapshot(assignment)
        if after == before:
            raise InputError("start", _("Nothing would change."))
        change = AssignmentChange.objects.create(
            assignment=assignment,
            kind=AssignmentChangeKind.CORRECTED,
            before=before,
            after=after,
            reason=reason,
            source=source.strip()[:300],
            recorded_by_id=recorder_id,
            recorded_by_name=recorder_name,
        )
        audit_record(
            actor=actor,
            action="people.assignment_corrected",
            target=assignment,
            instansi_code=employee.instansi.code,
            data={"change_id": change.pk, "before": before, "after": after, "reason": reason},
        )
    return assignment


def instansi_update(
    *,
    actor: Any,
    instansi: Instansi,
    name: str,
    time_zone: str,
    ppk_title: str = "",
    city: str = "",
    address: str = "",
    minutes_per_absence_day: int = 450,
) -> Instansi:
    """Change the instansi's own settings (its code stays: it names its rules and records)."""
    _require_admin(actor, instansi)
    if not 60 <= int(minutes_per_absence_day) <= 1440:
        raise InputError(
            "minutes_per_absence_day", _("Give a number of minutes between 60 and 1440.")
        )
    fields = {
        "name": _text("name", name, max_length=200),
        "time_zone": _choice("time_zone", time_zone, TimeZoneCode),
        "ppk_title": ppk_title.strip()[:100],
        "city": city.strip()[:100],
        "address": address.strip()[:300],
        "minutes_per_absence_day": int(minutes_per_absence_day),
    }
    _save_changed(
        actor=actor,
        row=instansi,
        fields=fields,
        action="people.instansi_updated",
        code=instansi.code,
    )
    return instansi
