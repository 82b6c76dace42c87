"""`tegak worker`: run background jobs (and schedule the periodic ones) until stopped."""

from __future__ import annotations

import argparse
import logging
import os
import signal
import time
from types import FrameType
from typing import Any

from django.conf import settings
from django.core.management.base import CommandParser
from django.db import connections

from tegak.core.commands import TegakCommand
from tegak.core.errors import InputError
from tegak.jobs.priority import lower_priority
from tegak.jobs.runner import JobRunner, drain
from tegak.jobs.supervisor import Supervisor

# A second stop signal within this many seconds of the first is the same request (see _child).
REPEATED_STOP_SECONDS = 2.0


def _queues(text: str) -> list[str]:
    return [name.strip() for name in text.split(",") if name.strip()]


class Command(TegakCommand):
    help = (
        "Run background jobs: deadline sweeps, reminders, escalations, documents, evidence "
        "previews, housekeeping. Starts --processes worker processes, replaces any that dies and "
        "takes back its jobs; schedules the periodic work itself (no cron needed)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--processes",
            type=int,
            default=settings.JOB_WORKER_PROCESSES,
            help="worker processes on this machine (default: TEGAK_WORKER_PROCESSES or 1)",
        )
        parser.add_argument(
            "--queue", default="", help="only these queues (comma-separated; default: all)"
        )
        parser.add_argument(
            "--burst",
            action="store_true",
            help="run the jobs available now in this process, then exit (no periodic work)",
        )
        parser.add_argument(
            "--nice",
            type=int,
            default=0,
            help="lower the worker's CPU priority by this much (0-19; its processes inherit it)",
        )
        parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument("--stop-with-parent", action="store_true", help=argparse.SUPPRESS)
        parser.add_argument(
            "--graceful-seconds",
            type=float,
            default=30.0,
            help="on a stop, how long the job in hand may run on before it is ended and taken "
            "back (default 30; `tegak serve` passes its TEGAK_SERVE_GRACEFUL_TIMEOUT)",
        )
        parser.add_argument("--worker-id", default=None, help=argparse.SUPPRESS)

    def handle(self, *args: Any, **options: Any) -> None:
        logging.getLogger("tegak.jobs").setLevel(logging.INFO)
        queues = _queues(options["queue"])
        if options["burst"]:
            # Every job available, however many: it stopped after 1,000 and left the rest
            # waiting, with nothing said (seen with bench/jobs.py --jobs 3000).
            ran = drain(queues=queues or None, limit=None)
            self.stdout.write(f"{ran} jobs run")
            return
        if options["child"]:
            self._child(worker_id=options["worker_id"], queues=queues)
            return
        if not 1 <= options["processes"] <= 64:
            raise InputError("processes", "--processes must be between 1 and 64")
        if not 0 <= options["nice"] <= 19:
            raise InputError("nice", "--nice must be between 0 and 19")
        if options["nice"]:
            lower_priority(options["nice"])
        self.stdout.write(
            f"tegak worker: {options['processes']} process(es), queues: "
            f"{', '.join(queues) or 'all'} (Ctrl+C to stop)"
        )
        self.stdout.flush()
        status = Supervisor(
            processes=options["processes"],
            queues=queues,
            parent_pid=os.getppid() if options["stop_with_parent"] else None,
            graceful_seconds=options["graceful_seconds"],
        ).run()
        # Every worker process has stopped and its jobs are settled: leave now. Tearing down
        # this interpreter (Django, Polars, every module) took 7-11 s of CPU at the lowered
        # priority on a busy machine, which kept `tegak serve` from stopping (Ctrl+C).
        self.stdout.flush()
        self.stderr.flush()
        logging.shutdown()
        connections.close_all()
        os._exit(status)

    def _child(self, *, worker_id: str | None, queues: list[str]) -> None:
        runner = JobRunner(worker_id=worker_id, queues=queues or None)

        def on_signal(signum: int, frame: FrameType | None) -> None:
            # No lock may be taken here (JobRunner.stop). A stop sent to the whole
            # process group reaches this process twice at once, from the sender and from the
            # supervisor: that is one request. Asked again later: leave the job in hand to be
            # taken back after its lease.
            now = time.monotonic()
            first = runner.stop_requested_at
            if first is not None and now - first > REPEATED_STOP_SECONDS:
                os._exit(1)
            runner.stop(now)

        # Only the supervisor tells a child to stop (Ctrl+C reaches the whole process group;
        # the supervisor turns it into one SIGTERM, so the job in hand can finish).
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        signal.signal(signal.SIGTERM, on_signal)
        runner.run()
