"""One worker process: claim a job under a lease, run it, record what came out.

- **Claim**: the oldest available job of the highest priority, in one short transaction
  (`SELECT … FOR UPDATE SKIP LOCKED` on PostgreSQL, so many workers never take the same job;
  SQLite's `BEGIN IMMEDIATE` serialises claims instead). The claim counts as a try.
- **Lease and heartbeat**: a claimed job belongs to its worker until `lease_expires_at`; a
  thread of the worker moves that forward every third of the lease. A worker that dies (killed,
  machine lost) stops beating, and once the lease has run out **any** worker takes the job back:
  it is tried again after a backoff, or fails for good when its tries are used up.
- **Retry**: a job that raises waits `policy.retry_delay` and runs again, up to its
  `max_attempts`; then it is FAILED and shown on the administrator's page (the dead letter).
- **Time limit**: a job that runs past `JOB_TIME_LIMIT_SECONDS` is recorded as failed and its
  worker process exits; `tegak worker` starts a fresh one in its place.
- **Busy database**: the worker's own writes (a job's outcome, its registration) wait out a
  busy database for up to a lease (`tegak.jobs.patience`); one that still cannot be written is
  left to the lease reclaim. No OperationalError ends the worker's loop.
"""

from __future__ import annotations

import contextlib
import logging
import os
import socket
import threading
import time
import traceback as traceback_module
from collections.abc import Callable, Iterable
from datetime import datetime
from typing import Any

from django.db import close_old_connections, connection, transaction
from django.db.utils import OperationalError
from django.utils import timezone
from django.utils.crypto import get_random_string
from django_tasks import TaskContext
from django_tasks.signals import task_finished, task_started
from django_tasks.utils import normalize_json

from tegak.core import onerow
from tegak.jobs import periodic, policy
from tegak.jobs.backend import JobBackend, result_of, task_of
from tegak.jobs.models import Job, JobStatus, WorkerProcess
from tegak.jobs.patience import patiently

logger = logging.getLogger(__name__)
EXIT_TIME_LIMIT = 75  # the worker process stopped itself over a hung job; restart it
MAX_TRACEBACK_CHARS = 8000
# (database alias, whole row, locked, by id, number of queues) -> the claim's SELECT
_CLAIM_STATEMENTS: dict[tuple[Any, ...], str] = {}


class WorkerLost(Exception):
    """Recorded on a job whose worker stopped beating before it finished."""


class TimeLimitExceeded(Exception):
    """Recorded on a job that ran past the time limit."""


def new_worker_id() -> str:
    return f"{socket.gethostname()[:30]}:{os.getpid()}:{get_random_string(8)}"


def _error(exc_class_path: str, message: str, worker_id: str, trace: str = "") -> dict[str, str]:
    return {
        "exception_class_path": exc_class_path,
        "message": message[:500],
        "traceback": trace[-MAX_TRACEBACK_CHARS:],
        "at": timezone.now().isoformat(timespec="seconds"),
        "worker_id": worker_id,
    }


def _class_path(error: BaseException) -> str:
    return f"{type(error).__module__}.{type(error).__qualname__}"


def settle_failure(
    job: Job, error: dict[str, str], *, retry: bool = True, owner: str | None = None
) -> bool:
    """Record a failed try: wait and retry while tries remain, else fail for good. Only the
    worker that still holds the job (or, with `owner=None`, whoever reclaims it) may settle it.
    True when the row was updated."""
    now = timezone.now()
    rows = Job.objects.filter(pk=job.pk, status=JobStatus.RUNNING)
    if owner is not None:
        rows = rows.filter(worker_id=owner)
    errors = [*job.errors, error]
    if retry and job.attempts < job.max_attempts:
        changed = rows.update(
            status=JobStatus.READY,
            available_at=now + policy.retry_delay(job.attempts),
            errors=errors,
            worker_id="",
            lease_expires_at=None,
        )
    else:
        changed = rows.update(
            status=JobStatus.FAILED,
            finished_at=now,
            errors=errors,
            worker_id="",
            lease_expires_at=None,
        )
    job.errors = errors
    return bool(changed)


def reclaim_expired(*, now: datetime | None = None, worker_id: str | None = None) -> int:
    """Take back jobs whose worker stopped beating (or, given a worker id, that worker's jobs
    at once: its process is known to be gone). Returns how many were taken back."""
    now = now or timezone.now()
    running = Job.objects.filter(status=JobStatus.RUNNING)
    if worker_id is not None:
        running = running.filter(worker_id=worker_id)
    else:
        running = running.filter(lease_expires_at__lt=now)
    if not running.exists():
        return 0
    taken = 0
    with transaction.atomic():
        for job in running.select_for_update(skip_locked=True)[:100]:
            lost = _error(
                f"{__name__}.WorkerLost",
                f"worker {job.worker_id} stopped before the job finished",
                job.worker_id,
            )
            if settle_failure(job, lost):
                taken += 1
                logger.warning(
                    "job %s (%s) taken back from worker %s after try %d of %d",
                    job.pk,
                    job.task_path,
                    job.worker_id,
                    job.attempts,
                    job.max_attempts,
                )
    return taken


class Heartbeat(threading.Thread):
    """Renews the lease of the job in hand and says the worker is alive; stops a hung job."""

    def __init__(self, runner: JobRunner):
        super().__init__(name="tegak-job-heartbeat", daemon=True)
        self.runner = runner
        self.stopping = threading.Event()

    def run(self) -> None:
        try:
            while not self.stopping.wait(policy.heartbeat_seconds()):
                self.beat()
        finally:
            connection.close()

    def beat(self) -> None:
        now = timezone.now()
        job, started = self.runner.current, self.runner.current_started
        try:
            if job is not None and started is not None:
                if (now - started).total_seconds() > policy.time_limit_seconds():
                    self.give_up(job)
                    return
                Job.objects.filter(
                    pk=job.pk, status=JobStatus.RUNNING, worker_id=self.runner.worker_id
                ).update(lease_expires_at=now + policy.lease())
            seen = WorkerProcess.objects.filter(worker_id=self.runner.worker_id)
            if not seen.update(seen_at=now):
                self.runner.register_row()  # its registration could not be written at start
        except OperationalError:
            # SQLite busy past its timeout: the next beat comes well before the lease ends.
            logger.warning("job heartbeat could not write; trying again at the next beat")

    def give_up(self, job: Job) -> None:
        limit = policy.time_limit_seconds()
        logger.error(
            "job %s (%s) ran past %d s; stopping this worker", job.pk, job.task_path, limit
        )
        error = _error(
            f"{__name__}.TimeLimitExceeded",
            f"still running after {limit} seconds",
            self.runner.worker_id,
        )
        try:
            patiently(
                lambda: settle_failure(job, error, owner=self.runner.worker_id),
                what=f"job {job.pk}: recording its time limit",
            )
            WorkerProcess.objects.filter(worker_id=self.runner.worker_id).delete()
        except OperationalError:
            pass  # logged; the supervisor or the lease takes the job back
        os._exit(EXIT_TIME_LIMIT)


class JobRunner:
    """The loop of one worker process."""

    def __init__(
        self,
        *,
        worker_id: str | None = None,
        queues: Iterable[str] | None = None,
        idle_seconds: float = 1.0,
        housekeeping_seconds: float = 5.0,
    ):
        self.worker_id = worker_id or new_worker_id()
        self.queues = list(queues) if queues else None
        self.idle_seconds = idle_seconds
        self.housekeeping_seconds = housekeeping_seconds
        # When a stop was asked (`stop`): a plain attribute, written without a lock.
        self.stop_requested_at: float | None = None
        self.current: Job | None = None
        self.current_started: datetime | None = None
        self.ran = 0

    # -- the loop -----------------------------------------------------------------------------

    def run(self, *, burst: bool = False, periodic_work: bool = True) -> int:
        """Run jobs until asked to stop (or, in a burst, until none is available)."""
        self.register()
        heartbeat = Heartbeat(self)
        heartbeat.start()
        next_housekeeping = 0.0
        try:
            while self.stop_requested_at is None:
                close_old_connections()
                clock = timezone.now().timestamp()
                if clock >= next_housekeeping:
                    self.housekeeping(periodic_work=periodic_work and not burst)
                    next_housekeeping = clock + self.housekeeping_seconds
                job = self.claim()
                if job is not None:
                    self.execute(job)
                    if not burst and policy.grown_too_large():
                        # Python keeps memory a job once took (a large import, a big file);
                        # this process ends after the job and its supervisor starts a fresh one.
                        logger.info("worker %s grew past its memory limit; ending", self.worker_id)
                        break
                    continue
                if burst:
                    break
                time.sleep(self.idle_seconds)
        finally:
            heartbeat.stopping.set()
            heartbeat.join(timeout=5)
            self.unregister()
        return self.ran

    def stop(self, at: float | None = None) -> None:
        """Finish the job in hand, then stop: noticed at the end of the job or of the idle
        pause (at most `idle_seconds`). The first request counts.

        Called from the SIGTERM handler, so it takes no lock. The loop used to wait on a
        `threading.Event` and the handler to set it; a handler runs in the main thread between
        two of its steps, possibly while that thread held the event's lock (in `Event.wait`, or
        in an earlier handler's `Event.set`), and then waited for ever on it. A worker sent
        SIGTERM twice at once (its process group, then its supervisor) hung so until the
        supervisor killed it 30 s later."""
        if self.stop_requested_at is None:
            self.stop_requested_at = time.monotonic() if at is None else at

    def housekeeping(self, *, periodic_work: bool) -> None:
        try:
            reclaim_expired()
            if periodic_work:
                periodic.enqueue_due()
        except OperationalError:
            logger.warning("job housekeeping could not write (database busy); later")

    def register(self) -> None:
        """Say this worker is alive, waiting out a busy database; if it never frees, the
        heartbeat registers the worker once it can write."""
        with contextlib.suppress(OperationalError):  # logged
            patiently(self.register_row, what=f"worker {self.worker_id}: registration")

    def register_row(self) -> None:
        now = timezone.now()
        WorkerProcess.objects.update_or_create(
            worker_id=self.worker_id,
            defaults={
                "hostname": socket.gethostname()[:255],
                "pid": os.getpid(),
                "started_at": now,
                "seen_at": now,
            },
        )

    def unregister(self) -> None:
        try:
            WorkerProcess.objects.filter(worker_id=self.worker_id).delete()
        except OperationalError:
            logger.warning("could not remove worker %s from the list", self.worker_id)

    # -- one job ------------------------------------------------------------------------------

    def _claim_sql(self, *, whole_row: bool, lock: bool, by_id: bool) -> str:
        """The SELECT of the next available job (its id, or its whole row), written once per
        shape: the claim runs every second of an idle worker and once per job of a busy one,
        and the query compiler cost more than the job's own file work (ADR 0034)."""
        queues = None if self.queues is None else len(self.queues)
        key = (connection.alias, whole_row, lock, by_id, queues)
        sql = _CLAIM_STATEMENTS.get(key)
        if sql is None:
            meta = Job._meta
            quote = connection.ops.quote_name

            def column(name: str) -> str:
                return onerow.column(Job, name, using=connection.alias)

            selected = onerow.columns(Job) if whole_row else column("id")
            where = [f"{column('status')} = %s", f"{column('available_at')} <= %s"]
            if queues is not None:
                where.append(f"{column('queue_name')} IN ({', '.join(['%s'] * queues)})")
            if by_id:
                where.append(f"{column('id')} = %s")
            # Names from the model's metadata, quoted; every value is a parameter. The order
            # is the ready index's (jobs_ready_idx): highest priority, then the longest waiting.
            sql = (
                f"SELECT {selected} FROM {quote(meta.db_table)} "  # noqa: S608
                f"WHERE {' AND '.join(where)} "
                f"ORDER BY {column('priority')} DESC, {column('available_at')} ASC, "
                f"{column('enqueued_at')} ASC LIMIT 1"
            )
            if lock:
                sql += " " + connection.ops.for_update_sql(skip_locked=True)
            _CLAIM_STATEMENTS[key] = sql
        return sql

    def _claim_params(self, job_id: Any, *, now: datetime | None = None) -> list[Any]:
        meta = Job._meta
        available_at: Any = meta.get_field("available_at")
        params = [
            JobStatus.READY.value,
            available_at.get_db_prep_value(now or timezone.now(), connection),
            *(self.queues or []),
        ]
        if job_id is not None:
            key: Any = meta.pk
            params.append(key.get_db_prep_value(key.to_python(job_id), connection))
        return params

    def _claim_update_sql(self, *, by_id: bool) -> str:
        """PostgreSQL: the claim as one statement. The next available job is chosen and locked
        (FOR UPDATE SKIP LOCKED, so that many workers never take the same one), marked as this
        worker's under a lease, and returned whole: one round trip where a read, BEGIN, the
        locking SELECT, the UPDATE and COMMIT took five. A statement that finds nothing locks
        nothing, so an idle worker needs no read first."""
        queues = None if self.queues is None else len(self.queues)
        key = (connection.alias, "update", by_id, queues)
        sql = _CLAIM_STATEMENTS.get(key)
        if sql is None:
            quote = connection.ops.quote_name

            def column(name: str) -> str:
                return onerow.column(Job, name, using=connection.alias)

            assignments = [
                f"{column('status')} = %s",
                f"{column('attempts')} = {column('attempts')} + 1",
                f"{column('worker_id')} = %s",
                f"{column('worker_ids')} = {column('worker_ids')} || jsonb_build_array(%s::text)",
                f"{column('started_at')} = COALESCE({column('started_at')}, %s)",
                f"{column('last_attempted_at')} = %s",
                f"{column('lease_expires_at')} = %s",
            ]
            chosen = self._claim_sql(whole_row=False, lock=True, by_id=by_id)
            sql = (
                f"UPDATE {quote(Job._meta.db_table)} SET {', '.join(assignments)} "  # noqa: S608
                f"WHERE {column('id')} = ({chosen}) "
                f"RETURNING {onerow.columns(Job, using=connection.alias)}"
            )
            _CLAIM_STATEMENTS[key] = sql
        return sql

    def _claim_postgresql(self, job_id: Any) -> Job | None:
        meta = Job._meta
        moment: Any = meta.get_field("last_attempted_at")
        now = timezone.now()
        params = [
            JobStatus.RUNNING.value,
            self.worker_id,
            self.worker_id,
            moment.get_db_prep_value(now, connection),
            moment.get_db_prep_value(now, connection),
            moment.get_db_prep_value(now + policy.lease(), connection),
            *self._claim_params(job_id, now=now),
        ]
        with connection.cursor() as cursor:
            cursor.execute(self._claim_update_sql(by_id=job_id is not None), params)
            row = cursor.fetchone()
        return None if row is None else onerow.from_row(Job, row)

    def claim(self, job_id: Any = None) -> Job | None:
        """Take the next available job (or this one) under a lease (None when there is none)."""
        by_id = job_id is not None
        try:
            if connection.vendor == "postgresql":
                return self._claim_postgresql(job_id)
            params = self._claim_params(job_id)
            with connection.cursor() as cursor:  # a read first: no write lock while idle
                cursor.execute(self._claim_sql(whole_row=False, lock=False, by_id=by_id), params)
                if cursor.fetchone() is None:
                    return None
            # PostgreSQL: FOR UPDATE SKIP LOCKED, so that many workers never take the same
            # job; SQLite: the transaction's BEGIN IMMEDIATE already holds the one write lock.
            lock = connection.features.has_select_for_update_skip_locked
            with transaction.atomic():
                with connection.cursor() as cursor:
                    cursor.execute(self._claim_sql(whole_row=True, lock=lock, by_id=by_id), params)
                    row = cursor.fetchone()
                if row is None:
                    return None
                job: Job = onerow.from_row(Job, row)
                now = timezone.now()
                job.status = JobStatus.RUNNING
                job.attempts += 1
                job.worker_id = self.worker_id
                job.worker_ids = [*job.worker_ids, self.worker_id]
                job.started_at = job.started_at or now
                job.last_attempted_at = now
                job.lease_expires_at = now + policy.lease()
                onerow.update(
                    job,
                    [
                        "status",
                        "attempts",
                        "worker_id",
                        "worker_ids",
                        "started_at",
                        "last_attempted_at",
                        "lease_expires_at",
                    ],
                )
        except OperationalError:
            logger.warning("could not claim a job (database busy); trying again")
            return None
        return job

    def execute(self, job: Job) -> None:
        """Run one claimed job and record its outcome (only while this worker still holds it)."""
        self.current, self.current_started = job, timezone.now()
        try:
            self._execute(job)
        finally:
            self.current, self.current_started = None, None
            self.ran += 1

    def _execute(self, job: Job) -> None:
        try:
            task = task_of(job)
        except Exception as error:  # the code is gone or the path is wrong: retrying is useless
            logger.error("job %s: cannot load %s", job.pk, job.task_path)
            failure = _error(_class_path(error), str(error), self.worker_id)
            self._record(
                job, lambda: settle_failure(job, failure, retry=False, owner=self.worker_id)
            )
            return
        task_started.send(sender=JobBackend, task_result=result_of(job, task))
        try:
            if task.takes_context:
                value = task.call(
                    TaskContext(task_result=result_of(job, task)), *job.args, **job.kwargs
                )
            else:
                value = task.call(*job.args, **job.kwargs)
            value = normalize_json(value)
        except Exception as error:
            self._rollback_broken_transaction()
            failure = _error(
                _class_path(error),
                str(error),
                self.worker_id,
                "".join(traceback_module.format_exception(error)),
            )
            logger.warning(
                "job %s (%s) failed on try %d of %d: %s",
                job.pk,
                job.task_path,
                job.attempts,
                job.max_attempts,
                _class_path(error),
            )
            settled = self._record(job, lambda: settle_failure(job, failure, owner=self.worker_id))
            if settled is False:
                logger.warning("job %s had been taken back; its failure is not recorded", job.pk)
        else:
            settled = self._record(job, lambda: self._succeed(job, value), one_statement=True)
            if settled is False:
                logger.warning("job %s had been taken back; it ran here too", job.pk)
            elif settled:
                # The instance holds what was written: no need to read it back.
                task_finished.send(sender=JobBackend, task_result=result_of(job, task))
                return
        if settled is None:
            return
        try:
            patiently(job.refresh_from_db, what=f"job {job.pk}: reading it back", atomic=False)
        except OperationalError:
            return  # logged; what was recorded stands
        task_finished.send(sender=JobBackend, task_result=result_of(job, task))

    def _succeed(self, job: Job, value: Any) -> bool:
        """Record a job's success, if this worker still holds it (the instance then holds what
        was written)."""
        job.status = JobStatus.SUCCESSFUL
        job.finished_at = timezone.now()
        job.return_value = value
        job.worker_id = ""
        job.lease_expires_at = None
        return onerow.update_where(
            job,
            ["status", "finished_at", "return_value", "worker_id", "lease_expires_at"],
            status=JobStatus.RUNNING.value,
            worker_id=self.worker_id,
        )

    @staticmethod
    def _record(job: Job, write: Callable[[], bool], *, one_statement: bool = False) -> bool | None:
        """Write a job's outcome, waiting out a busy database: whether this worker still held
        the job, or None when nothing could be written within a lease (then the lease reclaim
        takes the job back and it is tried again, as if this worker had died).

        A write of `one_statement` needs no transaction of its own on PostgreSQL (the statement
        is one): BEGIN and COMMIT would be two more round trips per job. SQLite keeps it, as
        its BEGIN IMMEDIATE is where the backend waits for the write lock in short steps."""
        atomic = (
            not one_statement or connection.vendor != "postgresql" or connection.in_atomic_block
        )
        try:
            return patiently(
                write, what=f"job {job.pk} ({job.task_path}): recording its outcome", atomic=atomic
            )
        except OperationalError:
            logger.error(
                "job %s: outcome not recorded; taken back and tried again after its lease", job.pk
            )
            return None

    @staticmethod
    def _rollback_broken_transaction() -> None:
        if connection.in_atomic_block:
            return  # a caller's transaction (tests): leave it to its owner
        if connection.needs_rollback or not connection.is_usable():
            connection.close()


def drain(*, queues: Iterable[str] | None = None, limit: int | None = 1000) -> int:
    """Run every job that is available now in this process, without a heartbeat thread (for
    tests and `tegak worker --burst`), at most `limit` of them (None: until none is left; a
    test's limit stops a job that keeps enqueueing itself). Returns how many ran."""
    runner = JobRunner(queues=queues)
    ran = 0
    while limit is None or ran < limit:
        job = runner.claim()
        if job is None:
            break
        runner.execute(job)
        ran += 1
    return ran


def worker_alive() -> bool:
    """Whether a `tegak worker` process said it was alive within one lease."""
    return WorkerProcess.objects.filter(seen_at__gte=timezone.now() - policy.lease()).exists()


def run_job_now(*, task_path: str, args: list[Any]) -> bool:
    """Run the waiting job of this task with these arguments in this process, claimed under a
    lease like any worker's claim (for a command that waits for its own job while no worker is
    running). False when no such job waits (a worker took it)."""
    runner = JobRunner()
    ready = Job.objects.filter(status=JobStatus.READY, task_path=task_path, args=args)
    job_id = ready.values_list("pk", flat=True).first()
    if job_id is None:
        return False
    job = runner.claim(job_id=job_id)
    if job is None:
        return False
    runner.execute(job)
    return True
