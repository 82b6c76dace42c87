"""Background jobs on PostgreSQL with several workers (ADR 0030), against the bare SQL of a claim.

    .venv/bin/python bench/jobs.py [--database-url postgres://postgres@127.0.0.1:5432/tegak_jobs_bench]
                                   [--jobs 2000] [--workers 1,2,4]

The database in the URL is dropped and created again (it is the bench's own), then migrated.
In the same run it measures:

1. enqueue: `.enqueue()` of the django-tasks API, one job per transaction as a case step does,
   against a bare `INSERT` of the same row (one per transaction) through the same connection;
2. run: `--jobs` small jobs taken by K separate `tegak worker --burst` processes at once (as K
   machines would: each its own process and connection, claims with `FOR UPDATE SKIP LOCKED`,
   lease, heartbeat, result recorded), for each K of `--workers`; jobs per second from the first
   job started to the last finished (the workers' start-up is not counted) and the wall time;
   every job must have run exactly once (one try, one worker, SUCCESSFUL), else the bench fails;
3. baseline for (2), same run: one process doing only the SQL a claim and a finish need (the
   `UPDATE … WHERE id = (SELECT … FOR UPDATE SKIP LOCKED LIMIT 1)` and the `UPDATE` to
   SUCCESSFUL, each its own transaction) over the same number of rows.

Nothing is asserted beyond "each job once"; the figures are for reading (docs/operations.md).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT))
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tegak_jobs_bench"
TEGAK = str(Path(sys.executable).with_name("tegak"))


def environment(url: str) -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEGAK_", "DJANGO_", "DATABASE_URL"))
    }
    env.update(
        {
            "DATABASE_URL": url,
            "TEGAK_DATA_DIR": tempfile.mkdtemp(prefix="tegak-bench-jobs-"),
            "TEGAK_SECRET_KEY": "bench-secret-key-that-is-long-enough-for-django",
            "TEGAK_IDENTITY_KEYS": "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
            "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
            "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
            "PYTHONPATH": str(ROOT),  # the small job lives in tests/jobs/tasks.py
            "DJANGO_SETTINGS_MODULE": "tegak.config.settings",
        }
    )
    return env


def recreate_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    with psycopg.connect(url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        admin.execute(f'CREATE DATABASE "{name}"')


def enqueue(count: int) -> float:
    """`count` jobs through the django-tasks API, each in its own transaction; seconds."""
    from django.db import transaction
    from tests.jobs import tasks

    started = time.perf_counter()
    for number in range(count):
        with transaction.atomic():
            tasks.add.enqueue(number, 1)
    return time.perf_counter() - started


def bare_insert(count: int) -> float:
    """The same rows by a bare INSERT, one per transaction; seconds. Removed afterwards."""
    from django.db import connection, transaction

    sql = (
        "INSERT INTO jobs_job (id, task_path, args, kwargs, queue_name, priority, backend_name,"
        " status, available_at, deferred, enqueued_at, attempts, max_attempts, worker_id,"
        " worker_ids, errors) VALUES (gen_random_uuid(), 'tests.jobs.tasks.add', %s, '{}',"
        " 'bare', 0, 'default', 'READY', now(), false, now(), 0, 5, '', '[]', '[]')"
    )
    started = time.perf_counter()
    with connection.cursor() as cursor:
        for number in range(count):
            with transaction.atomic():
                cursor.execute(sql, [f"[{number}, 1]"])
    return time.perf_counter() - started


def bare_claims(count: int) -> float:
    """Claim and finish the bare rows with the SQL alone, each step its own transaction."""
    from django.db import connection, transaction

    claim = (
        "UPDATE jobs_job SET status = 'RUNNING', attempts = attempts + 1, started_at = now(),"
        " worker_id = 'bare', lease_expires_at = now() + interval '60 seconds'"
        " WHERE id = (SELECT id FROM jobs_job WHERE status = 'READY' AND queue_name = 'bare'"
        " AND available_at <= now() ORDER BY priority DESC, available_at, enqueued_at"
        " FOR UPDATE SKIP LOCKED LIMIT 1) RETURNING id"
    )
    finish = (
        "UPDATE jobs_job SET status = 'SUCCESSFUL', finished_at = now(), return_value = '1',"
        " worker_id = '', lease_expires_at = NULL WHERE id = %s AND worker_id = 'bare'"
    )
    done = 0
    started = time.perf_counter()
    with connection.cursor() as cursor:
        while True:
            with transaction.atomic():
                cursor.execute(claim)
                row = cursor.fetchone()
            if row is None:
                break
            with transaction.atomic():
                cursor.execute(finish, [row[0]])
            done += 1
    elapsed = time.perf_counter() - started
    assert done == count, (done, count)
    return elapsed


def run_workers(workers: int, env: dict[str, str]) -> tuple[float, float]:
    """K `tegak worker --burst` processes at once until the queue is empty: (wall, busy) s."""
    started = time.perf_counter()
    processes = [
        subprocess.Popen(
            [TEGAK, "worker", "--burst"],
            env=env,
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(workers)
    ]
    for process in processes:
        _out, err = process.communicate(timeout=3600)
        assert process.returncode == 0, err
    wall = time.perf_counter() - started
    from django.db.models import Max, Min

    from tegak.jobs.models import Job

    span = Job.objects.exclude(queue_name="bare").aggregate(
        first=Min("started_at"), last=Max("finished_at")
    )
    return wall, (span["last"] - span["first"]).total_seconds()


def check_each_ran_once(count: int) -> tuple[int, int]:
    """Every job SUCCESSFUL after one try by one worker; (jobs, distinct workers)."""
    from tegak.jobs.models import Job

    jobs = list(Job.objects.exclude(queue_name="bare").values("status", "attempts", "worker_ids"))
    assert len(jobs) == count, len(jobs)
    wrong = [job for job in jobs if job["status"] != "SUCCESSFUL" or job["attempts"] != 1]
    wrong += [job for job in jobs if len(job["worker_ids"]) != 1]
    assert not wrong, f"{len(wrong)} jobs did not run exactly once: {wrong[:3]}"
    return len(jobs), len({job["worker_ids"][0] for job in jobs})


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url", default=os.environ.get("TEGAK_BENCH_DATABASE_URL", DEFAULT_URL)
    )
    parser.add_argument("--jobs", type=int, default=2000)
    parser.add_argument("--workers", default="1,2,4", help="worker counts, comma-separated")
    args = parser.parse_args()
    if not args.database_url.startswith("postgres"):
        parser.error("--database-url must be PostgreSQL (the many-workers case of ADR 0030)")
    env = environment(args.database_url)
    os.environ.update(env)
    recreate_database(args.database_url)
    migrate = subprocess.run(
        [TEGAK, "migrate", "-v", "0"], env=env, cwd=ROOT, capture_output=True, text=True
    )
    assert migrate.returncode == 0, migrate.stderr

    import django

    django.setup()
    from tegak.jobs.models import Job

    count = args.jobs
    print(f"PostgreSQL, {count} jobs, {os.cpu_count()} CPUs, load {os.getloadavg()[0]:.1f}")
    print(f"{'what':<52} {'seconds':>8} {'per second':>11}")

    def line(what: str, seconds: float) -> None:
        print(f"{what:<52} {seconds:>8.2f} {count / seconds:>11,.0f}")

    api = enqueue(count)
    bare = bare_insert(count)
    line("enqueue through the API, one per transaction", api)
    line("baseline: bare INSERT, one per transaction", bare)
    print(f"  ratio API/bare: {api / bare:.2f}")
    claims = bare_claims(count)
    line("baseline: bare claim + finish SQL, one process", claims)
    Job.objects.filter(queue_name="bare").delete()
    for round_number, workers in enumerate(int(item) for item in args.workers.split(",")):
        if round_number:  # the first round takes the jobs enqueued above
            Job.objects.all().delete()
            enqueue(count)
        wall, busy = run_workers(workers, env)
        jobs, distinct = check_each_ran_once(count)
        line(f"{workers} x tegak worker --burst, first start to last end", busy)
        print(
            f"  wall {wall:.1f} s with start-up; each of {jobs} jobs ran once; "
            f"{distinct} worker(s) took jobs; ratio to bare SQL: {busy / claims:.2f}"
        )
    Job.objects.all().delete()


if __name__ == "__main__":
    main()
