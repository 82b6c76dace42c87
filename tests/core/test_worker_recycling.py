"""A web worker is replaced by a fresh one after `TEGAK_SERVE_MAX_REQUESTS` requests, and no
visitor notices: the real `tegak serve` with one worker answers every request while its worker
changes; a value that is not a whole number stops the server with the variable's name."""

from __future__ import annotations

import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tegak.core import server as serving
from tests.core.test_serving import Server
from tests.core.test_slow_clients import _clean_environment

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("recycling")]

TEGAK = str(Path(__import__("sys").executable).with_name("tegak"))
KEYS = {
    "TEGAK_SECRET_KEY": "recycling-test-secret-key-long-enough-for-django",
    "TEGAK_IDENTITY_KEYS": "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
    "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
    "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
}


def _workers(master: int) -> set[int]:
    children = Path(f"/proc/{master}/task/{master}/children").read_text().split()
    return {int(pid) for pid in children}


@pytest.fixture
def data_dir(tmp_path) -> Iterator[Path]:
    env = {**_clean_environment(), "TEGAK_DATA_DIR": str(tmp_path), **KEYS}
    migrate = subprocess.run(
        [TEGAK, "migrate", "-v", "0"], env=env, capture_output=True, text=True, timeout=300
    )
    assert migrate.returncode == 0, migrate.stderr
    yield tmp_path


def test_a_worker_is_replaced_after_its_requests_and_every_visitor_is_answered(data_dir):
    env = {**KEYS, "TEGAK_SERVE_MAX_REQUESTS": "5", "TEGAK_SERVE_MAX_REQUESTS_JITTER": "0"}
    running = Server(["serve", "--no-worker", "--workers", "1"], data_dir, env=env)
    try:
        running.wait_until_answering(seconds=180)
        seen: set[int] = set()
        answered = 0
        # A worker past its count stops taking new connections at its next heartbeat (a
        # second); the master holds the socket, so what arrives meanwhile waits, unrefused.
        while len(seen) < 3 and answered < 60:
            seen |= _workers(running.process.pid)
            with urllib.request.urlopen(running.url + "/", timeout=60) as response:
                assert response.status == 200
                answered += 1
            time.sleep(0.3)
        seen |= _workers(running.process.pid)
        # Replaced at least twice (after every fifth request), every request answered.
        assert len(seen) >= 3, (seen, answered, "".join(running.output))
    finally:
        running.stop()


@pytest.mark.parametrize(
    ("name", "value", "said"),
    [
        ("TEGAK_SERVE_MAX_REQUESTS", "many", "TEGAK_SERVE_MAX_REQUESTS must be a whole number"),
        ("TEGAK_SERVE_MAX_REQUESTS", "-1", "TEGAK_SERVE_MAX_REQUESTS must be at least 0"),
        ("TEGAK_SERVE_TIMEOUT", "0", "TEGAK_SERVE_TIMEOUT must be at least 1"),
    ],
)
def test_a_bad_serving_setting_stops_the_server_with_its_name(monkeypatch, name, value, said):
    monkeypatch.setenv(name, value)
    with pytest.raises(serving.ServeSettingInvalid) as stopped:
        serving.gunicorn_options(bind="127.0.0.1:0", workers=1)
    assert said in str(stopped.value)


def test_recycling_is_on_by_default_with_a_spread_and_can_be_switched_off(monkeypatch):
    monkeypatch.delenv("TEGAK_SERVE_MAX_REQUESTS", raising=False)
    monkeypatch.delenv("TEGAK_SERVE_MAX_REQUESTS_JITTER", raising=False)
    options = serving.gunicorn_options(bind="127.0.0.1:0", workers=2)
    assert (options["max_requests"], options["max_requests_jitter"]) == (5000, 500)
    monkeypatch.setenv("TEGAK_SERVE_MAX_REQUESTS", "0")
    options = serving.gunicorn_options(bind="127.0.0.1:0", workers=2)
    assert (options["max_requests"], options["max_requests_jitter"]) == (0, 0)
