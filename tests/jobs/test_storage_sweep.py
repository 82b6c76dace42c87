"""A killed upload or evidence store leaves no row without its file; the sweep removes what it
leaves behind (temporary uploads, files without a row) after the grace period, says what it
removed (its answer and an audit event) and never touches a file a row names (#16 item 4).

Real processes are killed with SIGKILL: the web workers of a real `tegak serve` while a large
upload is arriving and again while Django holds its named temporary uploads, and a `tegak shell`
storing a report's second file.
"""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.jobs.test_worker_processes import (
    ROOT,
    TEGAK,
    Installation,
    _wait_for,
    new_installation,
)

pytestmark = [pytest.mark.slow, pytest.mark.xdist_group("worker-processes")]

PORT = 8171

SETUP = """
from tegak.people.models import Instansi
Instansi.objects.get_or_create(
    code="sweep", defaults={"name": "Kota Sapu", "level": "kabupaten_kota"}
)
"""

SUBMIT = """
import io, json, os, time
from datetime import date
from pathlib import Path
from django.conf import settings
from tegak.intake.services.common import ReportInput, Upload
from tegak.intake.services.reports import report_submit
from tegak.people.models import Instansi

MEDIA = Path(settings.MEDIA_ROOT)
SIGNAL = Path(os.environ.get("SWEEP_SIGNAL", "unused"))


def stored_files():
    return sum(1 for path in MEDIA.rglob("*") if path.is_file())


BEFORE = stored_files()


class StallsOnceAFileIsStored(io.BytesIO):
    # Reads normally while the files are checked; once the first file is on disk (the second
    # pass, storing), it says so and never returns: the process is killed here.
    def read(self, size=-1):
        if stored_files() > BEFORE:
            SIGNAL.write_text("stored")
            time.sleep(3600)
        return super().read(size)


stall = os.environ.get("SWEEP_STALL") == "1"
second = StallsOnceAFileIsStored if stall else io.BytesIO
report, code = report_submit(
    instansi=Instansi.objects.get(code="sweep"),
    data=ReportInput(
        description="Pegawai meninggalkan kantor pada jam kerja.",
        occurred_on=date(2025, 11, 3),
        files=[
            Upload("satu.txt", io.BytesIO(b"catatan pertama " * 1000)),
            Upload("dua.txt", second(b"catatan kedua " * 1000)),
        ],
    ),
    client_key=None,
)
print(json.dumps(report.pk))
"""


@pytest.fixture(scope="module")
def installation(tmp_path_factory) -> Iterator[Installation]:
    yield from new_installation(tmp_path_factory)


def _media(installation: Installation) -> set[str]:
    media = installation.data_dir / "media"
    return {path.relative_to(media).as_posix() for path in media.rglob("*") if path.is_file()}


def _sweep(installation: Installation, *args: str) -> dict[str, object]:
    return json.loads(installation.tegak("storage", "sweep", *args))


def test_a_store_killed_between_two_files_leaves_no_row_and_the_sweep_removes_the_file(
    installation, tmp_path
):
    installation.python(SETUP + "print(1)")
    kept = installation.python(SUBMIT)  # a report stored whole: its files must stay
    named = _media(installation)
    assert len(named) == 2
    before = installation.python(
        "import json; from tegak.intake.models import Report, Evidence; "
        "print(json.dumps([Report.objects.count(), Evidence.objects.count()]))"
    )
    signal_file = tmp_path / "stored"
    process = subprocess.Popen(
        [TEGAK, "shell", "-c", SUBMIT],
        env={**installation.env, "SWEEP_STALL": "1", "SWEEP_SIGNAL": str(signal_file)},
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        _wait_for(signal_file.exists, 120, "the first file being stored")
        process.send_signal(signal.SIGKILL)
    finally:
        process.kill()
        process.wait()
    left = _media(installation) - named
    # The first file whole and the second cut where the process died, both before any row.
    assert len(left) == 2
    after = installation.python(
        "import json; from tegak.intake.models import Report, Evidence; "
        "print(json.dumps([Report.objects.count(), Evidence.objects.count()]))"
    )
    assert after == before  # no row without its file: nothing of the killed report committed

    assert _sweep(installation)["orphan_files"] == []  # younger than the grace period
    assert sorted(
        _sweep(installation, "--grace-minutes", "0", "--dry-run")["orphan_files"]
    ) == sorted(left)
    assert _media(installation) - named == left
    swept = _sweep(installation, "--grace-minutes", "0")
    assert sorted(swept["orphan_files"]) == sorted(left)
    assert _media(installation) == named  # the committed report's files are untouched
    event = installation.python(
        "import json; from tegak.audit.models import AuditEvent; "
        "e = AuditEvent.objects.filter(action='storage.swept').latest('pk'); "
        "print(json.dumps([e.actor_label, e.data]))"
    )
    assert event[0] == "system"
    assert sorted(event[1]["orphan_files"]) == sorted(left)
    kept_names = installation.python(
        "import json; from tegak.intake.models import Evidence; print(json.dumps(sorted("
        f"e.original.name for e in Evidence.objects.filter(report={kept}))))"
    )
    assert kept_names == sorted(named)
    installation.tegak("audit", "verify")


def _port_open(port: int) -> bool:
    with socket.socket() as probe:
        probe.settimeout(0.5)
        return probe.connect_ex(("127.0.0.1", port)) == 0


def _csrf(port: int) -> tuple[str, str]:
    """The CSRF cookie and form token of the public report form, as a browser gets them."""
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/lapor/", timeout=30) as response:
        cookies = response.headers.get_all("Set-Cookie") or []
        page = response.read().decode()
    cookie = next(
        item.split(";")[0].split("=", 1)[1] for item in cookies if item.startswith("csrftoken=")
    )
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert token is not None
    return cookie, token[1]


def _children(pid: int) -> list[int]:
    found = subprocess.run(
        ["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True, check=False
    )
    return [int(item) for item in found.stdout.split()]


def test_a_web_worker_killed_mid_upload_leaves_nothing_and_the_sweep_removes_temporary_files(
    installation,
):
    installation.python(SETUP + "print(1)")
    uploads = installation.data_dir / "tmp" / "uploads"
    server = subprocess.Popen(
        [TEGAK, "serve", "--bind", f"127.0.0.1:{PORT}", "--no-worker"],
        env=installation.env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        _wait_for(lambda: _port_open(PORT), 120, "the server listening")
        cookie, token = _csrf(PORT)
        boundary = "tegaksweep"
        head = (
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
            f"{token}\r\n"
            f"--{boundary}\r\n"
            'Content-Disposition: form-data; name="files"; filename="rekaman.txt"\r\n'
            "Content-Type: text/plain\r\n\r\n"
        ).encode()
        declared = 30 * 1024 * 1024
        with socket.create_connection(("127.0.0.1", PORT)) as client:
            client.sendall(
                (
                    "POST /lapor/ HTTP/1.1\r\n"
                    f"Host: 127.0.0.1:{PORT}\r\n"
                    f"Cookie: csrftoken={cookie}\r\n"
                    f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                    f"Content-Length: {declared}\r\n\r\n"
                ).encode()
                + head
            )
            chunk = b"rekaman panjang " * 4096
            for _ in range(160):  # about 10 MB: past the in-memory limit, spooled to disk
                client.sendall(chunk)
            time.sleep(2)
            for worker in _children(server.pid):
                os.kill(worker, signal.SIGKILL)  # the worker dies mid-request
            time.sleep(1)
        _wait_for(lambda: len(_children(server.pid)) == 2, 60, "the workers replaced")
        # The body was spooled by the server into an unnamed file (ADR 0031): nothing is left.
        assert [path.name for path in uploads.glob("*")] == []

        # A whole body arrives and Django parses it: each file over 5 MB goes to a named
        # temporary upload, kept until the request ends. The worker is killed then.
        leftovers = _kill_while_parsing(server.pid, uploads, cookie, token)
        assert leftovers, "no named temporary upload was seen while the request ran"
        _wait_for(lambda: _port_open(PORT), 60, "the server answering again")
        left = sorted(path.name for path in uploads.glob("*"))
        assert left and set(left) <= leftovers  # left behind by the killed worker, for real
        size = sum(path.stat().st_size for path in uploads.glob("*"))
        assert _sweep(installation)["temporary_uploads"] == []  # within the grace period
        swept = _sweep(installation, "--grace-minutes", "0")
        assert sorted(swept["temporary_uploads"]) == left
        assert swept["bytes"] == size > 0
        assert list(uploads.glob("*")) == []
        event = installation.python(
            "import json; from tegak.audit.models import AuditEvent; "
            "e = AuditEvent.objects.filter(action='storage.swept').latest('pk'); "
            "print(json.dumps(e.data))"
        )
        assert sorted(event["temporary_uploads"]) == left
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        server.wait(timeout=60)


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except FileNotFoundError:  # the request ended and removed it meanwhile
        return 0


def _kill_while_parsing(server_pid: int, uploads: Path, cookie: str, token: str) -> set[str]:
    """Send a whole report with three 8 MB files; SIGKILL the web workers as soon as a named
    temporary upload has bytes in it (Django is parsing the body or the view is running).
    Returns the names of the temporary uploads seen."""
    uploads_seen: set[str] = set()
    boundary = "tegakparse"
    parts = [
        f"--{boundary}\r\n"
        'Content-Disposition: form-data; name="csrfmiddlewaretoken"\r\n\r\n'
        f"{token}\r\n".encode()
    ]
    for number in range(3):
        parts.append(
            (
                f"--{boundary}\r\n"
                f'Content-Disposition: form-data; name="files"; filename="rekaman{number}.txt"\r\n'
                "Content-Type: text/plain\r\n\r\n"
            ).encode()
            + b"rekaman panjang " * (8 * 65536)
            + b"\r\n"
        )
    parts.append(f"--{boundary}--\r\n".encode())
    body = b"".join(parts)
    workers = _children(server_pid)  # read before: the kill must not wait for `ps`
    with socket.create_connection(("127.0.0.1", PORT)) as client:
        client.sendall(
            (
                "POST /lapor/ HTTP/1.1\r\n"
                f"Host: 127.0.0.1:{PORT}\r\n"
                f"Cookie: csrftoken={cookie}\r\n"
                f"Content-Type: multipart/form-data; boundary={boundary}\r\n"
                f"Content-Length: {len(body)}\r\n\r\n"
            ).encode()
            + body
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            # Killed once a temporary upload holds some bytes (not the instant it is created,
            # when the sweep would find only empty files to count).
            names = [path.name for path in uploads.glob("*") if _size(path) > 0]
            if names:
                for worker in workers:
                    os.kill(worker, signal.SIGKILL)
                uploads_seen.update(names)
                break
            time.sleep(0.001)
    return uploads_seen
