"""The check-in and leave import, column by column (called by `services.attendance_import`).

Each step takes frames and returns frames plus the issues it found; nothing here writes to the
database except `store_days` and `store_leave`, which the service calls inside its transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from tegak.attendance import parsing
from tegak.attendance.models import DailyCheckIn, DeviceUser, LeaveRecord
from tegak.attendance.parsing import Issue
from tegak.people.models import Employee, Instansi


@dataclass
class ImportSummary:
    """What an import did, line by line where it matters."""

    format: str = ""
    time_zone: str = ""
    zoneinfo_name: str = ""
    rows_read: int = 0
    checkins_kept: int = 0
    duplicates: int = 0
    naive_read_in_zone: int = 0
    days_new: int = 0
    days_updated: int = 0
    days_unchanged: int = 0
    skipped: list[Issue] = field(default_factory=list)
    notes: list[Issue] = field(default_factory=list)
    leave_rows_read: int = 0
    leave_kept: int = 0
    leave_duplicates: int = 0
    leave_skipped: list[Issue] = field(default_factory=list)
    years: set[int] = field(default_factory=set)
    alerts_created: int = 0

    def as_counts(self) -> dict[str, Any]:
        """Numbers only (for the audit event: nothing identifying)."""
        return {
            "format": self.format,
            "rows_read": self.rows_read,
            "checkins_kept": self.checkins_kept,
            "duplicates": self.duplicates,
            "naive_read_in_zone": self.naive_read_in_zone,
            "days_new": self.days_new,
            "days_updated": self.days_updated,
            "skipped": len(self.skipped),
            "leave_rows_read": self.leave_rows_read,
            "leave_kept": self.leave_kept,
            "leave_skipped": len(self.leave_skipped),
            "years": sorted(self.years),
            "alerts_created": self.alerts_created,
        }


def _issues(frame: pl.DataFrame, code: str, **detail_columns: str) -> list[Issue]:
    rows = frame.select("line", *detail_columns.values()).iter_rows()
    names = list(detail_columns)
    return [
        Issue(
            int(row[0]),
            code,
            {name: _plain(value) for name, value in zip(names, row[1:], strict=True)},
        )
        for row in rows
    ]


def _plain(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, date):
        return value.isoformat()
    return value


def employees_frame(instansi: Instansi) -> pl.DataFrame:
    """`employee_id, nip` of the instansi's employees."""
    rows = list(Employee.objects.filter(instansi=instansi).values_list("id", "nip"))
    return pl.DataFrame(rows, schema={"employee_id": pl.Int64, "nip": pl.Utf8}, orient="row")


def map_device_users(instansi: Instansi, raw: pl.DataFrame, summary: ImportSummary) -> pl.DataFrame:
    """Replace machine user ids by NIPs; unknown ids are reported with their lines."""
    mapping = pl.DataFrame(
        list(
            DeviceUser.objects.filter(instansi=instansi).values_list(
                "device_user_id", "employee__nip"
            )
        ),
        schema={"device_user_id": pl.Utf8, "mapped_nip": pl.Utf8},
        orient="row",
    )
    joined = raw.join(mapping, left_on="nip", right_on="device_user_id", how="left")
    unknown = joined.filter(pl.col("nip").is_not_null() & pl.col("mapped_nip").is_null())
    summary.skipped += _issues(unknown, "unknown_device_user", device_user_id="nip")
    return (
        joined.filter(pl.col("mapped_nip").is_not_null() | pl.col("nip").is_null())
        .with_columns(nip=pl.col("mapped_nip"))
        .drop("mapped_nip")
    )


# PP 53/2010 came into force on 6 June 2010 (its Pasal 51); the earliest discipline rule Tegak has.
EARLIEST_DAY = date(2010, 6, 6)


def validate_checkins(
    raw: pl.DataFrame,
    employees: pl.DataFrame,
    *,
    zone: str,
    today: date,
    summary: ImportSummary,
) -> pl.DataFrame:
    """Resolve times and NIPs; report every row that cannot be kept, and drop duplicates."""
    resolved = parsing.resolve_timestamps(raw, zone).join(
        employees, on="nip", how="left", maintain_order="left"
    )
    missing_nip = pl.col("nip").is_null() | (pl.col("nip") == "")
    missing_time = pl.col("timestamp").is_null() | (pl.col("timestamp") == "")
    bad_time = pl.col("local").is_null()
    future = pl.col("local").dt.date() > pl.lit(today)
    # A machine whose clock was reset writes 2000-01-01 or 1970; no regulation Tegak knows counts
    # a day before PP 53/2010 came into force, so such a time is a wrong clock, not an absence.
    too_early = pl.col("local").dt.date() < pl.lit(EARLIEST_DAY)
    unknown = pl.col("employee_id").is_null()
    checks: list[tuple[pl.Expr, str, dict[str, str]]] = [
        (missing_nip, "missing_nip", {}),
        (missing_time, "missing_timestamp", {}),
        (bad_time, "bad_timestamp", {"value": "timestamp"}),
        (future, "future_timestamp", {"value": "timestamp"}),
        (too_early, "early_timestamp", {"value": "timestamp"}),
        (unknown, "unknown_nip", {"nip": "nip"}),
    ]
    rejected = pl.lit(False)
    for expression, code, detail in checks:
        condition = expression.fill_null(False)
        hit = resolved.filter(~rejected & condition)
        summary.skipped += _issues(hit, code, **detail)
        rejected = rejected | condition
    kept = resolved.filter(~rejected)
    deduplicated = kept.unique(subset=["employee_id", "local"], keep="first", maintain_order=True)
    summary.duplicates += kept.height - deduplicated.height
    summary.naive_read_in_zone += int(deduplicated["naive"].sum())
    summary.notes += _issues(
        deduplicated.filter(pl.col("foreign_offset").is_not_null()),
        "foreign_offset",
        offset="foreign_offset",
        local="local",
    )
    summary.checkins_kept += deduplicated.height
    summary.skipped.sort(key=lambda issue: issue.line)
    return deduplicated


def note_non_working_days(
    checkins: pl.DataFrame, calendar: pl.DataFrame, summary: ImportSummary
) -> None:
    """Check-ins on a day the schedule has no hours for are kept (the timeline shows them) but
    not counted; say so, one note per line."""
    on_days = checkins.with_columns(day=pl.col("local").dt.date()).join(
        calendar.select("day", "kind", "day_name"), on="day", how="left"
    )
    off = on_days.filter(pl.col("kind").is_null() | (pl.col("kind") != "working"))
    summary.notes += _issues(off, "not_working_day", day="day", kind="kind", name="day_name")
    summary.notes.sort(key=lambda issue: issue.line)


def days_from_checkins(checkins: pl.DataFrame, zone: str) -> pl.DataFrame:
    """Per employee and local day: first and last moment (aware, in `zone`) and their devices."""
    return (
        checkins.lazy()
        .with_columns(day=pl.col("local").dt.date(), device=pl.col("device").fill_null(""))
        .group_by("employee_id", "day")
        .agg(
            first_at=pl.col("local").min(),
            last_at=pl.col("local").max(),
            first_device=pl.col("device").sort_by("local").first(),
            last_device=pl.col("device").sort_by("local").last(),
        )
        .with_columns(
            first_at=pl.col("first_at").dt.replace_time_zone(zone),
            last_at=pl.col("last_at").dt.replace_time_zone(zone),
        )
        .collect()
    )


def store_days(instansi: Instansi, days: pl.DataFrame, summary: ImportSummary) -> None:
    """Merge the days into the stored ones: the earliest first and the latest last win, so
    importing the same or overlapping data again changes nothing."""
    if days.height == 0:
        return
    first_day, last_day = days["day"].min(), days["day"].max()
    # By instansi and period, not by an IN list of employees (SQLite limits query parameters).
    existing = {
        (row.employee_id, row.day): row
        for row in DailyCheckIn.objects.filter(
            employee__instansi=instansi, day__gte=first_day, day__lte=last_day
        )
    }
    new: list[DailyCheckIn] = []
    changed: list[DailyCheckIn] = []
    for employee_id, day, first_at, last_at, first_device, last_device in days.iter_rows():
        stored = existing.get((employee_id, day))
        if stored is None:
            new.append(
                DailyCheckIn(
                    employee_id=employee_id,
                    day=day,
                    first_at=first_at,
                    last_at=last_at,
                    first_device=first_device[:60],
                    last_device=last_device[:60],
                )
            )
            continue
        updated = False
        if first_at < stored.first_at:
            stored.first_at, stored.first_device, updated = first_at, first_device[:60], True
        if last_at > stored.last_at:
            stored.last_at, stored.last_device, updated = last_at, last_device[:60], True
        if updated:
            changed.append(stored)
        else:
            summary.days_unchanged += 1
    DailyCheckIn.objects.bulk_create(new, batch_size=2000)
    DailyCheckIn.objects.bulk_update(
        changed, ["first_at", "last_at", "first_device", "last_device"], batch_size=2000
    )
    summary.days_new += len(new)
    summary.days_updated += len(changed)
    summary.years |= {day.year for day in days["day"].unique().to_list()}


def validate_leave(
    instansi: Instansi, raw: pl.DataFrame, employees: pl.DataFrame, summary: ImportSummary
) -> list[LeaveRecord]:
    """Check each leave row; overlapping periods of one employee are reported and the later row
    is skipped (an exact repeat of a stored record is a duplicate, silently ignored)."""
    frame = parsing.parse_leave_dates(raw).join(employees, on="nip", how="left")
    summary.leave_rows_read += frame.height
    known_kinds = set(parsing.LEAVE_KINDS)
    records: list[LeaveRecord] = []
    accepted: dict[int, list[tuple[date, date, str, int | None]]] = {}
    for stored in LeaveRecord.objects.filter(employee__instansi=instansi):
        accepted.setdefault(stored.employee_id, []).append(
            (stored.start, stored.end, stored.kind, None)
        )
    for row in frame.iter_rows(named=True):
        issue = _leave_row_issue(row, known_kinds)
        if issue is not None:
            summary.leave_skipped.append(issue)
            continue
        employee_id, start, end, kind = (
            row["employee_id"],
            row["start_day"],
            row["end_day"],
            row["kind"],
        )
        periods = accepted.setdefault(employee_id, [])
        if (start, end, kind) in {(s, e, k) for s, e, k, _ in periods}:
            summary.leave_duplicates += 1
            continue
        clash = next(((s, e, k, n) for s, e, k, n in periods if s <= end and start <= e), None)
        if clash is not None:
            summary.leave_skipped.append(
                Issue(
                    row["line"],
                    "overlapping_leave",
                    {
                        "start": start.isoformat(),
                        "end": end.isoformat(),
                        "other_start": clash[0].isoformat(),
                        "other_end": clash[1].isoformat(),
                        "other_kind": clash[2],
                        "other_line": clash[3],
                    },
                )
            )
            continue
        periods.append((start, end, kind, row["line"]))
        records.append(
            LeaveRecord(
                employee_id=employee_id,
                start=start,
                end=end,
                kind=kind,
                reference=(row.get("reference") or "")[:120],
            )
        )
    summary.leave_kept += len(records)
    return records


def _leave_row_issue(row: dict[str, Any], known_kinds: set[str]) -> Issue | None:
    line = int(row["line"])
    if not row["nip"]:
        return Issue(line, "missing_nip")
    if row["employee_id"] is None:
        return Issue(line, "unknown_nip", {"nip": row["nip"]})
    if row["start_day"] is None:
        return Issue(line, "bad_date", {"column": "start", "value": row["start"]})
    if row["end_day"] is None:
        return Issue(line, "bad_date", {"column": "end", "value": row["end"]})
    if row["end_day"] < row["start_day"]:
        return Issue(line, "end_before_start", {"start": row["start"], "end": row["end"]})
    if row["kind"] not in known_kinds:
        return Issue(line, "unknown_leave_kind", {"value": row["kind"]})
    return None
