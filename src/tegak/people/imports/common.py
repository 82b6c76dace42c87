"""Shared parts of the registry import: reading CSV/XLSX, row errors, the result."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import filetype
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _

from tegak.core.errors import InputError
from tegak.core.spreadsheets import SheetRefused, first_sheet_rows
from tegak.people.access import can_administer
from tegak.people.models import (
    EmployeeStatus,
    Instansi,
    PositionKind,
)

UNIT_COLUMNS = ["code", "name", "parent_code"]
UNIT_OPTIONAL = ["kind", "is_supervision_unit", "is_personnel_unit"]
EMPLOYEE_COLUMNS = [
    "nip",
    "name",
    "status",
    "position_kind",
    "position_name",
    "unit_code",
    "is_head",
]
EMPLOYEE_OPTIONAL = ["golongan", "supervisor_nip", "active_from", "front_title", "back_title"]
MAX_FILE_BYTES = 20 * 1024 * 1024
YES = {"ya", "y", "yes", "true", "1", "benar"}
NO = {"tidak", "t", "no", "n", "false", "0", "bukan", ""}
CHUNK = 2000
# The choices as plain sets: looking them up on the enum for every row is slow.
STATUS_VALUES = frozenset(EmployeeStatus.values)
POSITION_KIND_VALUES = frozenset(PositionKind.values)
# Unit kind guessed from the first word of the name when the file has no `kind` column.
KIND_BY_PREFIX = [
    ("sub bagian", "subbagian"),
    ("subbagian", "subbagian"),
    ("sekretariat", "sekretariat"),
    ("inspektorat", "inspektorat"),
    ("badan", "badan"),
    ("dinas", "dinas"),
    ("bagian", "bagian"),
    ("bidang", "bidang"),
    ("seksi", "seksi"),
    ("upt", "upt"),
    ("unit pelaksana teknis", "upt"),
    ("pemerintah", "pemerintah"),
]


@dataclass
class ImportResult:
    """What an import did: counts of rows and the rows it could not take."""

    kind: str
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[dict[str, Any]] = field(default_factory=list)

    @property
    def skipped(self) -> int:
        return len({error["row"] for error in self.errors})

    def as_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "rows": self.rows,
            "created": self.created,
            "updated": self.updated,
            "unchanged": self.unchanged,
            "skipped": self.skipped,
            "errors": self.errors,
        }


class ImportRefused(InputError):
    """The file or some of its rows are not acceptable; nothing was written."""


def _error(row: int, column: str, message: str) -> dict[str, Any]:
    return {"row": row, "column": column, "message": str(message)}


def _refuse(errors: list[dict[str, Any]]) -> ImportRefused:
    """The refusal of a whole file: row 0 means the file itself (empty, binary, unreadable)."""
    if all(error["row"] == 0 for error in errors):
        message = _("The file was not imported: %(reason)s Nothing was changed.") % {
            "reason": errors[0]["message"]
        }
        return ImportRefused("file", message, details=errors)
    rows = len({error["row"] for error in errors})
    message = _("The file was not imported: %(count)d row(s) have errors. Nothing was changed.") % {
        "count": rows
    }
    return ImportRefused("file", message, details=errors)


# --- reading the file -------------------------------------------------------------------------


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


# A registry import's sheet: rows and columns read at most (tegak.core.spreadsheets).
XLSX_MAX_ROWS = 200_000
XLSX_MAX_COLUMNS = 64


def _read_xlsx(data: bytes) -> list[list[str]]:
    try:
        rows = first_sheet_rows(data, max_rows=XLSX_MAX_ROWS, max_columns=XLSX_MAX_COLUMNS)
    except SheetRefused as error:
        raise _refuse([_error(0, "file", str(error))]) from None
    return [[_cell(value) for value in row] for row in rows]


def _read_csv(data: bytes) -> list[list[str]]:
    if b"\x00" in data[:8192]:
        raise _refuse(
            [_error(0, "file", _("The file is binary, not a CSV text file or an XLSX workbook."))]
        )
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise _refuse(
            [
                _error(
                    line,
                    "file",
                    _("The file is not UTF-8 text (save it as “CSV UTF-8” from the spreadsheet)."),
                )
            ]
        ) from None
    first_line = text.split("\n", 1)[0]
    delimiter = max([",", ";", "\t"], key=first_line.count)
    return [
        [value.strip() for value in row]
        for row in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    ]


def read_table(data: bytes) -> list[list[str]]:
    """The rows of a CSV or XLSX file as strings; the type comes from the content, not the name."""
    if not data or not data.strip():
        raise _refuse([_error(0, "file", _("The file is empty."))])
    if len(data) > MAX_FILE_BYTES:
        raise _refuse([_error(0, "file", _("The file is larger than 20 MB."))])
    if data.startswith(b"PK\x03\x04"):
        return _read_xlsx(data)
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise _refuse(
            [_error(0, "file", _("Old .xls workbooks are not supported: save as XLSX or CSV."))]
        )
    kind = filetype.guess(data[:8192])
    if kind is not None:
        raise _refuse(
            [
                _error(
                    0,
                    "file",
                    _("The file is a %(type)s, not a CSV or XLSX spreadsheet.")
                    % {"type": kind.mime},
                )
            ]
        )
    return _read_csv(data)


def _records(
    table: list[list[str]], required: list[str], optional: list[str]
) -> tuple[list[str], list[tuple[int, dict[str, str]]]]:
    """Header names (lower case) and each non-empty row as a dict, with its row number."""
    header_index = next((i for i, row in enumerate(table) if any(row)), None)
    if header_index is None:
        raise _refuse([_error(0, "file", _("The file is empty."))])
    header = [name.strip().lstrip("\ufeff").lower() for name in table[header_index]]
    errors = []
    seen: set[str] = set()
    for name in header:
        if name and name in seen:
            errors.append(_error(header_index + 1, name, _("The column appears more than once.")))
        seen.add(name)
    for name in required:
        if name not in seen:
            errors.append(
                _error(
                    header_index + 1,
                    name,
                    _("The required column “%(column)s” is missing from the header row.")
                    % {"column": name},
                )
            )
    if errors:
        raise _refuse(errors)
    wanted = [(i, name) for i, name in enumerate(header) if name in required or name in optional]
    records = []
    for number, row in enumerate(table[header_index + 1 :], start=header_index + 2):
        if not any(value for value in row):
            continue
        records.append((number, {name: row[i] if i < len(row) else "" for i, name in wanted}))
    if not records:
        raise _refuse([_error(header_index + 2, "file", _("The file has no data rows."))])
    return [name for _i, name in wanted], records


def _yes_no(value: str) -> bool | None:
    value = value.strip().lower()
    if value in YES:
        return True
    if value in NO:
        return False
    return None


def _parse_date(value: str) -> date | None:
    value = value.strip()
    for parse in (
        date.fromisoformat,
        lambda text: datetime.strptime(text, "%d/%m/%Y").date(),
        lambda text: datetime.strptime(text, "%d-%m-%Y").date(),
    ):
        try:
            return parse(value)
        except ValueError:
            continue
    return None


def _check_actor(actor: Any, instansi: Instansi) -> None:
    if not can_administer(actor, instansi):
        raise PermissionDenied


def _chunks(items: list[Any]) -> Iterable[list[Any]]:
    for start in range(0, len(items), CHUNK):
        yield items[start : start + CHUNK]


def _audit_counts(result: ImportResult) -> dict[str, int]:
    return {
        "rows": result.rows,
        "created": result.created,
        "updated": result.updated,
        "unchanged": result.unchanged,
        "skipped": result.skipped,
    }


def resolve_instansi(code: str | None) -> Instansi:
    """The instansi named by `--instansi`, or the only one when there is just one."""
    if code:
        try:
            return Instansi.objects.get(code=code)
        except Instansi.DoesNotExist:
            raise InputError(
                "instansi", _("No instansi has the code %(code)s.") % {"code": code}
            ) from None
    instansi = list(Instansi.objects.all()[:2])
    if len(instansi) == 1:
        return instansi[0]
    if not instansi:
        raise InputError("instansi", _("No instansi is registered yet."))
    raise InputError(
        "instansi", _("There are several instansi: say which one with --instansi CODE.")
    )
