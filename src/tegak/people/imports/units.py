"""Importing org units (upsert by code; the tree must stay a tree)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.people.imports.common import (
    KIND_BY_PREFIX,
    UNIT_COLUMNS,
    UNIT_OPTIONAL,
    ImportResult,
    _audit_counts,
    _check_actor,
    _error,
    _records,
    _refuse,
    _yes_no,
    read_table,
)
from tegak.people.models import (
    Instansi,
    OrgUnit,
    UnitKind,
)


def _guess_kind(name: str) -> str:
    lowered = name.lower()
    for prefix, kind in KIND_BY_PREFIX:
        if lowered.startswith(prefix):
            return kind
    return UnitKind.LAINNYA


@dataclass
class _UnitRow:
    number: int
    code: str
    name: str
    parent_code: str
    kind: str | None
    flags: dict[str, bool]


def _validate_unit_row(
    number: int, record: dict[str, str], errors: list[dict[str, Any]]
) -> _UnitRow | None:
    before = len(errors)
    code = record["code"].strip()
    name = record["name"].strip()
    parent_code = record["parent_code"].strip()
    if not code:
        errors.append(_error(number, "code", _("The unit code is empty.")))
    elif len(code) > 40:
        errors.append(_error(number, "code", _("The unit code is longer than 40 characters.")))
    if not name:
        errors.append(_error(number, "name", _("The unit name is empty.")))
    elif len(name) > 200:
        errors.append(_error(number, "name", _("The unit name is longer than 200 characters.")))
    if code and parent_code == code:
        errors.append(_error(number, "parent_code", _("A unit cannot be its own parent.")))
    kind = None
    if "kind" in record and record["kind"].strip():
        kind = record["kind"].strip().lower()
        if kind not in UnitKind.values:
            errors.append(
                _error(
                    number,
                    "kind",
                    _("Unknown unit kind %(value)r; use one of: %(allowed)s.")
                    % {"value": kind, "allowed": ", ".join(UnitKind.values)},
                )
            )
    flags = {}
    for column in ("is_supervision_unit", "is_personnel_unit"):
        if column in record:
            value = _yes_no(record[column])
            if value is None:
                errors.append(_error(number, column, _("Write “ya” or “tidak”.")))
            else:
                flags[column] = value
    if len(errors) > before:
        return None
    return _UnitRow(number, code, name, parent_code, kind, flags)


def import_units(
    *, actor: Any, instansi: Instansi, data: bytes, partial: bool = False
) -> ImportResult:
    """Create or update the instansi's org units from a CSV/XLSX file (upsert by code)."""
    _check_actor(actor, instansi)
    _columns, records = _records(read_table(data), UNIT_COLUMNS, UNIT_OPTIONAL)
    result = ImportResult(kind="units", rows=len(records))
    errors = result.errors
    existing = {unit.code: unit for unit in OrgUnit.objects.filter(instansi=instansi)}
    existing_parent = {
        unit.code: (unit.parent.code if unit.parent_id and unit.parent else "")
        for unit in OrgUnit.objects.filter(instansi=instansi).select_related("parent")
    }
    file_codes = {record["code"].strip() for _number, record in records}

    def _in_file(code: str) -> bool:
        return code in file_codes

    rows: dict[str, _UnitRow] = {}
    row_of_code: dict[str, int] = {}
    bad_codes: set[str] = set()
    for number, record in records:
        row = _validate_unit_row(number, record, errors)
        code = record["code"].strip()
        if code and code in row_of_code:
            errors.append(
                _error(
                    number,
                    "code",
                    _("The unit code already appears in row %(row)d.") % {"row": row_of_code[code]},
                )
            )
            bad_codes.add(code)
            continue
        if code:
            row_of_code[code] = number
        if row is None:
            bad_codes.add(code)
            parent = record["parent_code"].strip()
            if parent and parent != code and parent not in existing and not _in_file(parent):
                errors.append(_unknown_parent(number, parent))
        else:
            rows[code] = row
    # Parents must exist (in the file or the registry) and the tree must stay a tree.
    final_parent = dict(existing_parent)
    final_parent.update({code: row.parent_code for code, row in rows.items()})
    for code, row in list(rows.items()):
        parent = row.parent_code
        if not parent:
            continue
        if parent in bad_codes and parent not in existing:
            errors.append(
                _error(
                    row.number,
                    "parent_code",
                    _("The parent unit %(code)s is in row %(row)d, which has errors.")
                    % {"code": parent, "row": row_of_code[parent]},
                )
            )
            del rows[code]
        elif parent not in rows and parent not in existing:
            errors.append(_unknown_parent(row.number, parent))
            del rows[code]
    for code, row in list(rows.items()):
        path = [code]
        current = final_parent.get(code, "")
        while current and current not in path and len(path) < 1000:
            path.append(current)
            current = final_parent.get(current, "")
        if current == code:
            errors.append(
                _error(
                    row.number,
                    "parent_code",
                    _("The units form a loop: %(path)s.") % {"path": " → ".join([*path, code])},
                )
            )
            del rows[code]
    if partial:
        # A row whose parent was dropped above cannot be placed either.
        changed = True
        while changed:
            changed = False
            for code, row in list(rows.items()):
                if (
                    row.parent_code
                    and row.parent_code not in rows
                    and row.parent_code not in existing
                ):
                    errors.append(
                        _error(
                            row.number,
                            "parent_code",
                            _("The parent unit %(code)s could not be imported.")
                            % {"code": row.parent_code},
                        )
                    )
                    del rows[code]
                    changed = True
    errors.sort(key=lambda error: (error["row"], error["column"]))
    if errors and not partial:
        raise _refuse(errors)

    to_create: list[OrgUnit] = []
    to_update: dict[str, OrgUnit] = {}
    update_fields: set[str] = set()
    for code, row in rows.items():
        unit = existing.get(code)
        if unit is None:
            to_create.append(
                OrgUnit(
                    instansi=instansi,
                    code=code,
                    name=row.name,
                    kind=row.kind or _guess_kind(row.name),
                    **row.flags,
                )
            )
            continue
        fields: dict[str, Any] = {"name": row.name, **row.flags}
        if row.kind:
            fields["kind"] = row.kind
        changed_fields = [name for name, value in fields.items() if getattr(unit, name) != value]
        for name in changed_fields:
            setattr(unit, name, fields[name])
        if changed_fields:
            to_update[code] = unit
            update_fields.update(changed_fields)
    with transaction.atomic():
        OrgUnit.objects.bulk_create(to_create)
        by_code = {unit.code: unit for unit in OrgUnit.objects.filter(instansi=instansi)}
        moved: list[OrgUnit] = []
        for code, row in rows.items():
            unit = by_code[code]
            parent_id = by_code[row.parent_code].pk if row.parent_code else None
            if unit.parent_id != parent_id:
                unit.parent_id = parent_id
                moved.append(unit)
                if code in to_update:
                    to_update[code].parent_id = parent_id
        if to_update:
            OrgUnit.objects.bulk_update(list(to_update.values()), sorted(update_fields))
        if moved:
            OrgUnit.objects.bulk_update(moved, ["parent"])
        created_codes = {unit.code for unit in to_create}
        result.created = len(created_codes)
        result.updated = len((set(to_update) | {unit.code for unit in moved}) - created_codes)
        result.unchanged = len(rows) - result.created - result.updated
        if result.created or result.updated:
            audit_record(
                actor=actor,
                action="people.units_imported",
                target=instansi,
                instansi_code=instansi.code,
                data=_audit_counts(result),
            )
    return result


def _unknown_parent(number: int, code: str) -> dict[str, Any]:
    return _error(
        number,
        "parent_code",
        _("Unknown parent unit %(code)s: it is neither in the file nor registered.")
        % {"code": code},
    )
