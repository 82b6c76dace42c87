"""Every read of attendance: calendars, daily statuses, yearly counts, the report, alerts, views.

Statuses and counts are computed on demand by the Polars pipeline from the stored days, leave and
flexible-work grants, so a corrected calendar or a late leave letter changes them at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import polars as pl
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.dates import WEEKDAYS_ABBR
from django.utils.translation import gettext as _

from tegak.attendance import access, pipeline, roll_calls
from tegak.attendance.messages import day_kind_label
from tegak.attendance.models import (
    AttendanceAlert,
    DailyCheckIn,
    FlexibleWorkGrant,
    FlexibleWorkKind,
    LeaveKind,
    LeaveRecord,
)
from tegak.attendance.registry import unit_of
from tegak.core.access import Role
from tegak.core.errors import InputError
from tegak.law import inputs, labels, stored
from tegak.people.models import Employee, Instansi, OrgUnit, PositionAssignment

OVERRIDE_KINDS = {
    "regional_holiday": "holiday",
    "office_closed": "holiday",
    "cuti_bersama": "cuti_bersama",
    "working_day_correction": "working",
}
FLEXIBLE_EFFECTS = {
    FlexibleWorkKind.LOCATION: (True, False),
    FlexibleWorkKind.TIME: (False, True),
    FlexibleWorkKind.LOCATION_AND_TIME: (True, True),
}


def rules_registry(instansi: Instansi, schedule_id: str | None = None, *, base: Any = None) -> Any:
    """The rules' calendars and schedules for the instansi: the built-in ones and those it stores
    (an imported pack's, e.g. Perwal Kota Bekasi 06/2017), every calendar with the instansi's
    own days laid over it (`tegak.law.stored.instansi_registry`). `base`: the instansi's registry
    when the caller already has it. (`schedule_id` is accepted for the callers that name one.)"""
    del schedule_id
    return base or stored.instansi_registry(instansi)


def instansi_calendar(
    instansi: Instansi,
    start: date,
    end: date,
    *,
    schedule_id: str | None = None,
    base: Any = None,
) -> pl.DataFrame:
    """The calendar frame (kind of each day, hours of working days) of the instansi's default
    schedule, or of `schedule_id` (a unit's own schedule)."""
    schedule_id = schedule_id or instansi.schedule_id
    overrides = [
        pipeline.CalendarOverride(day.day, OVERRIDE_KINDS[day.kind], day.name)
        for day in stored.stored_days(instansi)
        if start <= day.day <= end
    ]
    from tegak.rules import RulesInputError

    try:
        return pipeline.calendar_frame(
            schedule_id,
            start,
            end,
            overrides=overrides,
            registry=rules_registry(instansi, schedule_id, base=base),
        )
    except (KeyError, RulesInputError) as error:
        raise InputError(
            "schedule",
            _("the working-time schedule %(schedule)s is not known to the rules")
            % {"schedule": schedule_id},
        ) from error


def schedule_calendar(
    instansi: Instansi,
    segments: tuple[tuple[date, str], ...],
    end: date,
    *,
    base: Any = None,
) -> pl.DataFrame:
    """One calendar frame from `segments` (`(from_day, schedule code)`, in order) to `end`:
    each stretch of days with the hours of the schedule followed then."""
    frames = []
    for index, (first, code) in enumerate(segments):
        last = segments[index + 1][0] - timedelta(days=1) if index + 1 < len(segments) else end
        frames.append(instansi_calendar(instansi, first, last, schedule_id=code, base=base))
    return pl.concat(frames) if len(frames) > 1 else frames[0]


def counting_window(
    instansi: Instansi, year: int, *, today: date | None = None
) -> tuple[date, date] | None:
    """The days of the year that are counted: from the first to the last day the instansi has any
    check-in data for (no data is not absence), ending yesterday at the latest (today is not over:
    who has not come or left yet is not absent or early)."""
    today = today or timezone.localdate()
    days = DailyCheckIn.objects.filter(
        employee__instansi=instansi, day__year=year, day__lt=today
    ).values_list("day", flat=True)
    first = days.order_by("day").first()
    last = days.order_by("-day").first()
    if first is None or last is None:
        return None
    return first, last


def _employees(instansi: Instansi, employees: list[Employee] | None) -> pl.DataFrame:
    # Counted: active employees (someone who left has no working days to miss).
    queryset = Employee.objects.filter(instansi=instansi, active=True)
    if employees is not None:
        queryset = queryset.filter(pk__in=[employee.pk for employee in employees])
    return pl.DataFrame(
        list(queryset.values_list("id", "nip")),
        schema={"employee_id": pl.Int64, "nip": pl.Utf8},
        orient="row",
    )


def _daily(instansi: Instansi, start: date, end: date, ids: list[int]) -> pl.DataFrame:
    zone = timezone.get_fixed_timezone(0)
    # Filtered by instansi in SQL and by employee here: an IN list of every employee of a large
    # instansi would pass SQLite's limit on query parameters.
    wanted = set(ids)
    rows = DailyCheckIn.objects.filter(
        employee__instansi=instansi, day__gte=start, day__lte=end
    ).values_list("employee_id", "day", "first_at", "last_at")
    frame = pl.DataFrame(
        [
            (e, d, f.astimezone(zone), last.astimezone(zone))
            for e, d, f, last in rows
            if e in wanted
        ],
        schema={
            "employee_id": pl.Int64,
            "day": pl.Date,
            "first_at": pl.Datetime("us", "UTC"),
            "last_at": pl.Datetime("us", "UTC"),
        },
        orient="row",
    )
    local_zone = instansi.zoneinfo_name

    def second(name: str) -> pl.Expr:
        local = pl.col(name).dt.convert_time_zone(local_zone)
        return (
            local.dt.hour().cast(pl.Int32) * 3600
            + local.dt.minute().cast(pl.Int32) * 60
            + local.dt.second().cast(pl.Int32)
        )

    return frame.select(
        "employee_id", "day", first_second=second("first_at"), last_second=second("last_at")
    )


def _excuse_periods(instansi: Instansi, start: date, end: date, ids: list[int]) -> pl.DataFrame:
    wanted = set(ids)
    rows: list[tuple[Any, ...]] = [
        (employee_id, max(first, start), min(last, end), kind, True, True, [])
        for employee_id, first, last, kind in LeaveRecord.objects.filter(
            employee__instansi=instansi, start__lte=end, end__gte=start
        ).values_list("employee_id", "start", "end", "kind")
        if employee_id in wanted
    ]
    for grant in FlexibleWorkGrant.objects.filter(
        instansi=instansi, start__lte=end, end__gte=start
    ):
        excuses, waives = FLEXIBLE_EFFECTS[FlexibleWorkKind(grant.kind)]
        first, last = max(grant.start, start), min(grant.end, end)
        if grant.employee_id is not None:
            covered = [grant.employee_id] if grant.employee_id in wanted else []
        else:
            covered = [
                employee_id
                for employee_id in PositionAssignment.objects.filter(
                    Q(end__isnull=True) | Q(end__gte=first),
                    position__unit_id=grant.unit_id,
                    start__lte=last,
                ).values_list("employee_id", flat=True)
                if employee_id in wanted
            ]
        weekdays = sorted(grant.weekday_numbers)
        rows += [
            (employee_id, first, last, "flexible_work", excuses, waives, weekdays)
            for employee_id in set(covered)
        ]
    return pl.DataFrame(
        rows,
        schema={
            "employee_id": pl.Int64,
            "start": pl.Date,
            "end": pl.Date,
            "reason": pl.Utf8,
            "excuses_absence": pl.Boolean,
            "waives_minutes": pl.Boolean,
            "weekdays": pl.List(pl.Int8),
        },
        orient="row",
    )


@dataclass(frozen=True)
class PipelineGroup:
    """Employees who follow the same schedules over the period, with their calendar frame."""

    employees: pl.DataFrame  # employee_id, nip
    calendar: pl.DataFrame


@dataclass(frozen=True)
class PipelineInputs:
    """What the pipeline reads for an instansi and a period, as frames: the employees grouped
    by the schedules their units follow (5-day and 6-day units side by side), each group with
    its own calendar, and the stored days and lawful reasons of everyone."""

    employees: pl.DataFrame  # employee_id, nip
    groups: list[PipelineGroup]
    daily: pl.DataFrame
    excuses: pl.LazyFrame


def pipeline_inputs(
    instansi: Instansi, start: date, end: date, *, employees: list[Employee] | None = None
) -> PipelineInputs:
    """Employees, their calendars, stored days and lawful reasons of the period."""
    people = _employees(instansi, employees)
    ids = people["employee_id"].to_list()
    segments = stored.schedule_segments(instansi, ids, start, end)
    members: dict[tuple[tuple[date, str], ...], list[int]] = {}
    for employee_id in ids:
        members.setdefault(segments[employee_id], []).append(employee_id)
    if not members:
        members[((start, instansi.schedule_id),)] = []
    base = stored.instansi_registry(instansi)
    groups = [
        PipelineGroup(
            employees=people.filter(pl.col("employee_id").is_in(group)),
            calendar=schedule_calendar(instansi, signature, end, base=base),
        )
        for signature, group in members.items()
    ]
    return PipelineInputs(
        employees=people,
        groups=groups,
        daily=_daily(instansi, start, end, ids),
        excuses=pipeline.excuses_from_periods(_excuse_periods(instansi, start, end, ids).lazy()),
    )


def _of_group(inputs: PipelineInputs, group: PipelineGroup, frame: pl.LazyFrame) -> pl.LazyFrame:
    """The rows of the group's employees (all rows when everyone follows the same schedules)."""
    if len(inputs.groups) == 1:
        return frame
    return frame.filter(pl.col("employee_id").is_in(group.employees["employee_id"].to_list()))


def statuses(
    instansi: Instansi,
    start: date,
    end: date,
    *,
    employees: list[Employee] | None = None,
) -> pl.DataFrame:
    """The status of every employee (or the given ones) on every day from start to end, each
    day read with the hours of the schedule the employee's unit follows."""
    inputs = pipeline_inputs(instansi, start, end, employees=employees)
    frame = (
        pl.concat(
            [
                pipeline.daily_status(
                    group.employees.lazy(),
                    group.calendar.lazy(),
                    _of_group(inputs, group, inputs.daily.lazy()),
                    _of_group(inputs, group, inputs.excuses),
                )
                for group in inputs.groups
            ]
        )
        .sort("employee_id", "day")
        .collect()
    )
    return _outside_windows(instansi, frame)


def _outside_windows(instansi: Instansi, frame: pl.DataFrame) -> pl.DataFrame:
    """Working days outside the counting window of their year (no data yet, or the future) are
    `outside`: shown, never counted as absence."""
    if frame.height == 0:
        return frame
    inside = pl.lit(False)
    for year in range(frame["day"].min().year, frame["day"].max().year + 1):  # type: ignore[union-attr]
        window = counting_window(instansi, year)
        if window is not None:
            inside = inside | pl.col("day").is_between(window[0], window[1])
    outside = ~inside & ~pl.col("status").is_in(pipeline.NO_WORK_STATUSES)
    return frame.with_columns(
        status=pl.when(outside).then(pl.lit("outside")).otherwise(pl.col("status")),
        late_minutes=pl.when(outside).then(0).otherwise(pl.col("late_minutes")),
        early_leave_minutes=pl.when(outside).then(0).otherwise(pl.col("early_leave_minutes")),
    )


def sanction_label(code: str | None, finding: dict[str, Any] | None = None) -> str:
    """The name of a sanction code in the active language (`tegak.law.labels`)."""
    return labels.label("sanction", code, finding=finding)


@dataclass(frozen=True)
class YearCounts:
    """The counts of one year for an instansi, with the window they cover."""

    year: int
    window: tuple[date, date] | None
    frame: pl.DataFrame  # employee_id, nip, the AbsenceCount fields


def yearly_counts(
    instansi: Instansi,
    year: int,
    *,
    employees: list[Employee] | None = None,
    today: date | None = None,
) -> YearCounts:
    """Per employee, the year's counts (the window is `counting_window`). The longest run of
    unexcused days is counted whole when it crosses 1 January into the year before or after
    (docs/legal-questions.md, reading 9: Pasal 15(1) limits only the cumulative count)."""
    window = counting_window(instansi, year, today=today)
    if window is None:
        return YearCounts(year, None, pl.DataFrame())
    counts = _window_counts(instansi, window, employees)
    counts = _runs_across_new_year(instansi, year, window, counts, today=today)
    return YearCounts(year, window, counts.drop("leading_unexcused", "trailing_unexcused"))


def _runs_across_new_year(
    instansi: Instansi,
    year: int,
    window: tuple[date, date],
    counts: pl.DataFrame,
    *,
    today: date | None,
) -> pl.DataFrame:
    """`counts` with each longest run made at least as long as the run that goes on from the
    first working days of the window back into the year before, or from its last ones into the
    year after. A run goes on only when no working day lies between the two years' windows (a
    day without anyone's data is not absence, so it breaks the run)."""
    if counts.height == 0:
        return counts
    across: dict[int, int] = {}
    for neighbour, own, theirs in (
        (year - 1, "leading_unexcused", "trailing_unexcused"),
        (year + 1, "trailing_unexcused", "leading_unexcused"),
    ):
        touching = dict(counts.filter(pl.col(own) > 0).select("employee_id", own).iter_rows())
        other = counting_window(instansi, neighbour, today=today) if touching else None
        if other is None:
            continue
        people = list(Employee.objects.filter(pk__in=list(touching)))
        gap = (other[1], window[0]) if neighbour < year else (window[1], other[0])
        blocked: set[int] = set()
        if gap[1] - gap[0] > timedelta(days=1):
            between = statuses(
                instansi, gap[0] + timedelta(days=1), gap[1] - timedelta(days=1), employees=people
            )
            blocked = set(
                between.filter(~pl.col("status").is_in(pipeline.NO_WORK_STATUSES))["employee_id"]
            )
        for employee_id, length in (
            _window_counts(instansi, other, people).select("employee_id", theirs).iter_rows()
        ):
            if length > 0 and employee_id not in blocked:
                run = touching[employee_id] + length
                across[employee_id] = max(across.get(employee_id, 0), run)
    if not across:
        return counts
    longer = pl.DataFrame(
        list(across.items()), schema={"employee_id": pl.Int64, "across": pl.Int64}, orient="row"
    )
    return (
        counts.join(longer, on="employee_id", how="left")
        .with_columns(
            longest_consecutive_unexcused=pl.max_horizontal(
                "longest_consecutive_unexcused", pl.col("across").fill_null(0)
            )
        )
        .drop("across")
    )


def _window_counts(
    instansi: Instansi, window: tuple[date, date], employees: list[Employee] | None
) -> pl.DataFrame:
    inputs = pipeline_inputs(instansi, window[0], window[1], employees=employees)
    return (
        pl.concat(
            [
                pipeline.yearly_counts(
                    group.employees.lazy(),
                    group.calendar,
                    _of_group(inputs, group, inputs.daily.lazy()),
                    _of_group(inputs, group, inputs.excuses),
                    minutes_per_day=instansi.minutes_per_absence_day,
                )
                for group in inputs.groups
            ]
        )
        .join(inputs.employees.lazy(), on="employee_id")
        .sort("nip")
        .collect()
    )


COUNT_FIELDS = (
    "unexcused_days",
    "late_minutes",
    "early_leave_minutes",
    "lateness_days",
    "counted_days",
    "longest_consecutive_unexcused",
)


def finding_for(
    employee: Employee, counts: dict[str, Any], *, year: int, committed_on: date, as_of: date
) -> dict[str, Any]:
    """What the rules engine says for these counts (PP 94/2021 Pasal 4 huruf f), through the one
    door to the law (`tegak.law.inputs`), exactly as a case opened on them will say."""
    offence = inputs.Offence(
        provision=inputs.ATTENDANCE_PROVISION,
        committed_on=committed_on,
        absence=inputs.AttendanceCounts.from_counts(year, counts),
    )
    try:
        door = inputs.assessment_input(employee, as_of=as_of, offences=[offence])
        return inputs.assess_input(door, today=as_of)
    except InputError as error:
        # Missing registry facts (no post held that day, for instance): a person must decide.
        return {
            "level": None,
            "sanction": None,
            "basis": [],
            "human_review": [f"{error.field}: {error.message}"],
        }


def report(
    instansi: Instansi, year: int, *, as_of: date | None = None, today: date | None = None
) -> list[dict[str, Any]]:
    """The contract's report: one object per employee with anything counted, with its finding."""
    as_of = as_of or timezone.localdate()
    result = yearly_counts(instansi, year, today=today)
    if result.window is None:
        return []
    missed = roll_calls.missed_roll_calls(instansi, year)
    rows = result.frame.filter(
        (pl.col("unexcused_days") > 0)
        | (pl.col("late_minutes") > 0)
        | (pl.col("early_leave_minutes") > 0)
        | pl.col("employee_id").is_in(list(missed or {}))
    )
    employees = Employee.objects.select_related("instansi").in_bulk(rows["employee_id"].to_list())
    output: list[dict[str, Any]] = []
    for row in rows.iter_rows(named=True):
        counts: dict[str, Any] = {name: int(row[name]) for name in COUNT_FIELDS}
        if missed is not None:
            # Missed morning roll calls: only where the instansi records roll calls that year.
            counts["missed_roll_calls"] = missed.get(row["employee_id"], 0)
        finding = finding_for(
            employees[row["employee_id"]],
            counts,
            year=year,
            committed_on=result.window[1],
            as_of=as_of,
        )
        output.append({"nip": row["nip"], "year": year, **counts, "finding": finding})
    return output


# --- Pages -------------------------------------------------------------------------------------


def roll_call_bands(alert: AttendanceAlert) -> list[dict[str, Any]]:
    """The roll-call thresholds of the rule version the alert's finding used."""
    return stored.roll_call_bands(
        alert.employee.instansi, alert.finding.get("instansi_rule_version")
    )


def roll_call_rules(instansi: Instansi) -> list[list[dict[str, Any]]]:
    """The roll-call thresholds of each of the instansi's stored rules that counts roll calls."""
    found = (
        stored.roll_call_bands(instansi, version.version_label)
        for version in stored.live_rule_versions(instansi)
    )
    return [bands for bands in found if bands]


def alerts_for(user: Any, *, open_only: bool = False) -> QuerySet[AttendanceAlert]:
    """Alerts the user must act on (as the superior) or may oversee: every alert of an instansi
    they administer or are an authorised official of with no linked employee (the PPK); as a
    linked authorised official, the alerts of the employees in their reach today (ADR 0180)."""
    rows = list(user.roles.values_list("role", "instansi_id"))
    overseen = {instansi for role, instansi in rows if role == Role.ADMINISTRATOR}
    chain = access.linked_official_ids(user) - overseen
    overseen |= {
        instansi
        for role, instansi in rows
        if role == Role.AUTHORISED_OFFICIAL and instansi not in chain
    }
    condition = Q(employee__instansi_id__in=list(overseen))
    employee = getattr(user, "employee", None)
    if employee is not None:
        condition |= Q(superior=employee)
    if chain and employee is not None:
        reach = access.in_reach(employee, timezone.localdate(), prefix="employee__")
        condition |= Q(employee__instansi_id__in=list(chain)) & reach
    if user.is_superuser:
        condition = Q()
    queryset = AttendanceAlert.objects.filter(condition).select_related(
        "employee__instansi", "superior"
    )
    if open_only:
        queryset = queryset.filter(opened_case_reference="")
    return queryset.order_by("-created")


def month_calendar(employee: Employee, year: int, month: int) -> dict[str, Any]:
    """An employee's month: weeks of days, each with its status, minutes and check-in times."""
    first = date(year, month, 1)
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    frame = statuses(employee.instansi, first, last, employees=[employee])
    known = {
        row.day: row
        for row in DailyCheckIn.objects.filter(employee=employee, day__gte=first, day__lte=last)
    }
    local_zone = _zone(employee.instansi)
    days: list[dict[str, Any]] = []
    for row in frame.iter_rows(named=True):
        checkin = known.get(row["day"])
        days.append(
            {
                **row,
                "status_label": day_kind_label(row["status"]),
                "reason_label": reason_label(row["reason"]),
                "first_at": checkin.first_at.astimezone(local_zone) if checkin else None,
                "last_at": checkin.last_at.astimezone(local_zone) if checkin else None,
            }
        )
    weeks: list[list[dict[str, Any] | None]] = []
    week: list[dict[str, Any] | None] = [None] * first.weekday()
    for day in days:
        week.append(day)
        if len(week) == 7:
            weeks.append(week)
            week = []
    if week:
        weeks.append(week + [None] * (7 - len(week)))
    totals = {
        status: sum(1 for day in days if day["status"] == status)
        for status in ("present", "absent_unexcused", "absent_excused")
    }
    totals["late_minutes"] = sum(day["late_minutes"] for day in days)
    totals["early_leave_minutes"] = sum(day["early_leave_minutes"] for day in days)
    return {
        "weeks": weeks,
        "days": days,
        "totals": totals,
        "first": first,
        "last": last,
        "weekday_names": [WEEKDAYS_ABBR[number] for number in range(7)],
    }


def reason_label(reason: str | None) -> str:
    """The name of a lawful reason (a kind of leave, or flexible work)."""
    if not reason:
        return ""
    if reason == "flexible_work":
        return str(FlexibleWorkKind.LOCATION.label)
    return str(LeaveKind(reason).label) if reason in LeaveKind.values else reason


def _zone(instansi: Instansi) -> Any:
    from zoneinfo import ZoneInfo

    return ZoneInfo(instansi.zoneinfo_name)


def unit_members(unit: OrgUnit, day: date) -> list[Employee]:
    """The active employees who work in the unit on the day, by name."""
    return list(
        Employee.objects.filter(
            Q(assignments__end__isnull=True) | Q(assignments__end__gte=day),
            assignments__position__unit=unit,
            assignments__start__lte=day,
            active=True,
        )
        .distinct()
        .order_by("name")
    )


def unit_summary(unit: OrgUnit, year: int, *, today: date | None = None) -> list[dict[str, Any]]:
    """The year's counts of every employee who works in the unit now, worst first."""
    day = today or timezone.localdate()
    members = list(
        Employee.objects.filter(
            Q(assignments__end__isnull=True) | Q(assignments__end__gte=day),
            assignments__position__unit=unit,
            assignments__start__lte=day,
        ).distinct()
    )
    result = yearly_counts(unit.instansi, year, employees=members, today=today)
    by_id = {employee.pk: employee for employee in members}
    if result.window is None:
        return []
    missed = roll_calls.missed_roll_calls(unit.instansi, year, employee_ids=by_id)
    rows = []
    for row in result.frame.iter_rows(named=True):
        rows.append(
            {
                **row,
                "employee": by_id[row["employee_id"]],
                "missed_roll_calls": None if missed is None else missed.get(row["employee_id"], 0),
            }
        )
    rows.sort(key=lambda row: (-row["counted_days"], -row["unexcused_days"], row["nip"]))
    return rows


def agency_trend(
    instansi: Instansi, year: int, *, today: date | None = None
) -> list[dict[str, Any]]:
    """Per month of the window: unexcused days, late and early minutes, and present days."""
    window = counting_window(instansi, year, today=today)
    if window is None:
        return []
    frame = statuses(instansi, window[0], window[1])
    monthly = (
        frame.lazy()
        .group_by(month=pl.col("day").dt.month())
        .agg(
            unexcused_days=(pl.col("status") == pipeline.ABSENT_UNEXCUSED).sum(),
            excused_days=(pl.col("status") == pipeline.ABSENT_EXCUSED).sum(),
            present_days=(pl.col("status") == pipeline.PRESENT).sum(),
            late_minutes=pl.col("late_minutes").sum(),
            early_leave_minutes=pl.col("early_leave_minutes").sum(),
        )
        .sort("month")
        .collect()
    )
    return list(monthly.iter_rows(named=True))


def units_of(instansi: Instansi) -> QuerySet[OrgUnit]:
    """The instansi's active units."""
    return OrgUnit.objects.filter(instansi=instansi, active=True).order_by("code")


def employee_unit(employee: Employee) -> OrgUnit | None:
    """The unit the employee works in today."""
    return unit_of(employee, timezone.localdate())


def attendance_for_timeline(
    employee: Employee, days: list[date], *, marks: list[dict[str, Any]] | None = None
) -> list[dict[str, Any]]:
    """The accused's attendance on the given days, for the case timeline (see
    `tegak.attendance.timeline.attendance_for_timeline` for the shape of each entry)."""
    from tegak.attendance.timeline import attendance_for_timeline as build

    return build(employee, days, marks=marks)
