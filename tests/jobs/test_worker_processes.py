"""The real `tegak worker`, in its own processes and database: kill it, and the job still runs.

Each test runs the command as an operator would, against a database of its own (a fresh SQLite
file, or a fresh PostgreSQL database when the suite runs on PostgreSQL), with a short lease so
that a vanished worker is noticed in seconds.
"""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parents[2]
TEGAK = str(Path(sys.executable).with_name("tegak"))
pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("worker-processes")]


class Installation:
    """A data folder and database of their own, migrated; `tegak` commands run against them."""

    def __init__(self, data_dir: Path, database_url: str | None):
        self.data_dir = data_dir
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEGAK_", "DJANGO_", "DATABASE_URL"))
        }
        self.env.update(
            {
                "TEGAK_DATA_DIR": str(data_dir),
                "TEGAK_SECRET_KEY": "worker-test-secret-key-long-enough-for-django",
                "TEGAK_IDENTITY_KEYS": "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
                "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
                "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
                "TEGAK_JOB_LEASE_SECONDS": "3",
                "TEGAK_JOB_RETRY_BASE_SECONDS": "1",
                "TEGAK_PERIODIC_JOBS_OFF": "cases.clocks_sweep,jobs.housekeeping,"
                "accounts.prune_sessions",
                "PYTHONPATH": str(ROOT),  # the test tasks live in tests/jobs/tasks.py
            }
        )
        if database_url:
            self.env["DATABASE_URL"] = database_url
        self.tegak("migrate", "-v", "0")

    def tegak(self, *args: str) -> str:
        result = subprocess.run(
            [TEGAK, *args],
            env=self.env,
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
        assert result.returncode == 0, result.stderr
        return result.stdout

    def python(self, code: str) -> object:
        """Run code in a Django shell of this installation; it prints one JSON value."""
        return json.loads(self.tegak("shell", "-c", code).strip().splitlines()[-1])

    def enqueue(self, call: str) -> str:
        return str(
            self.python(
                "import json; from tests.jobs import tasks; "
                f"print(json.dumps(str(tasks.{call}.id)))"
            )
        )

    def jobs(self) -> dict[str, dict[str, object]]:
        return self.python(  # type: ignore[return-value]
            "import json; from tegak.jobs.models import Job; print(json.dumps({str(j.pk): "
            "{'status': j.status, 'workers': j.worker_ids, 'errors': "
            "[e['exception_class_path'] for e in j.errors], 'value': j.return_value} "
            "for j in Job.objects.all()}))"
        )

    def start_worker(self, *args: str, **env: str) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [TEGAK, "worker", *args],
            env={**self.env, **env},
            cwd=ROOT,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )


def _stop(process: subprocess.Popen[str], sig: int = signal.SIGTERM) -> str:
    if process.poll() is None:
        os.killpg(process.pid, sig)
    try:
        output, _ = process.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
    return output


def _wait_for(predicate, seconds: float, what: str):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.3)
    pytest.fail(f"{what} did not happen within {seconds} s")


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> Iterator[Installation]:
    yield from new_installation(tmp_path_factory)


def new_installation(tmp_path_factory) -> Iterator[Installation]:
    """A migrated installation of its own (a PostgreSQL database too when the suite runs there),
    dropped afterwards."""
    database_url = None
    admin_url = os.environ.get("TEGAK_TEST_DATABASE_URL")
    name = f"tegak_jobs_{uuid.uuid4().hex[:8]}"
    if admin_url:
        import psycopg

        with psycopg.connect(admin_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as pg:
            pg.execute(f'CREATE DATABASE "{name}"')
        database_url = admin_url.rsplit("/", 1)[0] + "/" + name
    try:
        yield Installation(tmp_path_factory.mktemp("worker"), database_url)
    finally:
        if admin_url:
            import psycopg

            with psycopg.connect(admin_url.rsplit("/", 1)[0] + "/postgres", autocommit=True) as pg:
                pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _started(log: Path, name: str) -> int | None:
    if not log.exists():
        return None
    for line in log.read_text().splitlines():
        word, job_name, pid = line.split()
        if word == "start" and job_name == name:
            return int(pid)
    return None


def test_a_worker_process_killed_mid_job_is_replaced_and_the_job_runs_again(installation, tmp_path):
    log = tmp_path / "log"
    job_id = installation.enqueue(f"record.enqueue({str(log)!r}, 'long', 4)")
    worker = installation.start_worker("--processes", "1")
    try:
        first_pid = _wait_for(lambda: _started(log, "long"), 60, "the job starting")
        os.kill(first_pid, signal.SIGKILL)  # out of memory, a crash: no goodbye
        job = _wait_for(
            lambda: (j := installation.jobs()[job_id])["status"] == "SUCCESSFUL" and j,
            90,
            "the job finishing on a replacement process",
        )
    finally:
        output = _stop(worker)
    assert job["errors"] == ["tegak.jobs.runner.WorkerLost"], output
    assert len(job["workers"]) == 2
    assert f"end long {first_pid}" not in log.read_text()
    assert job["value"] != first_pid
    assert worker.returncode == 0, output


def test_a_whole_machine_lost_mid_job_is_noticed_by_the_next_worker(installation, tmp_path):
    log = tmp_path / "log"
    job_id = installation.enqueue(f"record.enqueue({str(log)!r}, 'lost', 4)")
    worker = installation.start_worker("--processes", "1")
    try:
        _wait_for(lambda: _started(log, "lost"), 60, "the job starting")
    finally:
        _stop(worker, signal.SIGKILL)  # supervisor and child gone together: only the lease
    assert installation.jobs()[job_id]["status"] == "RUNNING"
    worker = installation.start_worker("--processes", "1")
    try:
        job = _wait_for(
            lambda: (j := installation.jobs()[job_id])["status"] == "SUCCESSFUL" and j,
            90,
            "the job finishing after its lease ran out",
        )
    finally:
        _stop(worker)
    assert job["errors"] == ["tegak.jobs.runner.WorkerLost"]


def test_several_processes_share_the_queue_each_job_runs_once_and_polars_works(
    installation, tmp_path
):
    log = tmp_path / "log"
    # Two `tegak worker` commands, as on two machines: three processes claim from one table.
    workers = [
        installation.start_worker("--processes", "2"),
        installation.start_worker("--processes", "1"),
    ]
    # The jobs come once every process is up (on a loaded machine one could start late and
    # find the queue empty), all in one transaction.
    _wait_for(
        lambda: (
            installation.python(
                "import json; from tegak.jobs.models import WorkerProcess; print(json.dumps(sum("
                f"WorkerProcess.objects.filter(worker_id__contains=':{{}}:'.format(pid)).count() "
                f"for pid in {[worker.pid for worker in workers]!r})))"
            )
            == 3
        ),
        120,
        "three worker processes registered",
    )
    ids = installation.python(
        "import json; from django.db import transaction; from tests.jobs import tasks\n"
        "with transaction.atomic():\n"
        f"    ids = [str(tasks.record.enqueue({str(log)!r}, f'job{{n}}', 0.2).id)"
        " for n in range(24)]"
        " + [str(tasks.polars_query.enqueue(100000).id) for _ in range(2)]\n"
        "print(json.dumps(ids))"
    )
    assert isinstance(ids, list)
    try:
        _wait_for(
            lambda: all(
                j["status"] == "SUCCESSFUL" for k, j in installation.jobs().items() if k in ids
            ),
            120,
            "every job finishing",
        )
    finally:
        output = "".join(_stop(worker) for worker in workers)
    starts = [line.split() for line in log.read_text().splitlines() if line.startswith("start")]
    names = sorted(name for _word, name, _pid in starts)
    assert names == sorted(f"job{n}" for n in range(24)), output  # each exactly once
    assert len({pid for _word, _name, pid in starts}) > 1  # the work was shared
    jobs = installation.jobs()
    assert [jobs[k]["value"] for k in ids[-2:]] == [7, 7]  # Polars answered in the workers
    assert all(len(jobs[k]["workers"]) == 1 and not jobs[k]["errors"] for k in ids)  # one try


@pytest.mark.skipif(
    "sqlite" not in settings.DATABASES["default"]["ENGINE"],
    reason="SQLite's one write lock; PostgreSQL locks rows",
)
def test_a_worker_waits_out_a_busy_database_to_record_its_job_and_does_not_die(
    installation, tmp_path
):
    """Under the intake benchmark the worker died of "database is locked" while it recorded a
    finished job, and the job ran again after its lease. Here another connection holds SQLite's
    write lock from before the job ends until well past the worker's busy timeout (0.2 s)."""
    log = tmp_path / "log"
    worker = installation.start_worker(
        "--processes", "1", DJANGO_SETTINGS_MODULE="tests.jobs.settings_short_busy_timeout"
    )
    database = installation.data_dir / "tegak.sqlite3"
    holder = sqlite3.connect(database, timeout=10, isolation_level=None)
    try:
        # Three seconds: the lock below must be taken while the job still runs, however loaded
        # the machine (with half a second the job sometimes ended, and was recorded, first).
        job_id = installation.enqueue(f"record.enqueue({str(log)!r}, 'locked', 3)")
        _wait_for(lambda: _started(log, "locked"), 60, "the job starting")
        holder.execute("BEGIN IMMEDIATE")  # as a web request saving a report would
        try:
            _wait_for(lambda: "end locked" in log.read_text(), 30, "the job ending")
            time.sleep(1.5)  # the worker tries to record the job meanwhile
        finally:
            holder.execute("ROLLBACK")
        status, workers, errors = _wait_for(
            lambda: (row := _job_row(holder, job_id))[0] != "RUNNING" and row,
            30,
            "the job recorded",
        )
        assert worker.poll() is None
    finally:
        holder.close()
        output = _stop(worker)
    assert "stopped (exit" not in output, output  # the worker process was never replaced
    assert (status, len(json.loads(workers)), json.loads(errors)) == ("SUCCESSFUL", 1, []), output
    assert log.read_text().count("start locked") == 1  # the job ran once
    assert "waiting" in output and "busy database" in output, output  # and said it waited
    assert worker.returncode == 0, output


def test_an_idle_worker_stopped_by_its_whole_process_group_ends_at_once_each_time(installation):
    """SIGTERM to the process group (as a service manager stops a service) reaches the worker
    process twice at once, from the sender and from its supervisor. Its handler used to take
    the lock of the event the idle loop waits on, and sometimes waited for ever on its own
    thread: the supervisor killed it 30 s later ("stopped (exit -9)")."""
    for _ in range(4):
        worker = installation.start_worker("--processes", "1")
        _wait_for(
            lambda worker=worker: _registered(installation, worker) == 1,
            60,
            "the worker registering",
        )
        time.sleep(random.uniform(0.0, 1.0))  # anywhere in the idle second
        started = time.monotonic()
        output = _stop(worker)
        assert "stopped (exit" not in output, output
        assert worker.returncode == 0, output
        assert time.monotonic() - started < 20, output


@pytest.mark.skipif(
    "postgresql" not in settings.DATABASES["default"]["ENGINE"],
    reason="PostgreSQL's own connections; SQLite has none to cut",
)
def test_a_worker_whose_database_connection_was_cut_records_its_job_and_does_not_die(
    installation,
):
    """The same OperationalError on PostgreSQL: the worker's connection is ended (a restart, a
    network cut) while its job runs; the outcome is written on a new connection."""
    worker = installation.start_worker("--processes", "1")
    try:
        job_id = installation.enqueue("lose_connection.enqueue()")
        job = _wait_for(
            lambda: (
                (j := installation.jobs()[job_id])["status"] != "RUNNING"
                and j["status"] != "READY"
                and j
            ),
            90,
            "the job recorded",
        )
        assert worker.poll() is None
    finally:
        output = _stop(worker)
    assert "stopped (exit" not in output, output  # the worker process was never replaced
    assert (job["status"], len(job["workers"]), job["errors"]) == ("SUCCESSFUL", 1, []), output
    assert worker.returncode == 0, output


def _registered(installation: Installation, worker: subprocess.Popen[str]) -> int:
    """The worker processes of this `tegak worker` command that say they are alive."""
    count = installation.python(
        "import json; from tegak.jobs.models import WorkerProcess; print(json.dumps("
        f"WorkerProcess.objects.filter(worker_id__contains=':{worker.pid}:').count()))"
    )
    assert isinstance(count, int)
    return count


def _job_row(database: sqlite3.Connection, job_id: str) -> tuple[str, str, str]:
    return database.execute(
        "SELECT status, worker_ids, errors FROM jobs_job WHERE id = ?", [uuid.UUID(job_id).hex]
    ).fetchone()


def test_a_niced_worker_runs_its_jobs_below_the_web_servers_priority(installation):
    """`tegak serve` starts its job worker with `--nice 10` so that a reporter waiting for a
    receipt goes before a cleaned copy: the jobs themselves must run at that priority (the
    worker's child processes inherit it), not only the supervisor."""
    base = os.getpriority(os.PRIO_PROCESS, 0)
    job_id = installation.enqueue("niceness.enqueue()")
    worker = installation.start_worker("--processes", "1", "--nice", "7")
    try:
        job = _wait_for(
            lambda: (j := installation.jobs()[job_id])["status"] == "SUCCESSFUL" and j,
            90,
            "the job finishing",
        )
        assert os.getpriority(os.PRIO_PROCESS, worker.pid) == min(base + 7, 19)
    finally:
        output = _stop(worker)
    assert job["value"] == min(base + 7, 19), output
    assert worker.returncode == 0, output


def test_a_nice_value_out_of_range_is_refused_with_the_field(installation):
    result = subprocess.run(
        [TEGAK, "worker", "--nice", "25"],
        env=installation.env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 2
    assert json.loads(result.stderr)["error"]["field"] == "nice"
