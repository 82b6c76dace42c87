"""Importing employees and their posts (upsert by NIP; one definitive head per unit)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from django.core.exceptions import ValidationError
from django.db import connection, models, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core import search
from tegak.core.words import shown_date
from tegak.people.imports.common import (
    EMPLOYEE_COLUMNS,
    EMPLOYEE_OPTIONAL,
    POSITION_KIND_VALUES,
    STATUS_VALUES,
    ImportResult,
    _audit_counts,
    _check_actor,
    _chunks,
    _error,
    _parse_date,
    _records,
    _refuse,
    _yes_no,
    read_table,
)
from tegak.people.models import (
    Employee,
    EmployeeStatus,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
    PositionKind,
    SupervisorOverride,
)
from tegak.people.validators import normalise_golongan, validate_employee_number


@dataclass
class _EmployeeRow:
    number: int
    nip: str
    name: str
    status: str
    golongan: str
    position_kind: str
    position_name: str
    unit_code: str
    is_head: bool
    supervisor_nip: str | None  # None: the file has no such column
    active_from: date | None
    front_title: str | None
    back_title: str | None
    birth_date: date | None
    gender: str


def _validate_employee_row(
    number: int,
    record: dict[str, str],
    units: dict[str, OrgUnit],
    today: date,
    errors: list[dict[str, Any]],
) -> _EmployeeRow | None:
    before = len(errors)
    nip = record["nip"].strip()
    name = record["name"].strip()
    status = record["status"].strip().upper()
    if status not in STATUS_VALUES:
        errors.append(
            _error(
                number,
                "status",
                _("Unknown status %(value)r; use one of: %(allowed)s.")
                % {"value": record["status"], "allowed": ", ".join(EmployeeStatus.values)},
            )
        )
    facts = None
    if not nip:
        errors.append(_error(number, "nip", _("The NIP is empty.")))
    elif status in STATUS_VALUES:
        try:
            facts = validate_employee_number(nip, status=status, today=today)
        except ValidationError as error:
            errors.append(_error(number, "nip", error.messages[0]))
    if not name:
        errors.append(_error(number, "name", _("The name is empty.")))
    elif len(name) > 200:
        errors.append(_error(number, "name", _("The name is longer than 200 characters.")))
    golongan = ""
    if status in STATUS_VALUES and record.get("golongan", "").strip():
        try:
            golongan = normalise_golongan(record["golongan"], status=status)
        except ValidationError as error:
            errors.append(_error(number, "golongan", error.messages[0]))
    position_kind = record["position_kind"].strip().lower()
    if position_kind not in POSITION_KIND_VALUES:
        errors.append(
            _error(
                number,
                "position_kind",
                _("Unknown position kind %(value)r; use one of: %(allowed)s.")
                % {"value": record["position_kind"], "allowed": ", ".join(PositionKind.values)},
            )
        )
    position_name = record["position_name"].strip()
    if not position_name:
        errors.append(_error(number, "position_name", _("The position name is empty.")))
    elif len(position_name) > 200:
        errors.append(
            _error(number, "position_name", _("The position name is longer than 200 characters."))
        )
    unit_code = record["unit_code"].strip()
    if unit_code not in units:
        errors.append(
            _error(
                number,
                "unit_code",
                _("Unknown unit %(code)s: import the units first.") % {"code": unit_code}
                if unit_code
                else _("The unit code is empty."),
            )
        )
    is_head = _yes_no(record["is_head"])
    if is_head is None:
        errors.append(_error(number, "is_head", _("Write “ya” or “tidak”.")))
    active_from = None
    if record.get("active_from", "").strip():
        active_from = _parse_date(record["active_from"])
        if active_from is None:
            errors.append(
                _error(number, "active_from", _("Write the date as YYYY-MM-DD (or DD/MM/YYYY)."))
            )
        elif active_from > today:
            errors.append(_error(number, "active_from", _("The date is in the future.")))
    supervisor_nip = record["supervisor_nip"].strip() if "supervisor_nip" in record else None
    if supervisor_nip and supervisor_nip == nip:
        errors.append(
            _error(number, "supervisor_nip", _("An employee cannot be their own superior."))
        )
    if len(errors) > before:
        return None
    return _EmployeeRow(
        number=number,
        nip=nip,
        name=name,
        status=status,
        golongan=golongan,
        position_kind=position_kind,
        position_name=position_name,
        unit_code=unit_code,
        is_head=bool(is_head),
        supervisor_nip=supervisor_nip,
        active_from=active_from,
        front_title=record["front_title"].strip()[:50] if "front_title" in record else None,
        back_title=record["back_title"].strip()[:80] if "back_title" in record else None,
        birth_date=facts.birth_date if facts else None,
        gender=facts.gender if facts else "",
    )


@dataclass
class _Tenure:
    """An open definitive tenure, existing (pk) or planned by this import."""

    nip: str
    position_key: tuple[int, str]
    start: date
    pk: int | None = None
    row: int | None = None


class _EmployeePlan:
    """The registry as the import will leave it, built in memory before anything is written."""

    def __init__(self, instansi: Instansi, nips: list[str], today: date):
        self.instansi = instansi
        self.today = today
        self.employees: dict[str, Employee] = {}
        for chunk in _chunks(nips):
            for employee in Employee.objects.filter(nip__in=chunk):
                self.employees[employee.nip] = employee
        self.positions: dict[tuple[int, str], Position] = {}
        self.head_of_unit: dict[int, Position] = {}
        for position in Position.objects.filter(instansi=instansi):
            self.positions[(position.unit_id, position.name)] = position
            if position.is_head:
                self.head_of_unit[position.unit_id] = position
        self.position_of_pk = {position.pk: key for key, position in self.positions.items()}
        self.tenure: dict[str, _Tenure] = {}
        self.head_tenure: dict[tuple[int, str], _Tenure] = {}
        nip_of_pk = {employee.pk: nip for nip, employee in self.employees.items()}
        open_definitive = PositionAssignment.objects.filter(
            kind="definitif", end__isnull=True, position__instansi=instansi
        ).values_list("pk", "employee_id", "position_id", "start", "position__is_head")
        ids_in_file = set(nip_of_pk)
        for pk, employee_id, position_id, start, is_head in open_definitive:
            if employee_id not in ids_in_file and not is_head:
                continue
            key = self.position_of_pk[position_id]
            nip = nip_of_pk.get(employee_id) or f"#{employee_id}"
            tenure = _Tenure(nip=nip, position_key=key, start=start, pk=pk)
            if employee_id in ids_in_file:
                current = self.tenure.get(nip)
                if current is None or current.start < start:
                    self.tenure[nip] = tenure
            if is_head:
                self.head_tenure[key] = tenure
        # Writes decided by the plan.
        self.new_positions: dict[tuple[int, str], Position] = {}
        self.changed_positions: dict[tuple[int, str], set[str]] = {}
        self.ended: dict[int, date] = {}
        self.new_tenures: list[_Tenure] = []
        self.position_kind_row: dict[tuple[int, str], tuple[str, int]] = {}

    def position_key(
        self, row: _EmployeeRow, unit: OrgUnit, errors: list[dict[str, Any]]
    ) -> tuple[int, str] | None:
        key = (unit.pk, row.position_name)
        seen = self.position_kind_row.get(key)
        if seen is not None and seen[0] != row.position_kind:
            errors.append(
                _error(
                    row.number,
                    "position_kind",
                    _("Row %(row)d gives this position the kind %(kind)s.")
                    % {"row": seen[1], "kind": seen[0]},
                )
            )
            return None
        position = self.positions.get(key) or self.new_positions.get(key)
        if row.is_head:
            head = self.head_of_unit.get(unit.pk)
            if position is not None and not position.is_head:
                errors.append(
                    _error(
                        row.number,
                        "is_head",
                        _("This position exists in the unit and is not its head post."),
                    )
                )
                return None
            if head is not None and head.name != row.position_name:
                # The unit's head post is renamed to what the file calls it.
                old_key = (unit.pk, head.name)
                if (unit.pk, row.position_name) in self.positions:
                    errors.append(
                        _error(row.number, "position_name", _("The position name is taken."))
                    )
                    return None
                self._rename_head(old_key, key, head)
                position = head
        elif position is not None and position.is_head:
            errors.append(
                _error(
                    row.number,
                    "is_head",
                    _("This position is the head post of the unit: write “ya”."),
                )
            )
            return None
        if position is None:
            position = Position(
                instansi=self.instansi,
                unit=unit,
                name=row.position_name,
                kind=row.position_kind,
                is_head=row.is_head,
            )
            self.new_positions[key] = position
            if row.is_head:
                self.head_of_unit[unit.pk] = position
        elif position.kind != row.position_kind:
            position.kind = row.position_kind
            if position.pk:
                self.changed_positions.setdefault(key, set()).add("kind")
        self.position_kind_row[key] = (row.position_kind, row.number)
        return key

    def _rename_head(self, old_key: tuple[int, str], key: tuple[int, str], head: Position) -> None:
        head.name = key[1]
        self.positions.pop(old_key, None)
        self.positions[key] = head
        if head.pk:
            self.changed_positions.setdefault(key, set()).add("name")
            self.changed_positions.pop(old_key, None)
        if old_key in self.head_tenure:
            tenure = self.head_tenure.pop(old_key)
            tenure.position_key = key
            self.head_tenure[key] = tenure
        for tenure in self.tenure.values():
            if tenure.position_key == old_key:
                tenure.position_key = key

    def place(self, row: _EmployeeRow, key: tuple[int, str], errors: list[dict[str, Any]]) -> bool:
        """Plan the employee's tenure of the post; True when it changes anything."""
        current = self.tenure.get(row.nip)
        if current is not None and current.position_key == key:
            return False
        start = row.active_from or self.today
        if current is not None and start <= current.start:
            errors.append(
                _error(
                    row.number,
                    "active_from",
                    _("The new post must start after the current one (from %(date)s).")
                    % {"date": shown_date(current.start)},
                )
            )
            return False
        holder = self.head_tenure.get(key) if row.is_head else None
        if holder is not None and holder.nip != row.nip:
            if holder.row is not None:
                errors.append(
                    _error(
                        row.number,
                        "is_head",
                        _("Row %(row)d already heads this unit.") % {"row": holder.row},
                    )
                )
                return False
            if start <= holder.start:
                errors.append(
                    _error(
                        row.number,
                        "active_from",
                        _("The head post is held by someone else from %(date)s.")
                        % {"date": shown_date(holder.start)},
                    )
                )
                return False
        # Decided: close what this replaces, open the new tenure.
        if current is not None:
            self._end(current, start)
        if holder is not None and holder.nip != row.nip:
            self._end(holder, start)
            self.tenure.pop(holder.nip, None)
        tenure = _Tenure(nip=row.nip, position_key=key, start=start, row=row.number)
        self.tenure[row.nip] = tenure
        self.new_tenures.append(tenure)
        if row.is_head:
            self.head_tenure[key] = tenure
        return True

    def _end(self, tenure: _Tenure, start: date) -> None:
        if tenure.pk is not None:
            self.ended[tenure.pk] = start - timedelta(days=1)
        elif tenure in self.new_tenures:
            self.new_tenures.remove(tenure)
        if self.head_tenure.get(tenure.position_key) is tenure:
            del self.head_tenure[tenure.position_key]


def _employee_changes(employee: Employee, row: _EmployeeRow) -> list[str]:
    fields: dict[str, Any] = {"name": row.name, "status": row.status, "golongan": row.golongan}
    if row.birth_date is not None:
        fields["birth_date"] = row.birth_date
        fields["gender"] = row.gender
    if row.front_title is not None:
        fields["front_title"] = row.front_title
    if row.back_title is not None:
        fields["back_title"] = row.back_title
    changed = [name for name, value in fields.items() if getattr(employee, name) != value]
    for name in changed:
        setattr(employee, name, fields[name])
    return changed


def import_employees(
    *,
    actor: Any,
    instansi: Instansi,
    data: bytes,
    partial: bool = False,
    today: date | None = None,
) -> ImportResult:
    """Create or update employees and their posts from a CSV/XLSX file (upsert by NIP)."""
    _check_actor(actor, instansi)
    today = today or timezone.localdate()
    columns, records = _records(read_table(data), EMPLOYEE_COLUMNS, EMPLOYEE_OPTIONAL)
    result = ImportResult(kind="employees", rows=len(records))
    errors = result.errors
    units = {unit.code: unit for unit in OrgUnit.objects.filter(instansi=instansi)}
    plan = _EmployeePlan(instansi, [record["nip"].strip() for _n, record in records], today)
    row_of_nip: dict[str, int] = {}
    accepted: list[_EmployeeRow] = []
    touched: set[str] = set()
    for number, record in records:
        row = _validate_employee_row(number, record, units, today, errors)
        nip = record["nip"].strip()
        if nip and nip in row_of_nip:
            errors.append(
                _error(
                    number,
                    "nip",
                    _("The NIP already appears in row %(row)d.") % {"row": row_of_nip[nip]},
                )
            )
            continue
        if nip:
            row_of_nip[nip] = number
        if row is None:
            continue
        existing = plan.employees.get(row.nip)
        if existing is not None and existing.instansi_id != instansi.pk:
            errors.append(_error(number, "nip", _("This NIP is registered with another instansi.")))
            continue
        key = plan.position_key(row, units[row.unit_code], errors)
        if key is None:
            continue
        if plan.place(row, key, errors):
            touched.add(row.nip)
        elif errors and errors[-1]["row"] == number:
            continue
        accepted.append(row)
    # Superiors named in the file must be registered or imported in this run.
    overrides: dict[str, str | None] = {}
    if "supervisor_nip" in columns:
        known = {row.nip for row in accepted}
        missing = {
            row.supervisor_nip
            for row in accepted
            if row.supervisor_nip and row.supervisor_nip not in known
        }
        registered: set[str] = set()
        for chunk in _chunks(sorted(missing)):
            registered.update(
                Employee.objects.filter(nip__in=chunk, instansi=instansi).values_list(
                    "nip", flat=True
                )
            )
        kept = []
        for row in accepted:
            if row.supervisor_nip and row.supervisor_nip not in known | registered:
                errors.append(
                    _error(
                        row.number,
                        "supervisor_nip",
                        _("No employee with the NIP %(nip)s is in the file or registered.")
                        % {"nip": row.supervisor_nip},
                    )
                )
                continue
            overrides[row.nip] = row.supervisor_nip or None
            kept.append(row)
        accepted = kept
    errors.sort(key=lambda error: (error["row"], error["column"]))
    if errors and not partial:
        raise _refuse(errors)
    if partial:
        # Rows dropped after planning must not leave planned tenures behind.
        accepted_nips = {row.nip for row in accepted}
        plan.new_tenures = [t for t in plan.new_tenures if t.nip in accepted_nips]
    _write_employees(actor, instansi, plan, accepted, overrides, touched, result, today)
    return result


def _write_employees(
    actor: Any,
    instansi: Instansi,
    plan: _EmployeePlan,
    accepted: list[_EmployeeRow],
    overrides: dict[str, str | None],
    touched: set[str],
    result: ImportResult,
    today: date,
) -> None:
    new_employees: list[Employee] = []
    changed: list[Employee] = []
    changed_fields: set[str] = set()
    for row in accepted:
        employee = plan.employees.get(row.nip)
        if employee is None:
            employee = Employee(
                instansi=instansi,
                nip=row.nip,
                name=row.name,
                status=row.status,
                golongan=row.golongan,
                birth_date=row.birth_date,
                gender=row.gender,
                front_title=row.front_title or "",
                back_title=row.back_title or "",
            )
            new_employees.append(employee)
            plan.employees[row.nip] = employee
            continue
        fields = _employee_changes(employee, row)
        if fields:
            changed.append(employee)
            changed_fields.update(fields)
            touched.add(row.nip)
    with transaction.atomic():
        Position.objects.bulk_create(list(plan.new_positions.values()))
        plan.positions.update(plan.new_positions)
        for key, position_fields in plan.changed_positions.items():
            plan.positions[key].save(update_fields=sorted(position_fields))
        _insert_employees(instansi, new_employees)
        if changed:
            Employee.objects.bulk_update(changed, sorted(changed_fields))
            # A renamed accused is found by the new name in the case list (ADR 0172).
            search.changed_in_bulk.send(
                sender=Employee, pks=[employee.pk for employee in changed], fields=changed_fields
            )
        if plan.ended:
            ending = list(PositionAssignment.objects.filter(pk__in=list(plan.ended)))
            for assignment in ending:
                assignment.end = plan.ended[assignment.pk]
            PositionAssignment.objects.bulk_update(ending, ["end"])
        _insert_tenures(
            [
                (
                    plan.employees[tenure.nip].pk,
                    plan.positions[tenure.position_key].pk,
                    tenure.start,
                )
                for tenure in plan.new_tenures
                if tenure.nip in plan.employees
            ]
        )
        touched |= _write_overrides(instansi, plan, overrides, today)
        created = {employee.nip for employee in new_employees}
        result.created = len(created)
        result.updated = len(touched - created)
        result.unchanged = len(accepted) - result.created - result.updated
        if result.created or result.updated or plan.new_positions or plan.changed_positions:
            data = _audit_counts(result)
            data["positions_created"] = len(plan.new_positions)
            audit_record(
                actor=actor,
                action="people.employees_imported",
                target=instansi,
                instansi_code=instansi.code,
                data=data,
            )


# Field types whose Python values the drivers write as they are (no conversion by the ORM needed).
_COPY_SAFE_FIELDS = (
    models.CharField,
    models.TextField,
    models.BooleanField,
    models.DateField,
    models.IntegerField,
    models.ForeignKey,
)


def _insert_employees(instansi: Instansi, employees: list[Employee]) -> None:
    """Insert new employees in one round trip (COPY on PostgreSQL, executemany on SQLite), then
    read their ids back by NIP; other databases use the ORM's bulk_create."""
    fields = [field for field in Employee._meta.concrete_fields if not field.primary_key]
    plain = all(
        isinstance(field, _COPY_SAFE_FIELDS) and not isinstance(field, models.DateTimeField)
        for field in fields
    )
    if connection.vendor not in {"postgresql", "sqlite"} or not plain or not employees:
        Employee.objects.bulk_create(employees)
        return
    quote = connection.ops.quote_name
    columns = ", ".join(quote(field.column) for field in fields)
    table = quote(Employee._meta.db_table)
    names = [field.attname for field in fields]
    if connection.vendor == "postgresql":
        with (
            connection.cursor() as cursor,
            cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy,
        ):
            for employee in employees:
                copy.write_row([getattr(employee, name) for name in names])
    else:
        adapt = connection.ops.adapt_datefield_value
        dates = {index for index, field in enumerate(fields) if isinstance(field, models.DateField)}
        rows = [
            [
                adapt(getattr(employee, name)) if index in dates else getattr(employee, name)
                for index, name in enumerate(names)
            ]
            for employee in employees
        ]
        placeholders = ", ".join(["%s"] * len(fields))
        with connection.cursor() as cursor:
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",  # noqa: S608
                rows,
            )
    by_nip = {employee.nip: employee for employee in employees}
    for chunk in _chunks(list(by_nip)):
        for nip, pk in Employee.objects.filter(instansi=instansi, nip__in=chunk).values_list(
            "nip", "pk"
        ):
            by_nip[nip].pk = pk
            by_nip[nip]._state.adding = False


def _insert_tenures(rows: list[tuple[int, int, date]]) -> None:
    """Insert new definitive tenures in one round trip.

    The ORM's bulk_create spends most of its time compiling SQL value by value: for the second
    table of a 20,000-row import that doubled the cost (bench/import_employees.py). SQLite takes
    one executemany; PostgreSQL one COPY.
    """
    if not rows:
        return
    quote = connection.ops.quote_name
    table = quote(PositionAssignment._meta.db_table)
    names = ("employee_id", "position_id", "kind", "start")
    columns = ", ".join(quote(name) for name in names)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for employee, position, start in rows:
                    copy.write_row((employee, position, "definitif", start))
            return
        if connection.vendor != "sqlite":
            PositionAssignment.objects.bulk_create(
                [
                    PositionAssignment(
                        employee_id=employee, position_id=position, kind="definitif", start=start
                    )
                    for employee, position, start in rows
                ]
            )
            return
        adapt = connection.ops.adapt_datefield_value
        cursor.executemany(
            f"INSERT INTO {table} ({columns}) VALUES (%s, %s, %s, %s)",  # noqa: S608
            [(employee, position, "definitif", adapt(start)) for employee, position, start in rows],
        )


def _write_overrides(
    instansi: Instansi, plan: _EmployeePlan, overrides: dict[str, str | None], today: date
) -> set[str]:
    """Set or end the hand-named superiors the file gives; the NIPs whose override changed."""
    if not overrides:
        return set()
    employees = plan.employees
    ids = [employees[nip].pk for nip in overrides]
    current: dict[int, SupervisorOverride] = {}
    for chunk in _chunks(ids):
        for override in SupervisorOverride.objects.filter(
            employee_id__in=chunk, end__isnull=True
        ).select_related("supervisor"):
            current[override.employee_id] = override
    changed: set[str] = set()
    supervisors = {
        employee.nip: employee
        for employee in Employee.objects.filter(
            instansi=instansi, nip__in=[nip for nip in overrides.values() if nip]
        )
    }
    for nip, supervisor_nip in overrides.items():
        employee = employees[nip]
        existing = current.get(employee.pk)
        if (existing.supervisor.nip if existing else None) == supervisor_nip:
            continue
        if existing is not None:
            if existing.start >= today:
                existing.delete()
            else:
                existing.end = today - timedelta(days=1)
                existing.save(update_fields=["end"])
        if supervisor_nip:
            SupervisorOverride.objects.create(
                employee=employee,
                supervisor=supervisors[supervisor_nip],
                start=today,
                reason=_("Imported from a spreadsheet"),
            )
        changed.add(nip)
    return changed
