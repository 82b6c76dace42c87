"""Slow and stalled clients cannot starve the real `tegak serve` (#16 item 3, ADR 0031).

Before: two clients sending an upload body slowly held both sync workers, and every other visitor
waited. Now the workers' event loops read requests and a view runs only once its request is
whole. Against the real command with its default two workers: eight clients trickle bodies and
four more send their headers a line at a time, while a normal visitor opens pages and must be
answered promptly; a client that stalls, or trickles below the minimum rate, is dropped; a body
announced larger than the limit is refused before it is sent.
"""

from __future__ import annotations

import socket
import subprocess
import threading
import time
import urllib.request
from collections.abc import Iterator

import pytest

from tests.core.test_serving import TEGAK, Server

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("slow-clients")]

# A page answers in well under a second; this only catches a stall (on a loaded machine).
VISITOR_SECONDS = 10.0


@pytest.fixture(scope="module")
def server(tmp_path_factory) -> Iterator[Server]:
    data_dir = tmp_path_factory.mktemp("slow-clients")
    env = {
        "TEGAK_DATA_DIR": str(data_dir),
        "TEGAK_SECRET_KEY": "slow-clients-test-secret-key-long-enough-for-django",
        "TEGAK_IDENTITY_KEYS": "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
        "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
        "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
        "TEGAK_SERVE_TIMEOUT": "8",
        "TEGAK_REQUEST_BODY_GRACE_SECONDS": "10",
        "TEGAK_REQUEST_BODY_MIN_BYTES_PER_SECOND": "2048",
    }
    migrate = subprocess.run(
        [TEGAK, "migrate", "-v", "0"],
        env={**_clean_environment(), **env},
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert migrate.returncode == 0, migrate.stderr
    running = Server(["serve", "--no-worker"], data_dir, env=env)
    try:
        running.wait_until_listening(seconds=180)
        for _ in range(4):  # both workers have loaded the application and its templates
            _visit(running, "/")
            _visit(running, "/lapor/")
        yield running
    finally:
        running.stop()


def _clean_environment() -> dict[str, str]:
    import os

    return {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("TEGAK_", "DJANGO_", "DATABASE_URL"))
    }


def _visit(server: Server, path: str) -> float:
    started = time.monotonic()
    with urllib.request.urlopen(server.url + path, timeout=60) as response:
        assert response.status == 200
        response.read()
    return time.monotonic() - started


def _open(server: Server, head: bytes) -> socket.socket:
    client = socket.create_connection(("127.0.0.1", server.port), timeout=30)
    client.sendall(head)
    return client


def _post_head(server: Server, length: int) -> bytes:
    return (
        "POST /lapor/ HTTP/1.1\r\n"
        f"Host: 127.0.0.1:{server.port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {length}\r\n\r\n"
    ).encode()


def _closed_by_server(client: socket.socket, seconds: float) -> bool:
    """True when the server closes the connection (or answers and closes) within seconds."""
    client.settimeout(seconds)
    try:
        while True:
            data = client.recv(65536)
            if not data:
                return True
    except TimeoutError:
        return False
    except ConnectionResetError:
        return True


def test_a_normal_visitor_is_answered_while_slow_clients_hold_connections(server):
    slow_bodies = [_open(server, _post_head(server, 100_000) + b"description=") for _ in range(8)]
    slow_headers = [
        _open(server, f"GET / HTTP/1.1\r\nHost: 127.0.0.1:{server.port}\r\n".encode())
        for _ in range(4)
    ]
    stop = threading.Event()
    sent = []

    def trickle() -> None:
        # Each slow client sends a little every half second: well inside the idle timeout,
        # and (over these few seconds) inside the grace period of the minimum rate.
        line = 0
        while not stop.wait(0.5):
            for client in slow_bodies:
                client.sendall(b"x" * 16)
            for client in slow_headers:
                client.sendall(f"X-Slow-{line}: 1\r\n".encode())
            line += 1
            sent.append(line)

    trickler = threading.Thread(target=trickle, daemon=True)
    trickler.start()
    try:
        _wait_for(lambda: len(sent) >= 1)  # the slow clients are trickling before the visitor comes
        times = []
        for _ in range(4):
            times.append(_visit(server, "/"))
            times.append(_visit(server, "/lapor/"))
        assert max(times) < VISITOR_SECONDS, times
        rounds = len(sent)
        _wait_for(lambda: len(sent) > rounds)  # and still trickling after the visits
        assert trickler.is_alive()  # every slow client was still connected throughout
    finally:
        stop.set()
        trickler.join(timeout=10)
        for client in slow_bodies + slow_headers:
            client.close()


def _wait_for(condition, seconds: float = 10.0) -> None:
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, "the slow clients stopped sending"
        time.sleep(0.05)


def test_a_stalled_body_is_dropped_after_the_timeout(server):
    client = _open(server, _post_head(server, 100_000) + b"description=")
    started = time.monotonic()
    try:
        assert _closed_by_server(client, 30), "a stalled client was kept"
    finally:
        client.close()
    assert time.monotonic() - started < 25


def test_a_trickling_body_is_dropped_below_the_minimum_rate(server):
    client = _open(server, _post_head(server, 1_000_000) + b"description=")
    started = time.monotonic()
    dropped = False
    try:
        while time.monotonic() - started < 45:
            try:
                client.sendall(b"x" * 64)  # 64 bytes a second: far below 2 KB/s
            except (BrokenPipeError, ConnectionResetError):
                dropped = True
                break
            if _closed_by_server(client, 1):
                dropped = True
                break
    finally:
        client.close()
    assert dropped, "a trickling client was kept for 45 s"


def test_a_body_announced_too_large_is_refused_before_it_is_sent(server):
    client = _open(server, _post_head(server, 10 * 1024 * 1024 * 1024))
    try:
        client.settimeout(30)
        answer = client.recv(4096)
    finally:
        client.close()
    assert answer.startswith(b"HTTP/1.1 413"), answer
