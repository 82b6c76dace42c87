"""Report submissions per second with a 1 MB photo, against a bare Django upload view.

    .venv/bin/python bench/intake.py [--requests 150] [--clients 4] [--overload-seconds 8]
                                     [--port 0] [--no-job-worker] [--database-url URL]

Starts the server as `tegak serve` does (`python -m tegak.core.server`: gunicorn with 2 asyncio
workers, ADR 0031, and the job worker beside them, which makes the cleaned copies while the bench
runs; `--no-job-worker` leaves it out) on a free loopback port with a fresh SQLite data folder
(or, with `--database-url postgres://…`, a fresh database made on that PostgreSQL server for the
run and dropped after it), and measures in the same run:

1. the bare view: a Django view that stores the same upload through the default storage;
2. the public report form (`/lapor/`): CSRF, validation, type sniffing, SHA-256, the cleaned
   copy, the argon2id hash of the receipt code, the sealed-identity path, the audit event;
3. twice the sustainable rate of (2), open loop, for a bounded time: no 500, every report
   answered 201 in the database with its evidence hash intact (the stored file is hashed
   again), and a 503 ("busy, send again", with Retry-After) only where nothing was saved.

Every phase says how many 503 answers it got (SQLite's write lock not had in time,
tegak.core.busy) and whether each carried Retry-After; the rates count 201 answers only.

It also prints the CPU the server's processes spent per request (from /proc), which does not
depend on the neighbours' load as the requests per second do; with PostgreSQL on this machine,
what its processes spent per report; and what the whole machine spent per request (the bench's
own clients included), since on two cores the rates are bounded by it.

Prints the ratio form/bare. Stops the server by itself.

With the default 150 reports per run, the job worker (at a lower priority) leaves part of its
cleaning until after the measured window; `--requests 600` shows what is sustained
(docs/intake.md, eleventh pass).
"""

from __future__ import annotations

import argparse
import atexit
import hashlib
import http.client
import io
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import tempfile
import textwrap
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

HOST, PORT = "127.0.0.1", 8014
ROOT = Path(__file__).resolve().parent.parent


def make_photo(target: int = 1024 * 1024) -> bytes:
    """A real JPEG of about 1 MB (noise does not compress), with EXIF like a phone's."""
    from PIL import Image

    rng = random.Random(7)
    side = 560
    while True:
        pixels = bytes(rng.getrandbits(8) for _ in range(side * side * 3))
        image = Image.frombytes("RGB", (side, side), pixels)
        exif = Image.Exif()
        exif[0x0110] = "Bench-Phone"
        out = io.BytesIO()
        image.save(out, format="JPEG", quality=92, exif=exif.tobytes())
        if len(out.getvalue()) >= target:
            return out.getvalue()
        side += 60


def multipart(
    fields: dict[str, str], file_field: str, filename: str, data: bytes
) -> tuple[bytes, str]:
    boundary = "----tegakbench" + hashlib.sha256(data[:64]).hexdigest()[:16]
    parts = []
    for name, value in fields.items():
        header = f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'
        parts.append(header.encode() + value.encode() + b"\r\n")
    parts.append(
        (
            f'--{boundary}\r\nContent-Disposition: form-data; name="{file_field}"; '
            f'filename="{filename}"\r\nContent-Type: image/jpeg\r\n\r\n'
        ).encode()
        + data
        + b"\r\n"
    )
    parts.append(f"--{boundary}--\r\n".encode())
    return b"".join(parts), f"multipart/form-data; boundary={boundary}"


def write_bench_modules(folder: Path) -> None:
    (folder / "bench_intake_settings.py").write_text(
        textwrap.dedent(
            """
            from tegak.config.settings import *  # noqa: F403
            ROOT_URLCONF = "bench_intake_urls"
            """
        )
    )
    (folder / "bench_intake_urls.py").write_text(
        textwrap.dedent(
            """
            import uuid
            from django.contrib.auth.decorators import login_not_required
            from django.core.files.storage import default_storage
            from django.http import JsonResponse
            from django.urls import path
            from django.views.decorators.csrf import csrf_exempt
            from tegak.config.urls import urlpatterns as tegak_urlpatterns

            @csrf_exempt
            @login_not_required
            def bare_upload(request):
                upload = request.FILES["files"]
                name = default_storage.save(f"bare/{uuid.uuid4().hex}", upload)
                return JsonResponse({"stored": name}, status=201)

            urlpatterns = [path("bench/bare/", bare_upload), *tegak_urlpatterns]
            """
        )
    )


def bench_settings(work: Path) -> dict[str, str]:
    """The environment of a bench's server: a fresh data folder under `work`, throwaway keys,
    no limit on reports per address, the bench's URL configuration (`write_bench_modules`)."""
    from cryptography.fernet import Fernet

    return {
        "TEGAK_DATA_DIR": str(work / "data"),
        "TEGAK_SECRET_KEY": "bench-secret-key-" + "x" * 40,
        "TEGAK_IDENTITY_KEYS": Fernet.generate_key().decode(),
        "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
        "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
        "TEGAK_INTAKE_REPORTS_PER_HOUR": "100000000",
        "DJANGO_SETTINGS_MODULE": "bench_intake_settings",
    }


class Client:
    """One keep-alive connection with the form's CSRF cookie and token."""

    def __init__(self) -> None:
        self.connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
        self.connection.request("GET", "/lapor/")
        response = self.connection.getresponse()
        page = response.read().decode()
        cookies = response.headers.get_all("Set-Cookie") or []
        jar = [cookie.split(";", 1)[0] for cookie in cookies]
        self.cookie = "; ".join(jar)
        self.token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        self.instansi = re.search(r'name="instansi" value="(\d+)"', page).group(1)

    def post(self, path: str, body: bytes, content_type: str) -> tuple[int, bytes]:
        headers = {"Content-Type": content_type, "Cookie": self.cookie}
        try:
            self.connection.request("POST", path, body=body, headers=headers)
            response = self.connection.getresponse()
            content = response.read()
            if response.status == 503:
                BUSY.record(response.getheader("Retry-After"))
            return response.status, content
        except (OSError, http.client.HTTPException):
            self.connection.close()
            self.connection = http.client.HTTPConnection(HOST, PORT, timeout=120)
            return 0, b""


class BusyAnswers:
    """Every 503 ("busy, nothing saved, send again", tegak.core.busy) seen, and whether each
    carried Retry-After."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.count = 0
        self.without_retry_after = 0

    def record(self, retry_after: str | None) -> None:
        with self.lock:
            self.count += 1
            self.without_retry_after += 0 if retry_after else 1

    def take(self) -> tuple[int, int]:
        with self.lock:
            seen = (self.count, self.without_retry_after)
            self.count = self.without_retry_after = 0
            return seen


BUSY = BusyAnswers()


def busy_text(statuses: list[int]) -> str:
    """'503: n (Retry-After on all)' for the answers of one phase."""
    count, missing = BUSY.take()
    if not count:
        return "503: 0"
    retry = "Retry-After on all" if not missing else f"{missing} WITHOUT Retry-After"
    return f"503: {count} ({retry})"


def closed_loop(path: str, requests: int, clients: int, body_for) -> tuple[float, list[int]]:
    """`requests` POSTs from `clients` threads as fast as they are answered; returns rate."""
    pool = [Client() for _ in range(clients)]
    statuses: list[int] = []
    lock = threading.Lock()
    counter = iter(range(requests))

    def work(client: Client) -> None:
        while True:
            with lock:
                if next(counter, None) is None:
                    return
            body, content_type = body_for(client)
            status, _ = client.post(path, body, content_type)
            with lock:
                statuses.append(status)

    started = time.perf_counter()
    threads = [threading.Thread(target=work, args=(client,)) for client in pool]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    # Only what was done counts: a quick 503 ("busy, send again") is not a report.
    return sum(1 for status in statuses if status == 201) / elapsed, statuses


def open_loop(path: str, rate: float, seconds: float, body_for) -> list[tuple[int, bytes]]:
    """POSTs started at a fixed rate whatever the answers; each on its own connection."""
    total = max(1, int(rate * seconds))
    interval = 1.0 / rate
    results: list[tuple[int, bytes]] = []
    lock = threading.Lock()
    local = threading.local()

    def one() -> None:
        if not hasattr(local, "client"):
            local.client = Client()
        body, content_type = body_for(local.client)
        status, content = local.client.post(path, body, content_type)
        with lock:
            results.append((status, content))

    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=64) as executor:
        for index in range(total):
            delay = started + index * interval - time.perf_counter()
            if delay > 0:
                time.sleep(delay)
            executor.submit(one)
    return results


def _descendants(pid: int) -> list[int]:
    """The process and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry.name))
    found, stack = [], [pid]
    while stack:
        current = stack.pop()
        found.append(current)
        stack.extend(children.get(current, []))
    return found


def _cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _postgres_cpu_seconds() -> float:
    """CPU time of the PostgreSQL server's processes on this machine (0 when it runs elsewhere):
    what the database spent for the requests, which the server's own processes do not show."""
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            if (entry / "comm").read_text().startswith("postgres"):
                total += _cpu_seconds(int(entry.name))
        except OSError:
            continue
    return total


def _machine_cpu_seconds() -> float:
    """CPU time the whole machine spent (every process, the bench's clients included)."""
    ticks = [int(value) for value in Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]]
    idle = ticks[3] + ticks[4]  # idle and iowait
    return (sum(ticks) - idle) / os.sysconf("SC_CLK_TCK")


class ServerCpu:
    """CPU time used by the server's processes (web workers, job worker), from /proc: on a
    shared machine the requests per second follow the neighbours' load, the CPU each request
    costs does not."""

    def __init__(self, master: int):
        self.master = master

    def sample(self) -> dict[str, float]:
        web, jobs = 0.0, 0.0
        for pid in _descendants(self.master):
            try:
                command = Path(f"/proc/{pid}/cmdline").read_bytes()
            except OSError:
                continue
            if b"tegak.cli" in command:
                jobs += _cpu_seconds(pid)
            else:
                web += _cpu_seconds(pid)
        return {
            "web": web,
            "jobs": jobs,
            "postgres": _postgres_cpu_seconds(),
            "machine": _machine_cpu_seconds(),
        }


def fresh_postgres(url: str) -> tuple[str, str]:
    """A new, empty database on the server `url` names: (its URL, its name). The bench's own
    tables go there, never into the database the URL names."""
    import secrets
    from urllib.parse import urlsplit, urlunsplit

    import psycopg

    name = f"tegak_bench_{secrets.token_hex(4)}"
    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(url)
    return urlunsplit(parts._replace(path=f"/{name}")), name


def drop_postgres(url: str, name: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument("--clients", type=int, default=4)
    parser.add_argument("--overload-seconds", type=float, default=8.0)
    parser.add_argument("--port", type=int, default=0, help="0: a free one")
    parser.add_argument(
        "--no-job-worker",
        action="store_true",
        help="without the job worker that `tegak serve` starts beside the web workers",
    )
    parser.add_argument(
        "--database-url",
        default="",
        help="a PostgreSQL server (postgres://user@host:port/db): the run gets a database of its "
        "own there, dropped afterwards; default: SQLite in the run's data folder",
    )
    args = parser.parse_args()
    global PORT
    PORT = args.port or free_port()

    work = Path(tempfile.mkdtemp(prefix="tegak-bench-intake-"))
    write_bench_modules(work)
    (work / "data").mkdir()
    env = {
        **os.environ,
        **bench_settings(work),
        "PYTHONPATH": os.pathsep.join(
            [str(work), str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]
        ),
    }
    env.pop("DATABASE_URL", None)
    database = None
    if args.database_url:
        fresh_url, fresh_name = fresh_postgres(args.database_url)
        database = (args.database_url, fresh_name)
        env["DATABASE_URL"] = fresh_url
        # Dropped however the run ends, a failed migration included (WITH FORCE: the server's
        # and this process's connections are cut).
        atexit.register(drop_postgres, *database)
    os.environ.update(env)
    sys.path[:0] = [str(work), str(ROOT / "src")]
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from tegak.people.models import Instansi

    Instansi.objects.create(code="kota-bench", name="Kota Bench", level="kabupaten_kota")

    photo = make_photo()
    photo_hash = hashlib.sha256(photo).hexdigest()
    print(f"attachment: JPEG {len(photo) / 1024 / 1024:.2f} MB, sha256 {photo_hash[:16]}…")
    print(f"database: {'PostgreSQL, ' + database[1] if database else 'SQLite'}")

    command = [sys.executable, "-m", "tegak.core.server", "--bind", f"{HOST}:{PORT}"]
    command += ["--workers", "2"]
    if not args.no_job_worker:
        command.append("--with-job-worker")
    server = subprocess.Popen(
        command,
        env=env,
        start_new_session=True,
    )
    try:
        for _ in range(1200):  # up to two minutes on a loaded machine
            try:
                http.client.HTTPConnection(HOST, PORT, timeout=1).request("GET", "/lapor/")
                break
            except OSError:
                time.sleep(0.1)

        def bare_body(client: Client) -> tuple[bytes, str]:
            return multipart({}, "files", "foto.jpg", photo)

        def form_body(client: Client) -> tuple[bytes, str]:
            fields = {
                "csrfmiddlewaretoken": client.token,
                "instansi": client.instansi,
                "accused_text": "Petugas loket",
                "description": "Petugas meminta uang di luar tarif resmi.",
                "occurred_on": "2025-10-01",
                "occurred_time": "10:00",
                "occurred_timezone": "WIB",
                "reporter_mode": "anonymous",
            }
            return multipart(fields, "files", "foto.jpg", photo)

        closed_loop("/bench/bare/", 20, args.clients, bare_body)  # warm-up
        closed_loop("/lapor/", 20, args.clients, form_body)
        cpu = ServerCpu(server.pid)
        from tegak.jobs.models import Job, JobStatus

        def jobs_drained(timeout: float = 120.0) -> None:
            deadline = time.monotonic() + timeout
            pending = Job.objects.filter(status__in=[JobStatus.READY, JobStatus.RUNNING])
            while (
                not args.no_job_worker
                and pending.filter(task_path__endswith="clean_report_evidence").exists()
                and time.monotonic() < deadline
            ):
                time.sleep(0.2)

        jobs_drained()
        BUSY.take()  # the warm-up's
        bare_rates, form_rates = [], []
        bare_cpu, form_cpu, job_cpu = [], [], []
        # Per report, from the start of a form run until its cleaning jobs are done.
        form_postgres, form_machine, bare_machine = [], [], []
        busy_runs: list[str] = []
        for _ in range(2):  # alternate, so that neither side gets the quieter moment
            before = cpu.sample()
            rate, statuses = closed_loop("/bench/bare/", args.requests, args.clients, bare_body)
            after = cpu.sample()
            assert set(statuses) == {201}, f"bare view answered {sorted(set(statuses))}"
            BUSY.take()
            bare_rates.append(rate)
            bare_cpu.append((after["web"] - before["web"]) / len(statuses))
            bare_machine.append((after["machine"] - before["machine"]) / len(statuses))
            before = cpu.sample()
            rate, statuses = closed_loop("/lapor/", args.requests, args.clients, form_body)
            after_web = cpu.sample()
            jobs_drained()  # the cleaned copies of this run are made before the next bare run
            after = cpu.sample()
            assert set(statuses) <= {201, 503}, f"report form answered {sorted(set(statuses))}"
            busy_runs.append(busy_text(statuses))
            form_rates.append(rate)
            form_cpu.append((after_web["web"] - before["web"]) / len(statuses))
            job_cpu.append((after["jobs"] - before["jobs"]) / len(statuses))
            form_postgres.append((after["postgres"] - before["postgres"]) / len(statuses))
            form_machine.append((after["machine"] - before["machine"]) / len(statuses))
        bare, form = max(bare_rates), max(form_rates)
        print(
            f"bare upload view : {bare:7.1f} requests/s  (runs {[round(r, 1) for r in bare_rates]})"
        )
        print(
            f"report form      : {form:7.1f} reports/s   (runs {[round(r, 1) for r in form_rates]})"
        )
        print(f"ratio form/bare  : {form / bare:.2f}  (aim: at least 0.5)")
        print(f"busy answers of the report form runs: {busy_runs} (rates count 201s only)")
        bare_ms, form_ms = min(bare_cpu) * 1000, min(form_cpu) * 1000
        print(
            f"web workers' CPU per request: bare {bare_ms:.1f} ms, form {form_ms:.1f} ms "
            f"(ratio {bare_ms / form_ms:.2f}); job worker per report {min(job_cpu) * 1000:.1f} ms"
        )
        if database:
            print(f"PostgreSQL's processes per report: {min(form_postgres) * 1000:.1f} ms")
        print(
            f"whole machine's CPU per request (clients and database included): bare "
            f"{min(bare_machine) * 1000:.1f} ms, form {min(form_machine) * 1000:.1f} ms "
            "(the form's until its cleaning jobs are done)"
        )
        print(f"load average during the run: {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")

        target = 2 * form
        from tegak.intake.models import Report

        reports_before = Report.objects.count()
        print(f"overload: {target:.1f} reports/s (2x) for {args.overload_seconds:.0f} s, open loop")
        started = time.perf_counter()
        results = open_loop("/lapor/", target, args.overload_seconds, form_body)
        elapsed = time.perf_counter() - started
        counts: dict[int, int] = {}
        for status, _ in results:
            counts[status] = counts.get(status, 0) + 1
        print(f"  answers: {dict(sorted(counts.items()))} in {elapsed:.1f} s (0 = no answer)")
        busy_count, busy_missing = BUSY.take()
        print(
            f"  busy (503, nothing saved, send again): {busy_count}"
            + (f", {busy_missing} of them WITHOUT Retry-After" if busy_missing else "")
            + (", each with Retry-After" if busy_count and not busy_missing else "")
        )
        # 503 is the honest "busy, nothing saved, send again" (with Retry-After); any other
        # 5xx, or a 503 whose report was saved after all, fails the check.
        other_5xx = sum(n for status, n in counts.items() if status >= 500 and status != 503)

        references = [
            int(match.group(1))
            for status, content in results
            if status == 201 and (match := re.search(rb"LAP-\d{4}-(\d{6})", content))
        ]
        missing, broken = 0, 0
        for report_id in references:
            report = Report.objects.filter(pk=report_id).first()
            evidence = report.evidence.filter(kind="file").first() if report else None
            if evidence is None:
                missing += 1
                continue
            with evidence.original.open("rb") as handle:
                stored_hash = hashlib.sha256(handle.read()).hexdigest()
            if not (evidence.sha256 == stored_hash == photo_hash):
                broken += 1
        saved = Report.objects.count() - reports_before
        print(
            f"  201 answers checked in the database: {len(references)}, missing {missing}, "
            f"hash mismatch {broken}; reports saved {saved} (= the 201s: a 503 saved nothing); "
            f"503 {counts.get(503, 0)}, other 5xx {other_5xx}"
        )
        ok = (
            other_5xx == 0
            and busy_missing == 0
            and missing == 0
            and broken == 0
            and len(references) == counts.get(201, 0) == saved
        )
        print("overload check:", "PASS" if ok else "FAIL")
        return 0 if ok else 1
    finally:
        os.killpg(server.pid, signal.SIGTERM)
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    raise SystemExit(main())
