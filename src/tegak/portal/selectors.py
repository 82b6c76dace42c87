"""Reads for the public: the anonymised register, its statistics and the open-data export.

Everything here starts from `RegisterEntry`, which has no reporter column at all. The accused's
name is added by `public_entries` only for final decisions of an instansi whose `PortalPolicy`
allows it; every other row carries an empty name.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import (
    Avg,
    Case,
    CharField,
    Count,
    F,
    Max,
    Min,
    Q,
    QuerySet,
    Sum,
    Value,
    When,
)
from django.db.models.functions import TruncMonth
from django.utils import timezone

from tegak.cases.clocks import clock_kind, clock_mark
from tegak.cases.models import Accused
from tegak.people.models import OrgUnit
from tegak.portal import aggregates
from tegak.portal.labels import deadline_label
from tegak.portal.models import (
    PublicStatus,
    RegisterEntry,
    StatisticsDay,
    StatisticsProvisionMonth,
    StatisticsUnitMonth,
)

PER_PAGE = 25
LEVEL_CODES = ("ringan", "sedang", "berat", "")
TOP = 12  # rows per "per unit" and "per provision" chart
MONTHS = 24  # months on the monthly charts

# What the open-data export publishes, in this order (docs/portal.md documents each field).
EXPORT_FIELDS = [
    "register_number",
    "instansi",
    "unit",
    "provision",
    "provisions",
    "level",
    "sanction",
    "status",
    "opened_on",
    "decided_on",
    "final_on",
    "days_to_decision",
    "deadlines_kept",
    "deadlines_late",
    "deadline_overdue",
    "accused_name",
]


def _name_allowed() -> Q:
    return Q(status=PublicStatus.FINAL) & Q(
        instansi__portal_policy__show_accused_name_when_final=True
    )


def filtered_entries(filters: dict[str, Any] | None = None) -> QuerySet[RegisterEntry]:
    """Entries narrowed by already validated filters, without any name (for counting)."""
    filters = filters or {}
    entries = RegisterEntry.objects.all()
    if "instansi" in filters:
        entries = entries.filter(instansi__code=filters["instansi"])
    if "unit" in filters:
        entries = entries.filter(unit_id=filters["unit"])
    if "provision" in filters:
        entries = entries.filter(provision=filters["provision"])
    if "level" in filters:
        entries = entries.filter(level=filters["level"])
    if "status" in filters:
        entries = entries.filter(status=filters["status"])
    if "year" in filters:
        year = filters["year"]
        entries = entries.filter(opened_on__gte=date(year, 1, 1), opened_on__lte=date(year, 12, 31))
    if filters.get("q"):
        entries = entries.filter(register_number__istartswith=filters["q"])
    return entries


def public_entries(filters: dict[str, Any] | None = None) -> QuerySet[RegisterEntry]:
    """The register as the public may see it: the name only where `_name_allowed`."""
    return filtered_entries(filters).annotate(
        accused_name=Case(
            When(_name_allowed(), then=F("employee__name")),
            default=Value(""),
            output_field=CharField(),
        )
    )


def register_years() -> list[int]:
    """The years that have cases, newest first (for the year filter)."""
    bounds = RegisterEntry.objects.aggregate(first=Min("opened_on"), last=Max("opened_on"))
    if bounds["first"] is None:
        return []
    return list(range(bounds["last"].year, bounds["first"].year - 1, -1))


@dataclass(frozen=True)
class RegisterSlice:
    """The rows of one page and where it stands (what the template asks of a page)."""

    object_list: list[RegisterEntry]
    number: int
    pages: int

    def has_previous(self) -> bool:
        return self.number > 1

    def has_next(self) -> bool:
        return self.number < self.pages

    def previous_page_number(self) -> int:
        return self.number - 1

    def next_page_number(self) -> int:
        return self.number + 1


@dataclass(frozen=True)
class RegisterPage:
    """One page of the register, or the polite answer for a page that does not exist."""

    page: RegisterSlice | None
    total: int
    pages: int
    asked: int
    out_of_range: bool


def register_page(filters: dict[str, Any], page_number: int) -> RegisterPage:
    """A page of the register, newest first (two queries: the count and the rows)."""
    total = filtered_entries(filters).count()
    pages = -(-total // PER_PAGE)
    if page_number < 1 or (page_number > pages and page_number != 1):
        return RegisterPage(None, total, pages, page_number, out_of_range=True)
    # The page's ids first, from the narrow index (a deep page skips index entries, not rows),
    # then those rows with their names.
    start = (page_number - 1) * PER_PAGE
    ordering = ("-opened_on", "-id")
    ids = list(
        filtered_entries(filters)
        .order_by(*ordering)
        .values_list("id", flat=True)[start : start + PER_PAGE]
    )
    entries = public_entries().select_related("unit", "instansi", "employee").filter(pk__in=ids)
    rows = list(entries.order_by(*ordering))
    return RegisterPage(
        RegisterSlice(rows, page_number, pages), total, pages, page_number, out_of_range=False
    )


def local_sanction_labels(entries: list[RegisterEntry]) -> dict[int, dict[str, dict[str, str]]]:
    """The words an instansi's own rule gives its sanctions, per register entry (accused id),
    read from the findings the decisions relied on: one query for a page of the register."""
    wanted = [entry.accused_id_ref for entry in entries if entry.sanction]
    found: dict[int, dict[str, dict[str, str]]] = {}
    for accused_id, finding in Accused.objects.filter(pk__in=wanted).values_list("pk", "finding"):
        found[accused_id] = dict((finding or {}).get("sanction_labels") or {})
    return found


# Clocks whose label ends with its own preposition ("... sampai", "... mulai berlaku", "...
# tidak sebelum"): the date follows it, never as "jatuh tempo".
DATES_READ_AFTER_LABEL = frozenset(
    {"objection_due", "appeal_due", "takes_effect", "examination_earliest"}
)


def deadline_states(entry: RegisterEntry, today: date | None = None) -> list[dict[str, Any]]:
    """Each legal clock of an entry with its true mark: a duty of the office kept, late, open or
    overdue; the accused's rights and dates set by law carry no mark (state "")."""
    today = today or timezone.localdate()
    states = []
    for clock in entry.deadlines:
        due = date.fromisoformat(clock["due"])
        met_on = date.fromisoformat(clock["met_on"]) if clock.get("met_on") else None
        office = bool(clock.get("office"))
        states.append(
            {
                "name": deadline_label(clock["name"]),
                "basis": clock.get("basis", ""),
                "due": due,
                "met_on": met_on,
                "kind": clock_kind(clock["name"]),
                # A time limit of the office, not of the law (reading C36): listed apart and
                # never marked kept, late or overdue, as the register's totals do not count it.
                "state": ""
                if office
                else clock_mark(
                    name=clock["name"],
                    due=due,
                    met_on=met_on,
                    paused=bool(clock.get("paused")),
                    today=today,
                    ended_on=entry.final_on,
                    not_applicable=clock.get("not_applicable", ""),
                ),
                "not_applicable": clock.get("not_applicable", ""),
                "office": office,
                # Paused by an objection: the decision takes effect as the objection is decided
                # (PP 94/2021 Pasal 38 ayat (2); docs/legal-questions.md C29), on no date yet.
                "follows_objection": clock["name"] == "takes_effect" and bool(clock.get("paused")),
                # A right of the accused ("may be filed until") or a date from which something
                # holds ("takes effect", "not before") is no due date: its label reads on into
                # the date; only the deadlines are written "due" (seed walk h3, F10).
                "reads_into_date": clock["name"] in DATES_READ_AFTER_LABEL,
            }
        )
    return states


def statistics(filters: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """Counts per unit, provision, level and month, time to decision, deadlines kept.

    Read from the precomputed aggregates (`tegak.portal.aggregates`: a few thousand rows however
    many cases) when the filters are among those they answer (agency, year, level, status);
    a unit, provision or register number narrows the register enough to count it directly.
    """
    if set(filters) <= aggregates.ANSWERED:
        return statistics_from_aggregates(filters, today)
    return statistics_counted(filters, today)


def statistics_from_aggregates(
    filters: dict[str, Any], today: date | None = None
) -> dict[str, Any]:
    """`statistics` from the aggregate tables: four small queries."""
    today = today or timezone.localdate()
    days = StatisticsDay.objects.filter(aggregates.day_filter(filters)).order_by()
    sums = days.aggregate(
        n_cases=Sum("cases"),
        n_decided=Sum("decided"),
        n_final=Sum("cases", filter=Q(status=PublicStatus.FINAL)),
        n_days_total=Sum("days_total"),
        n_days_counted=Sum("days_counted"),
        n_kept=Sum("kept"),
        n_late=Sum("late"),
        n_overdue=Sum("cases", filter=Q(open_due__lt=today)),
        **{
            f"n_level_{level or 'none'}": Sum("cases", filter=Q(level=level))
            for level in LEVEL_CODES
        },
    )
    has_rows = bool(sums["n_cases"])
    totals: dict[str, Any] = {
        "cases": sums["n_cases"] or 0,
        "decided": sums["n_decided"] or 0,
        "final": sums["n_final"] or 0,
        "average_days": _average(sums["n_days_total"], sums["n_days_counted"]),
        # As a SUM over no rows: nothing (the page shows a dash), not zero.
        "kept": sums["n_kept"] if has_rows else None,
        "late": sums["n_late"] if has_rows else None,
        "overdue": sums["n_overdue"] or 0,
    }
    per_level = {level: sums[f"n_level_{level or 'none'}"] or 0 for level in LEVEL_CODES}
    months = aggregates.month_filter(filters)
    unit_counts = list(
        StatisticsUnitMonth.objects.filter(months)
        .values("unit_ref")
        .annotate(count=Sum("cases"))
        .filter(count__gt=0)
        .order_by("-count", "unit_ref")[:TOP]
    )
    names = dict(
        OrgUnit.objects.filter(pk__in=[row["unit_ref"] for row in unit_counts])
        .order_by()
        .values_list("pk", "name")
    )
    per_unit = [
        {"unit__name": names.get(row["unit_ref"], ""), "count": row["count"]} for row in unit_counts
    ]
    per_provision = list(
        StatisticsProvisionMonth.objects.filter(months)
        .exclude(provision="")
        .values("provision", "cited")
        .annotate(count=Sum("cases"))
        .filter(count__gt=0)
        .order_by("-count", "provision", "cited")[:TOP]
    )
    first_month, last_month = month_window(filters, today)
    per_month = [
        {
            "month": row["month"],
            "count": row["count"],
            "average_days": _average(row["n_days"], row["n_counted"]),
        }
        for row in days.filter(day__gte=first_month, day__lt=_next_month(last_month))
        .annotate(month=TruncMonth("day"))
        .values("month")
        .annotate(count=Sum("cases"), n_days=Sum("days_total"), n_counted=Sum("days_counted"))
        .filter(count__gt=0)
        .order_by("month")
    ]
    return {
        "totals": totals,
        "per_unit": per_unit,
        "per_provision": per_provision,
        "per_level": per_level,
        "per_month": per_month,
        "first_month": first_month,
        "last_month": last_month,
    }


def _average(total: int | None, counted: int | None) -> float | None:
    return (total or 0) / counted if counted else None


def statistics_counted(filters: dict[str, Any], today: date | None = None) -> dict[str, Any]:
    """`statistics` counted from the register itself (also the reference the aggregates are
    tested against): four queries whatever the number of cases.
    """
    today = today or timezone.localdate()
    entries = filtered_entries(filters).order_by()
    # Counting columns of the covering indexes (not `id`) lets PostgreSQL answer from them.
    totals = entries.aggregate(
        cases=Count("*"),
        decided=Count("decided_on"),
        final=Count("status", filter=Q(status=PublicStatus.FINAL)),
        average_days=Avg("days_to_decision"),
        kept=Sum("deadlines_kept"),
        late=Sum("deadlines_late"),
        overdue=Count("open_due", filter=Q(open_due__lt=today)),
        # The levels in the same pass (one scan instead of a GROUP BY of its own).
        **{
            f"level_{level or 'none'}": Count("status", filter=Q(level=level))
            for level in LEVEL_CODES
        },
    )
    # Grouped by the unit's id on the narrow index, then named (a handful of units).
    unit_counts = list(
        entries.values("unit_id").annotate(count=Count("*")).order_by("-count", "unit_id")[:TOP]
    )
    names = dict(
        OrgUnit.objects.filter(pk__in=[row["unit_id"] for row in unit_counts])
        .order_by()
        .values_list("pk", "name")
    )
    per_unit = [
        {"unit__name": names.get(row["unit_id"], ""), "count": row["count"]} for row in unit_counts
    ]
    per_provision = list(
        entries.exclude(provision="")
        .annotate(cited=F("provision_cited"))
        .values("provision", "cited")
        .annotate(count=Count("*"))
        .order_by("-count", "provision", "cited")[:TOP]
    )
    per_level = {level: totals.pop(f"level_{level or 'none'}") for level in LEVEL_CODES}
    first_month, last_month = month_window(filters, today)
    per_month = list(
        entries.filter(opened_on__gte=first_month, opened_on__lt=_next_month(last_month))
        .annotate(month=TruncMonth("opened_on"))
        .values("month")
        .annotate(
            count=Count("*"),
            average_days=Avg("days_to_decision"),
        )
        .order_by("month")
    )
    return {
        "totals": totals,
        "per_unit": per_unit,
        "per_provision": per_provision,
        "per_level": per_level,
        "per_month": per_month,
        "first_month": first_month,
        "last_month": last_month,
    }


def month_window(filters: Mapping[str, Any], today: date) -> tuple[date, date]:
    """The first and last month of the monthly charts: the year chosen in the filters (its
    twelve months, up to this month), else the last `MONTHS` months. A 2021 case then shows on
    the chart of 2021 (seed walk: the chart always showed the last two years, so the seed
    cases of 2021 and 2022 were counted in the totals and missing from it)."""
    this_month = today.replace(day=1)
    year = filters.get("year")
    if isinstance(year, int):
        return date(year, 1, 1), min(date(year, 12, 1), this_month)
    return _months_back(today, MONTHS - 1), this_month


def _next_month(month: date) -> date:
    return date(month.year + (month.month == 12), month.month % 12 + 1, 1)


def _months_back(today: date, months: int) -> date:
    """The first day of the month `months` months before today's month."""
    index = today.year * 12 + (today.month - 1) - months
    return date(index // 12, index % 12 + 1, 1)


def export_rows(filters: dict[str, Any], today: date | None = None) -> Iterator[dict[str, Any]]:
    """Every entry matching the filters as a flat record of EXPORT_FIELDS, streamed."""
    today = today or timezone.localdate()
    rows = (
        public_entries(filters)
        .order_by("opened_on", "id")
        .values(
            "register_number",
            "instansi__code",
            "unit__name",
            "provision",
            "provisions",
            "level",
            "sanction",
            "status",
            "opened_on",
            "decided_on",
            "final_on",
            "days_to_decision",
            "deadlines_kept",
            "deadlines_late",
            "open_due",
            "accused_name",  # type: ignore[misc]  # the annotation of public_entries
        )
    )
    for row in rows.iterator(chunk_size=2000):
        open_due = row.pop("open_due")
        yield {
            "register_number": row["register_number"],
            "instansi": row["instansi__code"],
            "unit": row["unit__name"] or "",
            "provision": row["provision"],
            "provisions": row["provisions"],
            "level": row["level"],
            "sanction": row["sanction"],
            "status": row["status"],
            "opened_on": row["opened_on"].isoformat(),
            "decided_on": row["decided_on"].isoformat() if row["decided_on"] else None,
            "final_on": row["final_on"].isoformat() if row["final_on"] else None,
            "days_to_decision": row["days_to_decision"],
            "deadlines_kept": row["deadlines_kept"],
            "deadlines_late": row["deadlines_late"],
            "deadline_overdue": bool(open_due and open_due < today),
            "accused_name": row["accused_name"] or None,
        }
