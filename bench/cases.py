"""Benchmark of the case file on PostgreSQL: 100,000 cases and 1,000,000 audit events.

    .venv/bin/python bench/cases.py [--database-url postgres://postgres@127.0.0.1:5432/tegak_cases]
                                    [--cases 100000] [--events 1000000] [--runs 200]

Measures, through the real views (Django test client, templates included), the p95 time and the
number of queries of the filtered, paginated case list and of one case page, and the ratio of
each to a bare single-table query (one page of `cases_case`) timed in the same run. The data is
generated with SQL into the database named in the URL (created if missing, reused when present).
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))


def configure(url: str) -> None:
    os.environ.setdefault("TEGAK_SECRET_KEY", "bench-secret-key-that-is-long-enough-for-django")
    os.environ.setdefault("TEGAK_IDENTITY_KEYS", "ZmFrZS10ZXN0LWtleS0zMi1ieXRlcy1sb25nLTAwMDA=")
    os.environ.setdefault("TEGAK_SIGNING_KEY", "hFBqJNZqmF2OrbyDbex73CyqPDhtXRVFBdU5qXZPvjE=")
    os.environ.setdefault("TEGAK_AUDIT_KEYS", "dGVzdC1hdWRpdC1rZXktMzItYnl0ZXMtbG9uZy0wMDAwMDA=")
    os.environ.setdefault("TEGAK_DATA_DIR", tempfile.mkdtemp(prefix="tegak-bench-"))
    os.environ["DATABASE_URL"] = url
    os.environ["TEGAK_REQUIRE_2FA"] = "0"
    os.environ["TEGAK_ALLOWED_HOSTS"] = "testserver,127.0.0.1"
    os.environ["DJANGO_SETTINGS_MODULE"] = "tegak.config.settings"


def ensure_database(url: str) -> None:
    import psycopg

    name = url.rsplit("/", 1)[1]
    admin_url = url.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')


SEED_SQL = """
TRUNCATE cases_caseevent, cases_notification, cases_clock, cases_statement, cases_casehandler,
  cases_allegation, cases_findingchange, cases_accused, cases_casereport, cases_case,
  cases_registercounter, audit_auditevent, audit_auditchainhead RESTART IDENTITY CASCADE;

INSERT INTO cases_case (instansi_id, register_number, origin, status, summary, opened_on,
  known_to_superior_on, created_at, attendance_counts)
SELECT %(instansi)s, lpad(i::text, 6, '0') || '/KD/' || (2024 + i %% 3),
  (ARRAY['reports','ex_officio','attendance'])[1 + i %% 3],
  CASE WHEN i %% 5 = 0 THEN 'open' ELSE 'final' END, 'bench',
  date '2024-01-01' + (i %% 700), date '2024-01-01' + (i %% 700), now(), '{}'::jsonb
FROM generate_series(1, %(cases)s) AS i;

INSERT INTO cases_accused (case_id, employee_id, stage, finding, engine_version, finding_as_of)
SELECT c.id, (%(employees)s)[1 + c.id %% cardinality(%(employees)s)],
  CASE WHEN c.status = 'open' THEN 'summoned_1' ELSE 'final' END,
  '{"level": "ringan", "sanction": "teguran_lisan", "allowed_sanctions":
    ["teguran_lisan", "teguran_tertulis", "pernyataan_tidak_puas"], "examination_team": "none",
    "basis": ["PP 94/2021 Pasal 8 ayat (2)"]}'::jsonb,
  'bench', c.opened_on
FROM cases_case c;

INSERT INTO cases_allegation (case_id, accused_id, provision, committed_on, place, impact,
  description, absence)
SELECT a.case_id, a.id, 'pp-94-2021:3:f', c.opened_on - 3, 'Kantor', 'unit_kerja', '', '{}'::jsonb
FROM cases_accused a JOIN cases_case c ON c.id = a.case_id;

INSERT INTO cases_clock (case_id, accused_id, step, name, due, basis, paused, met_on)
SELECT a.case_id, a.id, s.step, s.name, c.opened_on + s.days, 'bench', false,
  CASE WHEN c.status = 'final' THEN c.opened_on + 1 END
FROM cases_accused a JOIN cases_case c ON c.id = a.case_id
CROSS JOIN (VALUES ('superior_duty', 'superior_must_summon', 9),
                   ('summons_issued', 'examination_latest', 11)) AS s(step, name, days);

INSERT INTO audit_auditevent (sequence, occurred_at, actor_label, action, instansi_code,
  target_type, target_id, data, previous_hash, hash, mac, key_id)
SELECT i, now() - (i || ' seconds')::interval, 'bench', 'hearing.summons_issued', 'bench-kota',
  'cases.case', (1 + i %% %(cases)s)::text,
  jsonb_build_object('case_id', 1 + i %% %(cases)s), md5((i - 1)::text), md5(i::text), '', ''
FROM generate_series(1, %(events)s) AS i;

INSERT INTO cases_caseevent (case_id, event_id)
SELECT 1 + e.sequence %% %(cases)s, e.id FROM audit_auditevent e;

"""


def seed(cases: int, events: int) -> tuple[object, object]:
    from django.db import connection, transaction

    from tegak.accounts.models import RoleAssignment, User
    from tegak.cases.models import Case
    from tegak.people.models import Employee, Instansi

    instansi, _ = Instansi.objects.get_or_create(
        code="bench-kota", defaults={"name": "Kota Bench", "level": "kabupaten_kota"}
    )
    user, _ = User.objects.get_or_create(username="bench-intake")
    RoleAssignment.objects.get_or_create(user=user, role="intake_officer", instansi=instansi)
    if Employee.objects.filter(instansi=instansi).count() < 200:
        Employee.objects.bulk_create(
            Employee(
                instansi=instansi, nip=f"1990{index:014d}", name=f"Pegawai {index}", status="PNS"
            )
            for index in range(200)
        )
    from tegak.audit.models import AuditEvent

    if Case.objects.count() != cases or AuditEvent.objects.count() != events:
        started = time.perf_counter()
        employees = list(
            Employee.objects.filter(instansi=instansi).values_list("pk", flat=True)[:200]
        )
        values = {"instansi": instansi.pk, "cases": cases, "events": events, "employees": employees}
        with transaction.atomic(), connection.cursor() as cursor:
            # All or nothing (a failed seed is not taken for a finished one by the next run).
            # One statement at a time: with the server binding the values (the default on
            # PostgreSQL, TEGAK_DB_PREPARED_STATEMENTS), a statement is prepared, and a prepared
            # statement holds one command.
            for statement in filter(None, (part.strip() for part in SEED_SQL.split(";\n\n"))):
                cursor.execute(statement, values)
        with connection.cursor() as cursor:
            # Index-only scans (the list's count) need the visibility map: vacuum once.
            cursor.execute("VACUUM ANALYZE")
        print(
            f"seeded {cases:,} cases and {events:,} events in {time.perf_counter() - started:.1f} s"
        )
    return instansi, user


def measure(function: Callable[[], object], runs: int) -> tuple[float, float, int]:
    """p50 and p95 in milliseconds, and the number of queries of one call."""
    from django.db import connection

    function()  # warm up
    captured: list[str] = []

    def count(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        captured.append(sql)
        return execute(sql, params, many, context)

    with connection.execute_wrapper(count):
        function()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        function()
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    p95 = times[max(0, round(0.95 * len(times)) - 1)]
    return statistics.median(times), p95, len(captured)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get(
            "TEGAK_BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/tegak_cases"
        ),
    )
    parser.add_argument("--cases", type=int, default=100_000)
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--runs", type=int, default=200)
    options = parser.parse_args()
    if not options.database_url.startswith("postgres"):
        print("bench/cases.py measures PostgreSQL: give a postgres:// URL", file=sys.stderr)
        return 2
    ensure_database(options.database_url)
    configure(options.database_url)
    import django

    django.setup()
    from django.core.management import call_command
    from django.test import Client

    from tegak.cases.models import Case

    call_command("migrate", verbosity=0)
    instansi, user = seed(options.cases, options.events)
    client = Client()
    client.force_login(user)
    ids = list(Case.objects.values_list("pk", flat=True)[:: max(1, options.cases // 500)])
    rng = random.Random(7)

    def bare() -> object:
        return list(
            Case.objects.filter(instansi=instansi, status="open").order_by("-opened_on", "-id")[
                50:75
            ]
        )

    def case_list() -> object:
        response = client.get("/staf/kasus/", {"status": "open", "page": 3})
        assert response.status_code == 200
        return response

    def case_page() -> object:
        response = client.get(f"/staf/kasus/{rng.choice(ids)}/")
        assert response.status_code == 200
        return response

    rows = [
        ("bare single-table query (baseline)", measure(bare, options.runs)),
        ("case list (status=open, page 3 of 25 per page)", measure(case_list, options.runs)),
        ("case page (random case, with history)", measure(case_page, options.runs)),
    ]
    baseline = rows[0][1][1]
    print(
        f"\nPostgreSQL, {options.cases:,} cases, {options.events:,} audit events, "
        f"{options.runs} runs each"
    )
    print(f"{'what':<50} {'p50 ms':>8} {'p95 ms':>8} {'queries':>8} {'p95 ratio':>10}")
    for name, (p50, p95, queries) in rows:
        print(f"{name:<50} {p50:>8.2f} {p95:>8.2f} {queries:>8} {p95 / baseline:>9.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
