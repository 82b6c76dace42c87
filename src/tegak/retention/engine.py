"""Which records of an instansi have reached the end of their retention period, and removing
them with a tombstone each. Nothing tied to an open case (a pending objection keeps the case
open) or under an active legal hold is ever due."""

from __future__ import annotations

import calendar
import hashlib
import json
from collections import defaultdict
from collections.abc import Callable, Generator, Iterator
from contextlib import closing
from dataclasses import dataclass, field
from datetime import date, datetime, time
from itertools import islice
from typing import Any

from django.db.models import Model
from django.utils import timezone

from tegak.attendance.models import DailyCheckIn, RollCall
from tegak.cases.models import Accused, Case, CaseReport, CaseStatus
from tegak.intake.models import Evidence, Report, ReportMessage, ReportStatus
from tegak.people.models import Instansi
from tegak.retention.models import LegalHold, RetentionPolicy
from tegak.retention.policy import RULES, RecordClass

# Reports whose triage ended without a case of their own.
NOT_TAKEN_UP = (ReportStatus.REJECTED, ReportStatus.FORWARDED, ReportStatus.MERGED)
# At most this many records of one class go in one batch (one transaction); a run repeats
# batches until nothing is due, so memory stays bounded however much is due.
BATCH = 500
# Rows read from the database at a time.
CHUNK = 200
# Attendance rows go in groups (one tombstone each) of this many, and this many groups a batch.
ATTENDANCE_ROWS = 1000
ATTENDANCE_BATCH = 10


def months_before(day: date, months: int) -> date:
    """The same day `months` earlier (the month's last day when it has fewer days)."""
    index = day.year * 12 + day.month - 1 - months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def months_after(day: date, months: int) -> date:
    return months_before(day, -months)


def periods(instansi: Instansi) -> dict[str, int | None]:
    """The instansi's months for each record class (its own, else the default)."""
    own = dict(
        RetentionPolicy.objects.filter(instansi=instansi).values_list("record_class", "months")
    )
    return {name: own.get(name, rule.months) for name, rule in RULES.items()}


@dataclass
class Due:
    """One record (or one batch of rows) whose period has ended."""

    record_class: str
    target_type: str
    reference: str
    period_from: date
    due_on: date
    objects: list[Any] = field(default_factory=list)

    def listing(self) -> dict[str, Any]:
        return {
            "record_class": self.record_class,
            "reference": self.reference,
            "from": self.period_from.isoformat(),
            "due_on": self.due_on.isoformat(),
            "items": len(self.objects),
        }


@dataclass
class Holds:
    """What may not be touched: cases open or held, reports held or tied to such a case."""

    case_ids: set[int]
    report_ids: set[int]
    employee_ids: set[int]
    final_on: dict[int, date]
    cases_of_report: dict[int, set[int]]


def holds(instansi: Instansi) -> Holds:
    """The instansi's holds, explicit (LegalHold) and implicit (an open case)."""
    active = LegalHold.objects.filter(instansi=instansi, released_at__isnull=True)
    cases = dict(Case.objects.filter(instansi=instansi).values_list("pk", "status"))
    final_on: dict[int, date] = {
        pk: day
        for pk, day in Case.objects.filter(
            instansi=instansi, status=CaseStatus.FINAL, closed_on__isnull=False
        ).values_list("pk", "closed_on")
        if day is not None
    }
    held_cases = {pk for pk, status in cases.items() if status != CaseStatus.FINAL}
    held_cases |= set(active.exclude(case=None).values_list("case_id", flat=True))
    cases_of_report: dict[int, set[int]] = defaultdict(set)
    for case_id, report_id in CaseReport.objects.filter(case__instansi=instansi).values_list(
        "case_id", "report_id"
    ):
        cases_of_report[report_id].add(case_id)
    # A report merged into one that went into a case belongs to that case too.
    for report_id, target_id in Report.objects.filter(
        instansi=instansi, merged_into__isnull=False
    ).values_list("pk", "merged_into_id"):
        if target_id in cases_of_report:
            cases_of_report[report_id] |= cases_of_report[target_id]
    held_reports = set(active.exclude(report=None).values_list("report_id", flat=True))
    held_reports |= {
        report_id
        for report_id, case_ids in cases_of_report.items()
        if case_ids & held_cases or any(case_id not in final_on for case_id in case_ids)
    }
    employees = set(
        Accused.objects.filter(case_id__in=held_cases).values_list("employee_id", flat=True)
    )
    return Holds(held_cases, held_reports, employees, final_on, dict(cases_of_report))


def _cutoff_moment(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _chunks(ids: Iterator[int], size: int = CHUNK) -> Iterator[list[int]]:
    """Ids in lists of `size` (the rows behind them are read a chunk at a time)."""
    chunk: list[int] = []
    for pk in ids:
        chunk.append(pk)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _reports_not_taken_up(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    """Merged reports first, then the others; a report others were merged into comes only
    after all of them (they point at it), and not at all while one of them must stay."""
    cutoff = months_before(as_of, months)
    base = Report.objects.filter(
        instansi=instansi, status__in=NOT_TAKEN_UP, closed_at__lt=_cutoff_moment(cutoff)
    ).order_by("closed_at", "pk")
    given: set[int] = set()
    for merged in (True, False):
        ids = base.filter(merged_into__isnull=not merged).values_list("pk", flat=True)
        for chunk in _chunks(ids.iterator(chunk_size=CHUNK)):
            rows = Report.objects.in_bulk(chunk)
            pointing: dict[int, set[int]] = defaultdict(set)
            for source, target in Report.objects.filter(merged_into_id__in=chunk).values_list(
                "pk", "merged_into_id"
            ):
                pointing[target].add(source)
            for pk in chunk:
                report = rows.get(pk)
                if (
                    report is None
                    or report.closed_at is None
                    or pk in held.report_ids
                    or pk in held.cases_of_report
                    or pointing[pk] - given
                ):
                    continue
                given.add(pk)
                closed = timezone.localdate(report.closed_at)
                yield Due(
                    RecordClass.REPORT_NOT_TAKEN_UP,
                    "intake.report",
                    report.reference,
                    closed,
                    months_after(closed, months),
                    [report],
                )


def _case_reports(held: Holds, months: int, as_of: date) -> dict[int, date]:
    """Reports in cases all final before the cutoff and not held: report id -> final day."""
    cutoff = months_before(as_of, months)
    found = {}
    for report_id, case_ids in held.cases_of_report.items():
        if report_id in held.report_ids:
            continue
        days = [held.final_on.get(case_id) for case_id in case_ids]
        if not days or any(day is None for day in days):
            continue
        last = max(day for day in days if day is not None)
        if last < cutoff:
            found[report_id] = last
    return found


def _identities(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    finals = _case_reports(held, months, as_of)
    rows = (
        Report.objects.filter(instansi=instansi, pk__in=finals)
        .exclude(identity_sealed="", notice_contact_sealed="")
        .only("pk", "received_at", "identity_sealed", "notice_contact_sealed")
        .order_by("pk")
    )
    for report in rows.iterator(chunk_size=CHUNK):
        yield Due(
            RecordClass.REPORTER_IDENTITY,
            "intake.report",
            report.reference,
            finals[report.pk],
            months_after(finals[report.pk], months),
            [report],
        )


def _messages(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    finals = _case_reports(held, months, as_of)
    with_messages = (
        ReportMessage.objects.filter(report__instansi=instansi, report_id__in=finals)
        .values_list("report_id", flat=True)
        .distinct()
        .order_by("report_id")
    )
    for chunk in _chunks(with_messages.iterator(chunk_size=CHUNK)):
        grouped: dict[int, list[ReportMessage]] = defaultdict(list)
        for message in ReportMessage.objects.filter(report_id__in=chunk).order_by("pk"):
            grouped[message.report_id].append(message)
        reports = Report.objects.only("pk", "received_at").in_bulk(chunk)
        for report_id in chunk:
            yield Due(
                RecordClass.REPORT_MESSAGES,
                "intake.reportmessage",
                reports[report_id].reference,
                finals[report_id],
                months_after(finals[report_id], months),
                grouped[report_id],
            )


def _evidence(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    finals = _case_reports(held, months, as_of)
    rows = (
        Evidence.objects.filter(report__instansi=instansi, report_id__in=finals)
        .select_related("report")
        .order_by("pk")
    )
    for evidence in rows.iterator(chunk_size=CHUNK):
        yield Due(
            RecordClass.EVIDENCE,
            "intake.evidence",
            f"{evidence.report.reference}/{evidence.pk}",
            finals[evidence.report_id],
            months_after(finals[evidence.report_id], months),
            [evidence],
        )


def _attendance(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    """Check-ins and roll calls in groups of ATTENDANCE_ROWS rows, oldest first."""
    cutoff = months_before(as_of, months)
    sources: tuple[tuple[Any, str], ...] = (
        (DailyCheckIn, "attendance.dailycheckin"),
        (RollCall, "attendance.rollcall"),
    )
    for model, label in sources:
        ids = (
            model.objects.filter(employee__instansi=instansi, day__lt=cutoff)
            .exclude(employee_id__in=held.employee_ids)
            .order_by("day", "pk")
            .values_list("pk", flat=True)
        )
        for chunk in _chunks(ids.iterator(chunk_size=ATTENDANCE_ROWS), ATTENDANCE_ROWS):
            rows: list[Any] = list(model.objects.filter(pk__in=chunk).order_by("day", "pk"))
            if not rows:
                continue
            first = min(row.day for row in rows)
            last = max(row.day for row in rows)
            yield Due(
                RecordClass.ATTENDANCE_RAW,
                label,
                f"{first.isoformat()}..{last.isoformat()}",
                last,
                months_after(last, months),
                rows,
            )


def _closed_cases(
    instansi: Instansi, months: int, as_of: date, held: Holds
) -> Generator[Due, None, None]:
    cutoff = months_before(as_of, months)
    rows = (
        Case.objects.filter(instansi=instansi, status=CaseStatus.FINAL, closed_on__lt=cutoff)
        .exclude(pk__in=held.case_ids)
        .only("pk", "register_number", "closed_on")
        .order_by("closed_on", "pk")
    )
    for case in rows.iterator(chunk_size=CHUNK):
        if case.closed_on is not None:
            yield Due(
                RecordClass.CLOSED_CASE,
                "cases.case",
                case.register_number,
                case.closed_on,
                months_after(case.closed_on, months),
            )


Finder = Callable[[Instansi, int, date, Holds], Generator[Due, None, None]]

FINDERS: dict[str, Finder] = {
    RecordClass.REPORT_NOT_TAKEN_UP: _reports_not_taken_up,
    RecordClass.REPORTER_IDENTITY: _identities,
    RecordClass.REPORT_MESSAGES: _messages,
    RecordClass.EVIDENCE: _evidence,
    RecordClass.ATTENDANCE_RAW: _attendance,
    RecordClass.CLOSED_CASE: _closed_cases,
}


def due(instansi: Instansi, as_of: date) -> Iterator[Due]:
    """Every record of the instansi whose period has ended on `as_of`, class by class, read
    from the database a chunk at a time (a dry run counts them all without holding them)."""
    months = periods(instansi)
    held = holds(instansi)
    for record_class, finder in FINDERS.items():
        period = months.get(record_class)
        if period is None:
            continue
        yield from finder(instansi, period, as_of, held)


def next_batch(instansi: Instansi, as_of: date) -> list[Due]:
    """The next batch to delete: at most BATCH items of each class Tegak deletes (attendance:
    ATTENDANCE_BATCH groups), in an order that is safe to delete in. Deleting a batch makes
    the next one smaller: a run repeats this until it comes back empty."""
    months = periods(instansi)
    held = holds(instansi)
    found: list[Due] = []
    for record_class, finder in FINDERS.items():
        period = months.get(record_class)
        if period is None or not RULES[record_class].deletes:
            continue
        limit = ATTENDANCE_BATCH if record_class == RecordClass.ATTENDANCE_RAW else BATCH
        with closing(finder(instansi, period, as_of, held)) as items:
            found += islice(items, limit)
    return found


def _value(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if hasattr(value, "name") and hasattr(value, "storage"):
        return value.name or ""
    return value


def record_digest(objects: list[Model], extra: list[str] | None = None) -> str:
    """SHA-256 of the removed rows' fields (and files' own hashes), canonical JSON: what was
    removed can later be matched against a copy, nothing of it can be read from the hash."""
    rows = []
    for row in objects:
        values = {
            item.attname: _value(getattr(row, item.attname)) for item in row._meta.concrete_fields
        }
        rows.append([row._meta.label_lower, values])
    payload = json.dumps([rows, extra or []], sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(payload.encode()).hexdigest()
