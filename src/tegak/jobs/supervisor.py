"""`tegak worker`: keeps N worker processes running and takes back the jobs of any that dies.

The worker processes are started as fresh interpreters (`python -m tegak.cli worker --child`),
never forked from this one: this process has loaded Django and Polars, and a fork of a process
whose threads have started can deadlock (see tegak/core/server.py). A child that exits without
being asked to (killed, out of memory, stopped over a hung job) is replaced at once, after its
jobs are taken back; one that keeps failing at start is replaced ever more slowly, and a
configuration error (exit 2) stops everything with the child's message.
"""

from __future__ import annotations

import logging
import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from types import FrameType

from tegak.jobs.models import WorkerProcess
from tegak.jobs.runner import new_worker_id, reclaim_expired

logger = logging.getLogger(__name__)
CONFIGURATION_ERROR = 2
QUICK_FAILURE_SECONDS = 10.0


@dataclass
class Child:
    slot: int
    worker_id: str
    process: subprocess.Popen[bytes]
    started: float = field(default_factory=time.monotonic)


class Supervisor:
    def __init__(
        self,
        *,
        processes: int,
        queues: list[str],
        graceful_seconds: float = 30.0,
        parent_pid: int | None = None,
    ):
        self.processes = processes
        self.parent_pid = parent_pid
        self.queues = queues
        self.graceful_seconds = graceful_seconds
        self.children: dict[int, Child] = {}
        self.stopping = False
        self.quick_failures: dict[int, int] = {}
        self.restart_at: dict[int, float] = {}

    def command(self, worker_id: str) -> list[str]:
        command = [sys.executable, "-m", "tegak.cli", "worker", "--child", "--worker-id", worker_id]
        if self.queues:
            command += ["--queue", ",".join(self.queues)]
        return command

    def start(self, slot: int) -> None:
        worker_id = new_worker_id()
        process = subprocess.Popen(self.command(worker_id))  # noqa: S603 - our own command
        self.children[slot] = Child(slot, worker_id, process)

    def _on_signal(self, signum: int, frame: FrameType | None) -> None:
        if self.stopping:
            for child in self.children.values():
                child.process.kill()
            return
        self.stopping = True
        for child in self.children.values():
            child.process.send_signal(signal.SIGTERM)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self._on_signal)
        signal.signal(signal.SIGINT, self._on_signal)
        for slot in range(self.processes):
            self.start(slot)
        while not self.stopping:
            time.sleep(0.5)
            if self.parent_pid is not None and os.getppid() != self.parent_pid:
                logger.warning("the web server that started this worker is gone; stopping")
                break
            status = self.watch()
            if status is not None:
                self.stop()
                return status
        return self.stop()

    def watch(self) -> int | None:
        """Replace children that exited; a configuration error ends the whole worker."""
        now = time.monotonic()
        for slot in range(self.processes):
            child = self.children.get(slot)
            if child is not None:
                code = child.process.poll()
                if code is None:
                    continue
                if self.stopping:
                    return None
                self.forget(child, code)
                if code == CONFIGURATION_ERROR:
                    return CONFIGURATION_ERROR
                quick = now - child.started < QUICK_FAILURE_SECONDS
                self.quick_failures[slot] = self.quick_failures.get(slot, 0) + 1 if quick else 0
                delay = min(60.0, 2 ** self.quick_failures[slot] - 1)
                self.restart_at[slot] = now + delay
                del self.children[slot]
            if now >= self.restart_at.get(slot, 0):
                self.start(slot)
        return None

    def forget(self, child: Child, code: int) -> None:
        """A child is gone without being asked: its jobs need not wait for their leases."""
        logger.warning("worker process %s stopped (exit %s); replacing it", child.worker_id, code)
        try:
            reclaim_expired(worker_id=child.worker_id)
            WorkerProcess.objects.filter(worker_id=child.worker_id).delete()
        except Exception:
            logger.exception(
                "could not take back the jobs of %s; their leases will", child.worker_id
            )

    def stop(self) -> int:
        self.stopping = True
        deadline = time.monotonic() + self.graceful_seconds
        for child in self.children.values():
            if child.process.poll() is None:
                child.process.send_signal(signal.SIGTERM)
        for child in self.children.values():
            remaining = max(0.1, deadline - time.monotonic())
            try:
                child.process.wait(timeout=remaining)
            except subprocess.TimeoutExpired:
                child.process.kill()
                child.process.wait()
                self.forget(child, -9)
        return 0
