"""Serving with gunicorn from a clean process.

Forking a process in which a threaded library has started (Polars starts its thread pool on
import and on the first query) copies that library's locks but not its threads: a worker then
waits forever for a lock that a thread it never had was holding. That is how `tegak demo` hung on
every case and attendance page (issue #16). So `tegak serve` and `tegak demo` never start
gunicorn themselves: after their own work (migrations, the demo loaders, checks) they *replace*
themselves (`exec`) with a fresh interpreter that runs only the gunicorn master
(`python -m tegak.core.server`). That master imports neither Django's apps nor any threaded
library; each worker loads the application after it is forked. Before every fork the master
checks that it still has exactly one thread and stops, with a message, rather than fork a worker
that could hang.

Nothing in this module may import Django or the project's apps at module level: it is the
master's whole program.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import subprocess
import sys
import threading
from typing import Any

from gunicorn.app.base import BaseApplication
from gunicorn.arbiter import Arbiter

DEFAULT_BIND = "127.0.0.1:8000"


class ThreadedForkRefused(RuntimeError):
    """The master has more than one thread: forking now could leave a worker deadlocked."""


def thread_count() -> int:
    """The process's operating-system threads (Python's count misses native threads)."""
    try:
        return len(os.listdir("/proc/self/task"))
    except OSError:
        return threading.active_count()


def refuse_threaded_fork(arbiter: Any = None, worker: Any = None) -> None:
    """gunicorn's `pre_fork` hook: fork only from a single-threaded master."""
    threads = thread_count()
    if threads > 1:
        raise ThreadedForkRefused(
            f"the server process has {threads} threads; a worker forked now could deadlock. "
            "Start it with `tegak serve` (which starts from a clean process)."
        )


class ServeSettingInvalid(SystemExit):
    """A `TEGAK_SERVE_*` variable that is not a whole number in its range: the server does not
    start, and says which variable and why (no traceback)."""


def _whole_number(name: str, default: int, *, minimum: int = 0) -> int:
    raw = os.environ.get(name, "").strip()
    if not raw:
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ServeSettingInvalid(f"{name} must be a whole number, not {raw!r}.") from None
    if value < minimum:
        raise ServeSettingInvalid(f"{name} must be at least {minimum}, not {value}.")
    return value


def recycling() -> tuple[int, int]:
    """After how many requests a web worker is replaced by a fresh one, and the random spread
    added to it per worker (`TEGAK_SERVE_MAX_REQUESTS`, default 5000, 0 never;
    `TEGAK_SERVE_MAX_REQUESTS_JITTER`, default a tenth). Python gives back little of what a large
    request once took (a long register export, a big page), so a worker's memory only grows;
    replacing it now and then bounds that. The spread keeps two workers from leaving at once;
    the master holds the socket, so nothing is refused while a worker is replaced."""
    limit = _whole_number("TEGAK_SERVE_MAX_REQUESTS", 5000)
    jitter = _whole_number("TEGAK_SERVE_MAX_REQUESTS_JITTER", limit // 10)
    return limit, jitter if limit else 0


def graceful_seconds() -> int:
    """How long a stop (Ctrl+C, SIGTERM) waits for the requests in flight and the job in hand
    before it ends them (`TEGAK_SERVE_GRACEFUL_TIMEOUT`, default 5 s). gunicorn's own default,
    30 s, kept `tegak serve` running 15-30 s after Ctrl+C whenever a browser held a connection
    open; a request the views are still answering ends well within it."""
    return _whole_number("TEGAK_SERVE_GRACEFUL_TIMEOUT", 5)


def leave_at_once(arbiter: Any = None, worker: Any = None) -> None:
    """gunicorn's `worker_exit` hook: a web worker that stopped as asked (its requests
    answered, its connections closed) ends here, without tearing down its interpreter: that
    teardown (Django, Polars, every module) took seconds of CPU on a busy machine, and kept
    `tegak serve` from stopping promptly. A worker ending on an error exits as gunicorn says,
    so the master still tells a boot error from a clean stop."""
    ending = sys.exc_info()[1]
    if not (isinstance(ending, SystemExit) and ending.code in (0, None)):
        return
    if worker is not None and not worker.booted:
        return
    django_db = sys.modules.get("django.db")
    if django_db is not None:
        django_db.connections.close_all()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(0)


class _Arbiter(Arbiter):
    """gunicorn's master, which tells the job worker to stop as soon as it is itself asked to
    (not after the web workers are gone, as the `on_exit` hook alone did): both finish their
    work in hand in the same few seconds."""

    def stop(self, graceful: bool = True) -> None:
        _JobWorker.ask_to_stop()
        super().stop(graceful)


class _Gunicorn(BaseApplication):
    def __init__(self, options: dict[str, Any]):
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def run(self) -> None:
        try:
            _Arbiter(self).run()
        except RuntimeError as error:
            sys.stderr.write(f"\nError: {error}\n\n")
            sys.stderr.flush()
            sys.exit(1)

    def load(self) -> Any:
        # Runs in each worker, after the fork: Django and its apps are loaded here, never in
        # the master.
        from tegak.config.asgi import application

        return application


class _JobWorker:
    """`tegak worker` beside the web server (one machine, nothing else to start).

    It is started from the master with `subprocess` (fork and exec at once: safe even where a
    plain fork is not) in a session of its own, so that Ctrl+C reaches it once, from the master,
    and it can finish the job in hand; it stops by itself if the master vanishes."""

    process: subprocess.Popen[bytes] | None = None
    asked = False

    @classmethod
    def start(cls, arbiter: Any) -> None:
        # Below the web workers' priority: a reporter waiting for the receipt goes before a
        # cleaned copy or a sweep, which can wait (TEGAK_SERVE_WORKER_NICE, 0 to switch off).
        nice = os.environ.get("TEGAK_SERVE_WORKER_NICE", "10")
        command = [sys.executable, "-m", "tegak.cli", "worker", "--stop-with-parent"]
        command += ["--nice", nice, "--graceful-seconds", str(graceful_seconds())]
        cls.process = subprocess.Popen(command, start_new_session=True)  # noqa: S603

    @classmethod
    def ask_to_stop(cls) -> None:
        """SIGTERM, once: the worker finishes the job in hand and stops its processes."""
        if cls.process is None or cls.process.poll() is not None or cls.asked:
            return
        cls.asked = True
        cls.process.send_signal(signal.SIGTERM)

    @classmethod
    def stop(cls, arbiter: Any) -> None:
        """On the master's exit: wait for the worker for the graceful time (and a second or
        two to exit), then end its whole session, so no process of it outlives the server (a
        job cut short is taken back after its lease, ARCHITECTURE "nothing lost")."""
        if cls.process is None or cls.process.poll() is not None:
            return
        cls.ask_to_stop()
        try:
            cls.process.wait(timeout=graceful_seconds() + 2)
        except subprocess.TimeoutExpired:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(cls.process.pid, signal.SIGKILL)
            with contextlib.suppress(ChildProcessError):
                cls.process.wait()
        except ChildProcessError:
            pass  # gunicorn's own reaping collected it first


def gunicorn_options(*, bind: str, workers: int, job_worker: bool = False) -> dict[str, Any]:
    """The settings the master runs with."""
    hooks: dict[str, Any] = (
        {"when_ready": _JobWorker.start, "on_exit": _JobWorker.stop} if job_worker else {}
    )
    max_requests, jitter = recycling()
    return {
        **hooks,
        "bind": bind,
        "workers": workers,
        # asyncio workers: the event loop reads requests, a view runs once its request is whole,
        # so slow clients cannot hold the views (ADR 0031). `timeout`: a client silent this long
        # mid-request is dropped; it is also the workers' heartbeat.
        "worker_class": "asgi",
        "asgi_lifespan": "off",
        "worker_connections": 1000,
        "timeout": _whole_number("TEGAK_SERVE_TIMEOUT", 30, minimum=1),
        # On Ctrl+C or SIGTERM, requests in flight get this long, then their connections are
        # closed: the server is gone in seconds, not gunicorn's 30 (graceful_seconds).
        "graceful_timeout": graceful_seconds(),
        "max_requests": max_requests,
        "max_requests_jitter": jitter,
        "keepalive": 5,
        "preload_app": False,
        # gunicorn >= 25 runs a control socket in a thread of the master (and shares one path
        # per user): a threaded master is exactly what we must not fork from.
        "control_socket_disable": True,
        "pre_fork": refuse_threaded_fork,
        "worker_exit": leave_at_once,
        "accesslog": None,
        "errorlog": "-",
        "loglevel": "warning",
    }


def exec_server(*, bind: str, workers: int, job_worker: bool = True) -> None:
    """Replace this process with a clean gunicorn master (never returns)."""
    from django.conf import settings

    # WhiteNoise serves from the finders; an existing STATIC_ROOT keeps it quiet.
    settings.STATIC_ROOT.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")
    sys.stdout.flush()
    sys.stderr.flush()
    argv = [sys.executable, "-m", "tegak.core.server", "--bind", bind, "--workers", str(workers)]
    if job_worker:
        argv.append("--with-job-worker")
    os.execv(sys.executable, argv)  # noqa: S606 - our own interpreter, fixed arguments


def main(argv: list[str] | None = None) -> None:
    """The gunicorn master's program (`python -m tegak.core.server`)."""
    parser = argparse.ArgumentParser(prog="tegak serve")
    parser.add_argument("--bind", default=DEFAULT_BIND)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--with-job-worker", action="store_true")
    options = parser.parse_args(argv)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")
    # The master must not import Django (see the module's docstring); gunicorn's own error
    # log reports a bad bind address.
    _Gunicorn(
        gunicorn_options(
            bind=options.bind, workers=options.workers, job_worker=options.with_job_worker
        )
    ).run()


if __name__ == "__main__":
    main()
