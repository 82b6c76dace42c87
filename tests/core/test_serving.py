"""The first look: the real `tegak demo`, then `tegak serve`, opened in Chromium as the examiner.

Before the fix (issue #16) the demo's gunicorn workers were forked from a process in which Polars'
threads had started; every case page and attendance page then hung until gunicorn killed the
worker. These tests start the command exactly as the README says, in its own data folder, and
open those pages; a page that does not answer within `PAGE_SECONDS` fails the test (a hang, not a
speed measurement: the pages answer in well under a second).
"""

from __future__ import annotations

import contextlib
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
import urllib.request
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

TEGAK = str(Path(sys.executable).with_name("tegak"))
PAGE_SECONDS = 20
DEMO_PASSWORD = "demo-tegak-2026"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """A `tegak` command started in its own process group, with its output collected."""

    def __init__(self, args: list[str], data_dir: Path, env: dict[str, str] | None = None):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.output: list[str] = []
        environment = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("TEGAK_", "DJANGO_", "DATABASE_URL"))
        }
        environment.update({"TEGAK_DATA_DIR": str(data_dir), **(env or {})})
        self.process = subprocess.Popen(
            [TEGAK, *args, "--bind", f"127.0.0.1:{self.port}"],
            env=environment,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            start_new_session=True,
        )
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.output.append(line)

    def wait_until_listening(self, seconds: float) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail("the server stopped:\n" + "".join(self.output))
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1):
                    return
            except OSError:
                time.sleep(0.3)
        pytest.fail(f"nothing listened within {seconds} s:\n" + "".join(self.output))

    def wait_until_answering(self, seconds: float) -> None:
        """Listening, and a worker has answered the sign-in page: the workers have loaded the
        application (slow on a loaded machine; not what the page limits below measure)."""
        self.wait_until_listening(seconds)
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(self.url + "/akun/masuk/", timeout=10) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        pytest.fail(f"no page answered within {seconds} s:\n" + "".join(self.output))

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait()

    def threads_of_master(self) -> int:
        return len(os.listdir(f"/proc/{self.process.pid}/task"))


@contextlib.contextmanager
def database_of_its_own() -> Iterator[dict[str, str]]:
    """The environment of a fresh database: none (SQLite in the data folder) or, when the suite
    runs on PostgreSQL, `DATABASE_URL` of a new database of a unique name, dropped afterwards."""
    admin_url = os.environ.get("TEGAK_TEST_DATABASE_URL")
    if not admin_url:
        yield {}
        return
    import psycopg

    server = admin_url.rsplit("/", 1)[0]
    name = f"tegak_first_look_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server + "/postgres", autocommit=True) as pg:
        pg.execute(f'CREATE DATABASE "{name}"')
    try:
        yield {"DATABASE_URL": f"{server}/{name}"}
    finally:
        with psycopg.connect(server + "/postgres", autocommit=True) as pg:
            pg.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(scope="module")
def demo_data(tmp_path_factory) -> Iterator[tuple[Path, dict[str, str], str, str]]:
    """The real `tegak demo` serving (module-wide: loading the demo takes most of a minute), on
    SQLite in its data folder as the README says, or on a PostgreSQL database of its own when
    the suite runs there."""
    data_dir = tmp_path_factory.mktemp("demo-data")
    with database_of_its_own() as database:
        server = Server(["demo"], data_dir, env=database)
        try:
            # Loading the demo agency takes under a minute here; the limit only catches a hang.
            server.wait_until_answering(seconds=600)
            text = "".join(server.output)
            case = re.search(r"Demo case: (\S+)", text)
            assert case, text
            yield data_dir, database, server.url, case.group(1)
            assert server.threads_of_master() == 1
        finally:
            server.stop()
        assert server.process.returncode is not None


def _sign_in_as_examiner(page, url: str) -> None:
    page.goto(url + "/akun/masuk/", timeout=PAGE_SECONDS * 1000)
    page.fill("input[name=username]", "examiner")
    page.fill("input[name=password]", DEMO_PASSWORD)
    page.locator("main button[type=submit]").click()
    page.wait_for_url(re.compile(r"/staf/"), timeout=PAGE_SECONDS * 1000)


def _open_case_and_attendance(page, url: str, register_number: str) -> None:
    page.set_default_timeout(PAGE_SECONDS * 1000)
    _sign_in_as_examiner(page, url)
    page.goto(url + "/staf/kasus/")
    page.locator("main a", has_text=register_number).first.click()
    page.wait_for_url(re.compile(r"/staf/kasus/\d+/$"))
    assert page.locator("main h1").inner_text().strip()
    page.goto(url + "/staf/kehadiran/")
    page.locator("main a[href*='/staf/kehadiran/unit/']").first.click()
    page.wait_for_url(re.compile(r"/staf/kehadiran/unit/\d+/"))
    assert page.locator("main table").first.is_visible()


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("first-look")
def test_make_demo_opens_case_and_attendance_pages_as_the_examiner(page, demo_data):
    _data_dir, _database, url, register_number = demo_data
    _open_case_and_attendance(page, url, register_number)


@pytest.mark.browser
@pytest.mark.slow
@pytest.mark.xdist_group("first-look")
def test_tegak_serve_on_the_demo_data_opens_the_same_pages(page, demo_data):
    data_dir, database, _url, register_number = demo_data
    server = Server(["serve", "--workers", "2"], data_dir, env={"TEGAK_DEMO": "1", **database})
    try:
        server.wait_until_answering(seconds=120)
        _open_case_and_attendance(page, server.url, register_number)
        # The master forks from a single thread; Django and Polars live only in the workers.
        assert server.threads_of_master() == 1
        assert "polars" not in Path(f"/proc/{server.process.pid}/maps").read_text()
    finally:
        server.stop()


def test_master_refuses_to_fork_once_a_threaded_library_has_started():
    """The pre-fork guard, run in a fresh interpreter: importing Polars starts threads."""
    script = (
        "from tegak.core.server import ThreadedForkRefused, refuse_threaded_fork\n"
        "refuse_threaded_fork()\n"
        "import polars\n"
        "try:\n"
        "    refuse_threaded_fork()\n"
        "except ThreadedForkRefused as error:\n"
        "    print('refused:', error)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60, check=True
    )
    assert result.stdout.startswith("refused: the server process has ")
