"""The statistics' precomputed aggregates: what each register entry adds, applied as deltas.

The statistics page reads three small tables (`StatisticsDay`, `StatisticsUnitMonth`,
`StatisticsProvisionMonth`) instead of counting the whole register on every visit. They are
derived from `RegisterEntry` only, and written only here:

- `apply(before, after)`: in the transaction that refreshes an entry (the job the portal enqueues
  after every committed step of a case), subtract what the entry counted before and add what it
  counts now — atomic increments (`INSERT … ON CONFLICT DO UPDATE`), taken in key order, so
  concurrent refreshes of different entries add up and do not deadlock;
- `rebuild()`: delete and recount everything from the register (`tegak portal_refresh
  --statistics`, and every full rebuild of the register);
- `recount()` / `stored()`: the two sides a test or an operator compares.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from django.db import connection, transaction
from django.db.models import Count, IntegerField, Q, Sum, Value
from django.db.models.functions import Coalesce, TruncMonth

from tegak.portal.models import (
    NO_OPEN_DUE,
    NO_UNIT,
    RegisterEntry,
    StatisticsDay,
    StatisticsProvisionMonth,
    StatisticsUnitMonth,
)

# What an entry must carry for its contribution (read before and after a refresh).
ENTRY_FIELDS = (
    "instansi_id",
    "opened_on",
    "status",
    "level",
    "open_due",
    "decided_on",
    "days_to_decision",
    "deadlines_kept",
    "deadlines_late",
    "unit_id",
    "provision",
    "provision_cited",
)

DAY_KEY = ("instansi_id", "day", "status", "level", "open_due")
DAY_MEASURES = ("cases", "decided", "days_total", "days_counted", "kept", "late")
UNIT_KEY = ("instansi_id", "month", "status", "level", "unit_ref")
PROVISION_KEY = ("instansi_id", "month", "status", "level", "provision", "cited")
MONTH_MEASURES = ("cases",)

TABLES: dict[str, tuple[Any, tuple[str, ...], tuple[str, ...]]] = {
    "day": (StatisticsDay, DAY_KEY, DAY_MEASURES),
    "unit": (StatisticsUnitMonth, UNIT_KEY, MONTH_MEASURES),
    "provision": (StatisticsProvisionMonth, PROVISION_KEY, MONTH_MEASURES),
}

# table -> key tuple -> measures tuple
Counts = dict[str, dict[tuple[Any, ...], tuple[int, ...]]]


def entry_values(entry: RegisterEntry) -> dict[str, Any]:
    """The fields of ENTRY_FIELDS of a saved entry."""
    return {field: getattr(entry, field) for field in ENTRY_FIELDS}


def contribution(values: Mapping[str, Any]) -> Counts:
    """What one entry adds to each table."""
    opened: date = values["opened_on"]
    month = opened.replace(day=1)
    common = (values["instansi_id"],)
    days = values["days_to_decision"]
    day_key = (
        *common,
        opened,
        values["status"],
        values["level"] or "",
        values["open_due"] or NO_OPEN_DUE,
    )
    day_measures = (
        1,
        1 if values["decided_on"] is not None else 0,
        days or 0,
        1 if days is not None else 0,
        values["deadlines_kept"] or 0,
        values["deadlines_late"] or 0,
    )
    rest = (month, values["status"], values["level"] or "")
    return {
        "day": {day_key: day_measures},
        "unit": {(*common, *rest, values["unit_id"] or NO_UNIT): (1,)},
        "provision": {
            (*common, *rest, values["provision"] or "", values["provision_cited"] or ""): (1,)
        },
    }


def delta(before: Mapping[str, Any] | None, after: Mapping[str, Any] | None) -> Counts:
    """After minus before, without the keys that do not change."""
    result: Counts = {name: {} for name in TABLES}
    for values, sign in ((before, -1), (after, 1)):
        if values is None:
            continue
        for name, rows in contribution(values).items():
            for key, measures in rows.items():
                old = result[name].get(key, (0,) * len(measures))
                result[name][key] = tuple(o + sign * m for o, m in zip(old, measures, strict=True))
    return {name: {key: m for key, m in rows.items() if any(m)} for name, rows in result.items()}


def merge(total: Counts, more: Counts) -> None:
    """Add `more` into `total` in place."""
    for name, rows in more.items():
        target = total.setdefault(name, {})
        for key, measures in rows.items():
            old = target.get(key, (0,) * len(measures))
            target[key] = tuple(o + m for o, m in zip(old, measures, strict=True))


def apply(changes: Iterable[tuple[Mapping[str, Any] | None, Mapping[str, Any] | None]]) -> None:
    """Apply the (before, after) pairs of entries to the tables, inside the caller's transaction."""
    total: Counts = {name: {} for name in TABLES}
    for before, after in changes:
        merge(total, delta(before, after))
    with connection.cursor() as cursor:
        for name, rows in total.items():
            rows = {key: m for key, m in rows.items() if any(m)}
            if not rows:
                continue
            model, key_fields, measures = TABLES[name]
            table = connection.ops.quote_name(model._meta.db_table)
            columns = [model._meta.get_field(f).column for f in key_fields + measures]
            quoted = [connection.ops.quote_name(c) for c in columns]
            keys = ", ".join(quoted[: len(key_fields)])
            updates = ", ".join(
                f"{column} = {table}.{column} + excluded.{column}"
                for column in quoted[len(key_fields) :]
            )
            placeholders = ", ".join(["%s"] * len(columns))
            # Every name is our own model's (quoted); the values are parameters.
            sql = f"INSERT INTO {table} ({', '.join(quoted)}) VALUES ({placeholders}) "  # noqa: S608
            sql += f"ON CONFLICT ({keys}) DO UPDATE SET {updates}"
            # Key order: concurrent refreshes lock the rows they share in the same order.
            ordered = sorted(rows.items(), key=_order)
            cursor.executemany(sql, [(*map(_adapt, key), *m) for key, m in ordered])


def _adapt(value: Any) -> Any:
    return connection.ops.adapt_datefield_value(value) if isinstance(value, date) else value


def _order(item: tuple[tuple[Any, ...], tuple[int, ...]]) -> tuple[str, ...]:
    return tuple(str(part) for part in item[0])


def recount() -> Counts:
    """The three tables as the register says they should be (GROUP BY over every entry)."""
    entries = RegisterEntry.objects.order_by()
    level = Coalesce("level", Value(""))
    result: Counts = {name: {} for name in TABLES}
    days = (
        entries.annotate(due=Coalesce("open_due", Value(NO_OPEN_DUE)), lvl=level)
        .values("instansi_id", "opened_on", "status", "lvl", "due")
        .annotate(
            n=Count("*"),
            decided=Count("decided_on"),
            days_total=Coalesce(Sum("days_to_decision"), 0, output_field=IntegerField()),
            days_counted=Count("days_to_decision"),
            kept=Coalesce(Sum("deadlines_kept"), 0, output_field=IntegerField()),
            late=Coalesce(Sum("deadlines_late"), 0, output_field=IntegerField()),
        )
    )
    for row in days:
        key = (row["instansi_id"], row["opened_on"], row["status"], row["lvl"], row["due"])
        result["day"][key] = tuple(
            int(row[m]) for m in ("n", "decided", "days_total", "days_counted", "kept", "late")
        )
    monthly = entries.annotate(month=TruncMonth("opened_on"), lvl=level)
    units = (
        monthly.annotate(unit_key=Coalesce("unit_id", Value(NO_UNIT)))
        .values("instansi_id", "month", "status", "lvl", "unit_key")
        .annotate(n=Count("*"))
    )
    for row in units:
        key = (row["instansi_id"], row["month"], row["status"], row["lvl"], row["unit_key"])
        result["unit"][key] = (row["n"],)
    provisions = (
        monthly.annotate(
            prov=Coalesce("provision", Value("")), cited=Coalesce("provision_cited", Value(""))
        )
        .values("instansi_id", "month", "status", "lvl", "prov", "cited")
        .annotate(n=Count("*"))
    )
    for row in provisions:
        cited_key = (
            row["instansi_id"],
            row["month"],
            row["status"],
            row["lvl"],
            row["prov"],
            row["cited"],
        )
        result["provision"][cited_key] = (row["n"],)
    return result


def stored() -> Counts:
    """The three tables as stored, without rows that count nothing."""
    result: Counts = {name: {} for name in TABLES}
    for name, (model, key_fields, measures) in TABLES.items():
        for row in model.objects.values_list(*key_fields, *measures).iterator():
            key, values = tuple(row[: len(key_fields)]), tuple(row[len(key_fields) :])
            if any(values):
                result[name][key] = values
    return result


def rebuild() -> dict[str, int]:
    """Delete and recount the three tables from the register; the rows written per table."""
    counts = recount()
    written: dict[str, int] = defaultdict(int)
    with transaction.atomic():
        for name, (model, key_fields, measures) in TABLES.items():
            model.objects.all().delete()
            model.objects.bulk_create(
                (
                    model(**dict(zip(key_fields + measures, (*key, *values), strict=True)))
                    for key, values in counts[name].items()
                ),
                batch_size=2000,
            )
            written[name] = len(counts[name])
    return dict(written)


def day_filter(filters: Mapping[str, Any]) -> Q:
    """The filters the aggregates can answer, on `StatisticsDay` (by day opened)."""
    query = _common_filter(filters)
    if "year" in filters:
        year = filters["year"]
        query &= Q(day__gte=date(year, 1, 1), day__lte=date(year, 12, 31))
    return query


def month_filter(filters: Mapping[str, Any]) -> Q:
    """The same filters on the monthly tables."""
    query = _common_filter(filters)
    if "year" in filters:
        year = filters["year"]
        query &= Q(month__gte=date(year, 1, 1), month__lte=date(year, 12, 1))
    return query


def _common_filter(filters: Mapping[str, Any]) -> Q:
    query = Q()
    if "instansi" in filters:
        query &= Q(instansi__code=filters["instansi"])
    if "level" in filters:
        query &= Q(level=filters["level"])
    if "status" in filters:
        query &= Q(status=filters["status"])
    return query


# The filters the aggregates answer; any other (unit, provision, register number) narrows the
# register enough to count it directly.
ANSWERED = frozenset({"instansi", "year", "level", "status"})
