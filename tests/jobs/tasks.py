"""Tasks used by the jobs tests (importable by a worker process started from the repository)."""

from __future__ import annotations

import os
import time
from pathlib import Path

from django_tasks import task


@task()
def add(a: int, b: int) -> int:
    return a + b


@task()
def fail_until(counter_path: str, failures: int) -> str:
    """Fails the first `failures` times it runs (counted in a file), then succeeds."""
    path = Path(counter_path)
    runs = int(path.read_text()) + 1 if path.exists() else 1
    path.write_text(str(runs))
    if runs <= failures:
        raise RuntimeError(f"failing on purpose, run {runs}")
    return f"ran {runs} times"


@task()
def record(log_path: str, name: str, seconds: float = 0.0) -> int:
    """Appends 'start name pid' and 'end name pid' lines to a file around a pause."""
    with open(log_path, "a") as log:
        log.write(f"start {name} {os.getpid()}\n")
    time.sleep(seconds)
    with open(log_path, "a") as log:
        log.write(f"end {name} {os.getpid()}\n")
    return os.getpid()


@task()
def polars_query(rows: int) -> int:
    """A Polars lazy query, the kind that hung in forked processes."""
    import polars as pl

    frame = pl.DataFrame({"key": [index % 7 for index in range(rows)], "value": range(rows)})
    return frame.lazy().group_by("key").agg(pl.col("value").sum()).collect().height


@task()
def niceness() -> int:
    """The CPU priority (nice value) of the process that runs the job."""
    return os.getpriority(os.PRIO_PROCESS, 0)


@task()
def lose_connection() -> int:
    """Has PostgreSQL end this process's connection, as a restart or a network cut would, and
    returns as if nothing happened: the worker meets the broken connection when it records."""
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("SELECT pg_backend_pid()")
        pid = cursor.fetchone()[0]
    other = connection.get_new_connection(connection.get_connection_params())
    try:
        other.execute("SELECT pg_terminate_backend(%s)", [pid])
    finally:
        other.close()
    return pid
