"""Attendance at scale: CSV of ~10 million check-ins -> yearly counts, against a bare group-by.

    .venv/bin/python bench/attendance.py [--employees 20000] [--year 2025] [--keep FILE]

A child process writes the CSV (20,000 employees x every working day of the year, an arrival and
a departure each, some days missing); this process then runs the real pipeline of
`tegak.attendance` (the same parsing, calendar and counting code the import and report use) and
prints seconds per step, peak memory (`resource.getrusage`) and two ratios measured in this run:

- counting step / bare lazy group-by: daily status + yearly counts (from the per-day frame) over
  a bare `group_by(employee).agg(min, max)` of the same in-memory check-ins (aim: within 5x);
- end to end (CSV to counts) over that same bare group-by, for scale.

Nothing here is asserted; the numbers are for reading.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

import polars as pl

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from tegak.attendance import parsing, pipeline

ZONE = "Asia/Jakarta"


def generate(path: str, employees: int, year: int) -> int:
    """Write the check-in CSV (nip,timestamp) and return its number of rows."""
    calendar = pipeline.calendar_frame(
        "national-perpres-21-2023", date(year, 1, 1), date(year, 12, 31)
    ).filter(pl.col("kind") == pipeline.WORKING)
    people = pl.DataFrame({"employee": pl.arange(0, employees, eager=True)})
    days = people.join(calendar.select("day", "start_second", "end_second"), how="cross")
    seed = pl.col("employee") * 7919 + pl.col("day").dt.ordinal_day() * 104729
    days = days.with_columns(noise=seed.hash(42) % 10_000).filter(pl.col("noise") >= 150)
    arrival = pl.col("start_second") - 1800 + (pl.col("noise") % 3000)
    departure = pl.col("end_second") - 600 + (pl.col("noise") % 2400)
    nip = pl.format("19850101201001{}", pl.col("employee").cast(pl.Utf8).str.zfill(4))

    def stamp(seconds: pl.Expr) -> pl.Expr:
        return (pl.col("day").cast(pl.Datetime("us")) + pl.duration(seconds=seconds)).dt.strftime(
            "%Y-%m-%d %H:%M:%S"
        )

    rows = pl.concat(
        [
            days.select(nip=nip, timestamp=stamp(arrival)),
            days.select(nip=nip, timestamp=stamp(departure)),
        ]
    )
    rows.write_csv(path)
    return rows.height


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def best_of(runs: int, work):  # type: ignore[no-untyped-def]
    best = float("inf")
    result = None
    for _ in range(runs):
        started = time.perf_counter()
        result = work()
        best = min(best, time.perf_counter() - started)
    return best, result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--employees", type=int, default=20_000)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--keep", help="write the CSV here and keep it")
    parser.add_argument("--generate-only", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.generate_only:
        print(generate(args.generate_only, args.employees, args.year))
        return 0

    folder = tempfile.mkdtemp(prefix="tegak-bench-")
    path = args.keep or os.path.join(folder, "checkins.csv")
    started = time.perf_counter()
    made = subprocess.run(
        [
            sys.executable,
            __file__,
            "--employees",
            str(args.employees),
            "--year",
            str(args.year),
            "--generate-only",
            path,
        ],
        check=True,
        capture_output=True,
        text=True,
    )
    print(
        f"generated {int(made.stdout):,} check-ins for {args.employees:,} employees "
        f"({os.path.getsize(path) / 1e6:.0f} MB) in {time.perf_counter() - started:.1f} s "
        f"(child process, not measured)"
    )

    total_started = time.perf_counter()
    started = time.perf_counter()
    content = Path(path).read_bytes()
    _, raw = parsing.read_checkins(content, "csv")
    del content
    read_seconds = time.perf_counter() - started

    started = time.perf_counter()
    employees = (
        raw.lazy()
        .select(nip=pl.col("nip").unique())
        .with_row_index("employee_id")
        .with_columns(pl.col("employee_id").cast(pl.Int64))
        .collect()
    )
    checkins = (
        parsing.resolve_timestamps(raw, ZONE)
        .lazy()
        .join(employees.lazy(), on="nip")
        .filter(pl.col("local").is_not_null())
        .select("employee_id", "local")
        .collect()
    )
    del raw
    parse_seconds = time.perf_counter() - started

    started = time.perf_counter()
    calendar = pipeline.calendar_frame(
        "national-perpres-21-2023", date(args.year, 1, 1), date(args.year, 12, 31)
    )
    calendar_seconds = time.perf_counter() - started

    started = time.perf_counter()
    daily = pipeline.daily_from_checkins(checkins.lazy()).collect()
    daily_seconds = time.perf_counter() - started

    def counting() -> pl.DataFrame:
        return pipeline.yearly_counts(
            employees.lazy().select("employee_id"),
            calendar,
            daily.lazy(),
            pipeline.empty(pipeline.EXCUSE_SCHEMA),
            minutes_per_day=450,
        ).collect()

    counting_seconds, counts = best_of(1, counting)
    total_seconds = time.perf_counter() - total_started

    def bare() -> pl.DataFrame:
        return (
            checkins.lazy()
            .group_by("employee_id")
            .agg(first=pl.col("local").min(), last=pl.col("local").max())
            .collect()
        )

    bare_seconds, _ = best_of(3, bare)
    counting_repeat, _ = best_of(2, counting)
    counting_best = min(counting_seconds, counting_repeat)

    assert counts is not None
    print(
        f"rows: {checkins.height:,} check-ins, {daily.height:,} employee-days, "
        f"{counts.height:,} employees counted; "
        f"unexcused days in total: {int(counts['unexcused_days'].sum()):,}"
    )
    print(f"read CSV           {read_seconds:7.2f} s")
    print(f"parse + map NIPs   {parse_seconds:7.2f} s")
    print(f"calendar (rules)   {calendar_seconds:7.2f} s")
    print(f"first/last per day {daily_seconds:7.2f} s")
    print(f"counting step      {counting_best:7.2f} s  (per-day first/last -> yearly counts, lazy)")
    print(f"end to end         {total_seconds:7.2f} s  (CSV to yearly counts)")
    print(
        f"bare group-by      {bare_seconds:7.3f} s  "
        "(lazy group_by(employee).agg(min, max), same rows)"
    )
    print(f"ratio counting / bare group-by: {counting_best / bare_seconds:.1f}x  (aim: within 5x)")
    print(f"ratio end to end / bare group-by: {total_seconds / bare_seconds:.1f}x")
    print(f"peak RSS: {peak_mb():,.0f} MB  (aim: under 4,096 MB); threads: {pl.thread_pool_size()}")
    if not args.keep:
        os.remove(path)
        os.rmdir(folder)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
