"""Stopping a worker process from a signal handler takes no lock."""

from __future__ import annotations

import threading

from tegak.jobs.runner import JobRunner


def test_a_stop_request_needs_no_lock_the_idle_loop_may_hold():
    """The handler of SIGTERM runs in the worker's main thread, possibly while that thread holds
    the lock inside the event its idle loop waits on (or inside an earlier handler that took
    it). `Event.set()` there waited for ever; `request_stop` must return all the same."""
    runner = JobRunner(worker_id="test:1:stop")
    returned = threading.Event()

    def handler_while_the_lock_is_held() -> None:
        with runner.stopping._cond:  # what Event.wait/Event.set hold, in CPython's threading
            runner.request_stop(at=10.0)
            runner.request_stop(at=11.0)  # a second signal of the same request
        returned.set()

    thread = threading.Thread(target=handler_while_the_lock_is_held, daemon=True)
    thread.start()
    thread.join(timeout=5)

    assert returned.is_set(), "request_stop blocked on the lock its own thread held"
    assert runner.should_stop()
    assert runner.stop_requested_at == 10.0  # the first request counts


def test_stop_from_another_thread_still_wakes_the_idle_wait():
    runner = JobRunner(worker_id="test:1:stop")
    assert not runner.should_stop()
    runner.stop()
    assert runner.should_stop() and runner.stopping.is_set()
