"""Stopping the real `tegak serve` (gunicorn master, two asyncio web workers, the job worker and
its process): Ctrl+C (SIGINT to the terminal's process group) or SIGTERM (to the master, as a
service manager sends it) and every one of those processes is gone within seconds
(`CTRL_C_SECONDS`, `SIGTERM_SECONDS`), even with a browser's keep-alive connection open and a
request still arriving. Before, the web workers waited gunicorn's 30 s for connections, the job
worker was told to stop only once they had gone, and tearing down its interpreter at its lowered
priority took 7-11 s more on a busy machine: 15-30 s in all."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.core.test_serving import Server
from tests.core.test_slow_clients import _clean_environment
from tests.core.test_worker_recycling import KEYS, TEGAK

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("server-stop")]

# Ctrl+C ends the requests at once (gunicorn's quick shutdown): nothing to wait for. SIGTERM
# lets requests in flight finish for TEGAK_SERVE_GRACEFUL_TIMEOUT (5 s), then closes them.
CTRL_C_SECONDS = 5.0
SIGTERM_SECONDS = 10.0


def _descendants(pid: int) -> set[int]:
    """Every process below `pid` (the job worker runs in a session of its own, so it is not
    in the master's process group: it is found as the master's child)."""
    found: set[int] = set()
    try:
        threads = os.listdir(f"/proc/{pid}/task")
    except OSError:
        return found
    for thread in threads:
        try:
            children = Path(f"/proc/{pid}/task/{thread}/children").read_text().split()
        except OSError:
            continue
        for child in map(int, children):
            found |= {child} | _descendants(child)
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _command(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_text().replace("\0", " ")
    except OSError:
        return "?"


@pytest.fixture
def data_dir(tmp_path) -> Iterator[Path]:
    env = {**_clean_environment(), "TEGAK_DATA_DIR": str(tmp_path), **KEYS}
    migrate = subprocess.run(
        [TEGAK, "migrate", "-v", "0"], env=env, capture_output=True, text=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr
    yield tmp_path


def _job_worker_processes(master: int, seconds: float) -> set[int]:
    """The processes under the master once the job worker has started its worker process."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        below = _descendants(master)
        if any("--child" in _command(pid) for pid in below):
            return below
        time.sleep(0.3)
    pytest.fail(f"the job worker did not start: {[_command(pid) for pid in below]}")


@pytest.mark.parametrize(
    ("signal_number", "to_group", "limit"),
    [(signal.SIGINT, True, CTRL_C_SECONDS), (signal.SIGTERM, False, SIGTERM_SECONDS)],
    ids=["ctrl-c-to-the-terminal-group", "sigterm-to-the-master"],
)
def test_every_server_process_is_gone_within_seconds_of_a_stop(
    data_dir, signal_number, to_group, limit
):
    running = Server(["serve", "--workers", "2"], data_dir, env=KEYS)
    held: list[object] = []
    try:
        running.wait_until_answering(seconds=180)
        master = running.process.pid
        processes = _job_worker_processes(master, seconds=120) | {master}
        commands = {pid: _command(pid) for pid in processes}
        assert sum("tegak.core.server" in text for text in commands.values()) == 3, commands
        # A browser's connection, kept open after its page, and a request still arriving
        # (its headers half sent): neither may hold the stop.
        browser = http.client.HTTPConnection("127.0.0.1", running.port, timeout=30)
        browser.request("GET", "/akun/masuk/")
        assert browser.getresponse().read()
        arriving = socket.create_connection(("127.0.0.1", running.port), timeout=30)
        arriving.sendall(b"GET /akun/masuk/ HTTP/1.1\r\nHost: 127.0.0.1\r\n")
        held += [browser, arriving]
        time.sleep(0.5)

        started = time.monotonic()
        if to_group:
            os.killpg(master, signal_number)
        else:
            os.kill(master, signal_number)
        left = set(processes)
        while left and time.monotonic() - started < limit:
            running.process.poll()
            left = {pid for pid in left if _alive(pid)}
            time.sleep(0.1)
        took = time.monotonic() - started
        assert not left, (
            f"after {took:.1f} s still running: {[commands[pid] for pid in left]}\n"
            + "".join(running.output)
        )
        assert running.process.wait(timeout=1) == 0
    finally:
        for item in held:
            item.close()  # type: ignore[attr-defined]
        running.stop()
