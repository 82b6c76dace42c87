"""Stopping a worker process from its signal handler: the idle loop ends, each time."""

from __future__ import annotations

import signal
import time

import pytest

from tegak.jobs.runner import JobRunner


@pytest.mark.django_db(transaction=True)
def test_a_stop_signal_twice_at_once_ends_the_idle_loop_promptly():
    """SIGTERM to a process group reaches the worker process twice at once (from the sender
    and from its supervisor). Here two signals come in the same instant while the loop idles:
    the handler asks to stop (as `tegak worker`'s does), and the loop ends within its pause.
    When the handler set a `threading.Event` the loop waited on, it could wait for ever on
    that event's lock, held by its own thread."""
    runner = JobRunner(worker_id="test:1:stop", idle_seconds=0.2, housekeeping_seconds=60)
    asked: list[float] = []

    def handler(signum, frame):  # type: ignore[no-untyped-def]
        asked.append(time.monotonic())
        runner.stop(asked[-1])
        if len(asked) == 1:
            signal.raise_signal(signal.SIGALRM)  # the second, while the first is handled

    previous = signal.signal(signal.SIGALRM, handler)
    try:
        signal.setitimer(signal.ITIMER_REAL, 0.5)
        started = time.monotonic()
        runner.run(periodic_work=False)
        ended = time.monotonic()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)

    assert len(asked) == 2
    assert runner.stop_requested_at == asked[0]  # the first request counts
    assert ended - asked[0] < 10  # within the pause (and the heartbeat's join), not for ever
    assert ended - started >= 0.4  # it did idle until asked


def test_stop_keeps_the_first_request():
    runner = JobRunner(worker_id="test:1:stop")
    assert runner.stop_requested_at is None
    runner.stop(10.0)
    runner.stop(11.0)
    assert runner.stop_requested_at == 10.0
