"""Portal pages at scale: p95 over HTTP of the register, statistics and staff pages, against a
static file served by the same server in the same run.

    TEGAK_BENCH_DATABASE_URL=postgres://postgres@127.0.0.1:5432/tegak_portal_bench \
        .venv/bin/python bench/portal.py [--cases 100000] [--requests 150] [--port 0]

The script creates the database if needed, migrates it, fills it once with generated cases
(bulk inserts; `--regenerate` to start again), starts the server as `tegak serve` does
(`python -m tegak.core.server`: gunicorn, 2 asyncio workers, ADR 0031; no job worker) on
loopback, measures each page sequentially over one keep-alive connection after a warm-up,
prints a table and exits. Every request is bounded by a timeout. PostgreSQL only.
"""

from __future__ import annotations

import argparse
import http.client
import os
import random
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/tegak_portal_bench"
PROVISIONS = [f"pp-94-2021:4:{letter}" for letter in "abcdefghij"] + [
    f"pp-94-2021:5:{letter}" for letter in "abcdefghijklm"
]
STAFF_USER = "bench-staff"


def ensure_database(url: str) -> None:
    """Create the benchmark database when it does not exist yet."""
    import psycopg

    parsed = urlparse(url)
    name = parsed.path.lstrip("/")
    admin = parsed._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


def setup_django(env: dict[str, str]) -> None:
    os.environ.update(env)
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()


def generate(cases: int, regenerate: bool) -> None:
    """Fill the database with an instansi, its units, employees and `cases` register entries."""
    from django.core.management import call_command
    from django.db import transaction

    from tegak.accounts.models import RoleAssignment, User
    from tegak.people.models import Employee, Instansi, OrgUnit
    from tegak.portal.models import PortalPolicy, RegisterEntry

    call_command("migrate", verbosity=0)
    from tegak.cases.models import Case

    if RegisterEntry.objects.count() == cases == Case.objects.count() and not regenerate:
        print(f"using the {cases:,} register entries already generated")
        count_statistics(cases)
        vacuum()
        return
    started = time.perf_counter()
    random.seed(20251125)
    with transaction.atomic():
        RegisterEntry.objects.all().delete()
        delete_cases()
        instansi, _ = Instansi.objects.get_or_create(
            code="bench-kota", defaults={"name": "Pemerintah Kota Bench", "level": "kabupaten_kota"}
        )
        PortalPolicy.objects.update_or_create(
            instansi=instansi, defaults={"show_accused_name_when_final": True}
        )
        top, _ = OrgUnit.objects.get_or_create(
            instansi=instansi, code="TOP", defaults={"name": "Pemkot"}
        )
        units = [
            OrgUnit.objects.get_or_create(
                instansi=instansi,
                code=f"D{number:02d}",
                defaults={"name": f"Dinas {number:02d}", "parent": top},
            )[0]
            for number in range(40)
        ]
        if not Employee.objects.filter(instansi=instansi).exists():
            Employee.objects.bulk_create(
                Employee(
                    instansi=instansi,
                    nip=f"1990{number:014d}",
                    name=f"Pegawai {number}",
                    status="PNS",
                )
                for number in range(2000)
            )
        employee_ids = list(Employee.objects.filter(instansi=instansi).values_list("pk", flat=True))
        user, _ = User.objects.get_or_create(username=STAFF_USER)
        RoleAssignment.objects.get_or_create(user=user, role="intake_officer", instansi=instansi)
        first = date(2021, 9, 1)
        span = (date(2026, 11, 20) - first).days
        batch: list[RegisterEntry] = []
        for number in range(cases):
            opened = first + timedelta(days=random.randrange(span))
            decided = (
                opened + timedelta(days=random.randint(5, 120)) if random.random() < 0.6 else None
            )
            status = (
                random.choice(["decided", "objection", "final", "final"])
                if decided
                else random.choice(["open", "examination"])
            )
            due = opened + timedelta(days=9)
            met = due + timedelta(days=random.randint(-5, 3)) if random.random() < 0.8 else None
            batch.append(
                RegisterEntry(
                    instansi=instansi,
                    case_id_ref=number + 1,
                    accused_id_ref=number + 1,
                    register_number=f"{number + 1:06d}/KD/{opened.year}",
                    unit=random.choice(units),
                    employee_id=random.choice(employee_ids),
                    provision=random.choice(PROVISIONS),
                    provisions=[random.choice(PROVISIONS)],
                    level=random.choice(["ringan", "sedang", "berat"]) if decided else "",
                    sanction="teguran_tertulis" if decided else "",
                    status=status,
                    opened_on=opened,
                    decided_on=decided,
                    final_on=decided + timedelta(days=20)
                    if status == "final" and decided
                    else None,
                    days_to_decision=(decided - opened).days if decided else None,
                    deadlines=[
                        {
                            "name": "summons_issued",
                            "basis": "PP 94/2021 Pasal 26 ayat (2)",
                            "due": due.isoformat(),
                            "met_on": met.isoformat() if met else None,
                            "paused": False,
                        }
                    ],
                    deadlines_kept=1 if met and met <= due else 0,
                    deadlines_late=1 if met and met > due else 0,
                    open_due=None if met else due,
                )
            )
            if len(batch) == 5000:
                RegisterEntry.objects.bulk_create(batch)
                batch = []
        RegisterEntry.objects.bulk_create(batch)
        generate_cases(instansi, user, employee_ids, cases)
    count_statistics(cases)
    vacuum()
    print(f"generated {cases:,} register entries in {time.perf_counter() - started:.1f} s")


def count_statistics(cases: int) -> None:
    """The statistics' aggregates of the generated register (bulk inserts bypass the refresh
    that keeps them), recounted as `tegak portal_refresh --statistics` does."""
    from django.db.models import Sum

    from tegak.portal import aggregates
    from tegak.portal.models import StatisticsDay

    if StatisticsDay.objects.aggregate(total=Sum("cases"))["total"] != cases:
        started = time.perf_counter()
        rows = aggregates.rebuild()
        print(f"aggregates recounted in {time.perf_counter() - started:.1f} s: {rows}")


def delete_cases() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "TRUNCATE cases_clock, cases_allegation, cases_casehandler, cases_accused, "
            "cases_case CASCADE"
        )


def generate_cases(instansi: Any, user: Any, employee_ids: list[int], count: int) -> None:
    """The case file behind the staff case list: a case, its accused, allegation and clock."""
    from tegak.cases.models import Accused, Allegation, Case, CaseHandler, Clock

    first = date(2021, 9, 1)
    span = (date(2026, 11, 20) - first).days
    for start in range(0, count, 5000):
        size = min(5000, count - start)
        opened = [first + timedelta(days=random.randrange(span)) for _ in range(size)]
        cases = Case.objects.bulk_create(
            Case(
                instansi=instansi,
                register_number=f"{start + index + 1:06d}/KD/{day.year}",
                origin="ex_officio",
                summary=f"Dugaan pelanggaran nomor {start + index + 1}",
                opened_on=day,
                known_to_superior_on=day,
                status="open" if random.random() < 0.4 else "final",
            )
            for index, day in enumerate(opened)
        )
        accused = Accused.objects.bulk_create(
            Accused(case=case, employee_id=random.choice(employee_ids)) for case in cases
        )
        Allegation.objects.bulk_create(
            Allegation(
                case=case,
                accused=person,
                provision=random.choice(PROVISIONS),
                committed_on=case.opened_on,
            )
            for case, person in zip(cases, accused, strict=True)
        )
        Clock.objects.bulk_create(
            Clock(
                case=case,
                accused=person,
                step="summons_issued",
                name="examination_latest",
                due=case.opened_on + timedelta(days=9),
            )
            for case, person in zip(cases, accused, strict=True)
        )
        if start == 0:
            CaseHandler.objects.bulk_create(
                CaseHandler(case=case, user=user, role="examiner", assigned_on=case.opened_on)
                for case in cases[:200]
            )


def vacuum() -> None:
    """What autovacuum does on a live server: statistics and the visibility map (index-only)."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "portal_registerentry",
            "portal_statisticsday",
            "portal_statisticsunitmonth",
            "portal_statisticsprovisionmonth",
            "cases_case",
            "cases_accused",
            "cases_clock",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")


def staff_cookie() -> str:
    """A logged-in session for the bench's staff user (the server runs without 2FA)."""
    from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY
    from django.contrib.sessions.backends.db import SessionStore

    from tegak.accounts.models import User

    user = User.objects.get(username=STAFF_USER)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "django.contrib.auth.backends.ModelBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"sessionid={session.session_key}"


def optional_path(name: str) -> str | None:
    from django.urls import NoReverseMatch, reverse

    try:
        return reverse(name)
    except NoReverseMatch:
        return None


def measure(port: int, path: str, requests: int, cookie: str = "") -> list[float]:
    """Milliseconds per request, after five warm-up requests; fails on any non-200 answer."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    headers = {"Cookie": cookie} if cookie else {}
    timings = []
    for index in range(requests + 5):
        started = time.perf_counter()
        connection.request("GET", path, headers=headers)
        response = connection.getresponse()
        response.read()
        elapsed = (time.perf_counter() - started) * 1000
        if response.status != 200:
            raise SystemExit(f"{path} answered {response.status}")
        if index >= 5:
            timings.append(elapsed)
    connection.close()
    return timings


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[18]


def wait_for(port: int, seconds: float = 180) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            connection.request("GET", "/static/tegak/tegak.css")
            connection.getresponse().read()
            return
        except OSError:
            time.sleep(0.3)
    raise SystemExit("the server did not start")


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--requests", type=int, default=150)
    parser.add_argument(
        "--port",
        type=int,
        default=int(os.environ.get("TEGAK_BENCH_PORT", "0")),
        help="0: a free one",
    )
    parser.add_argument("--regenerate", action="store_true")
    parser.add_argument(
        "--only",
        default="",
        help="measure only the pages whose label contains this (and the baseline)",
    )
    args = parser.parse_args()
    url = os.environ.get("TEGAK_BENCH_DATABASE_URL", DEFAULT_URL)
    if not url.startswith("postgres"):
        raise SystemExit(
            "bench/portal.py measures PostgreSQL: set TEGAK_BENCH_DATABASE_URL=postgres://…"
        )
    ensure_database(url)
    if not args.port:
        args.port = free_port()
    data_dir = tempfile.mkdtemp(prefix="tegak-bench-portal-")
    (Path(data_dir) / "static").mkdir()  # as `tegak serve` does: WhiteNoise stays quiet
    env = {
        "DATABASE_URL": url,
        "TEGAK_SECRET_KEY": "bench-secret-key-long-enough-for-django-0123456789",
        "TEGAK_IDENTITY_KEYS": "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=",
        "TEGAK_SIGNING_KEY": "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=",
        "TEGAK_AUDIT_KEYS": "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=",
        "TEGAK_DATA_DIR": data_dir,
        "TEGAK_REQUIRE_2FA": "0",
        "DJANGO_SETTINGS_MODULE": "tegak.config.settings",
    }
    setup_django(env)
    generate(args.cases, args.regenerate)
    cookie = staff_cookie()
    pages: list[tuple[str, str, str]] = [
        ("static file (baseline)", "/static/tegak/tegak.css", ""),
        ("register, page 1", "/register/", ""),
        ("register, page 2000", "/register/?page=2000", ""),
        ("register, filtered", "/register/?level=berat&year=2024", ""),
        ("statistics", "/statistik/", ""),
        ("statistics, year 2025", "/statistik/?year=2025", ""),
        ("staff dashboard", "/staf/", cookie),
    ]
    case_list = optional_path("cases:list")
    if case_list:
        pages.append(("staff case list", case_list, cookie))
        pages.append(("staff case list, search", f"{case_list}?query=0123", cookie))
    if args.only:
        pages = [pages[0]] + [page for page in pages[1:] if args.only in page[0]]
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "tegak.core.server",
            "--bind",
            f"127.0.0.1:{args.port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env={**os.environ, **env, "PYTHONPATH": str(ROOT / "src")},
    )
    try:
        wait_for(args.port)
        results = [
            (label, path, measure(args.port, path, args.requests, cookie_))
            for label, path, cookie_ in pages
        ]
    finally:
        server.send_signal(signal.SIGTERM)
        server.wait(timeout=30)
    baseline = p95(results[0][2])
    print(
        f"\n{args.cases:,} cases, {args.requests} requests per page, PostgreSQL, "
        "gunicorn 2 asyncio workers (as tegak serve)"
    )
    print(f"{'page':28} {'p50 ms':>8} {'p95 ms':>8} {'p95 / static':>13}")
    for label, _path, timings in results:
        high = p95(timings)
        print(f"{label:28} {statistics.median(timings):8.1f} {high:8.1f} {high / baseline:13.1f}")
    if not case_list and not args.only:
        print("(the staff case list `cases:list` is not installed on this branch: not measured)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
