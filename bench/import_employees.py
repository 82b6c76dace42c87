"""Import 20,000 employees from CSV and compare with a bare bulk_create of the same rows.

    .venv/bin/python bench/import_employees.py            # SQLite in a temporary folder
    DATABASE_URL=postgres://postgres@127.0.0.1:5432/tegak_bench \
        .venv/bin/python bench/import_employees.py

The import validates every row (NIP, status, rank, unit, position), creates the positions, the
employees and their position history in one transaction and writes one audit event. The baseline
only turns the same CSV rows into Employee objects and bulk-creates them. Both run in the same
process on the same database, twice each, alternating; the best time of each counts. The ratio is
import speed / baseline speed (aim: at least 0.5).
"""

from __future__ import annotations

import csv
import io
import os
import random
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

ROWS = int(os.environ.get("BENCH_ROWS", "20000"))
ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))
os.environ.setdefault("TEGAK_DEMO", "1")
os.environ.setdefault("TEGAK_DATA_DIR", tempfile.mkdtemp(prefix="tegak-bench-"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "tegak.config.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.db import connection, transaction  # noqa: E402

from tegak.accounts.models import RoleAssignment, User  # noqa: E402
from tegak.core.access import Role  # noqa: E402
from tegak.people.imports import import_employees, import_units  # noqa: E402
from tegak.people.models import (  # noqa: E402
    Employee,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
)

CODE = "bench-import"
STATUSES = ["PNS"] * 6 + ["CPNS", "PPPK", "PPPK_PARUH_WAKTU", "NON_ASN"]


def make_files(rows: int) -> tuple[bytes, bytes]:
    """60 units and `rows` employees with valid, unique NIPs."""
    rng = random.Random(7)
    units = [["code", "name", "parent_code"], ["TOP", "Pemerintah Kota Bangku", ""]]
    for dinas in range(12):
        units.append([f"D{dinas}", f"Dinas Nomor {dinas}", "TOP"])
        for field in range(4):
            units.append([f"D{dinas}-B{field}", f"Bidang {field} Dinas {dinas}", f"D{dinas}"])
    leaf_codes = [row[0] for row in units[2:]]
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(
        [
            *["nip", "name", "status", "position_kind", "position_name", "unit_code"],
            *["is_head", "golongan", "active_from"],
        ]
    )
    heads = set()
    for index in range(rows):
        status = rng.choice(STATUSES)
        unit = leaf_codes[index % len(leaf_codes)]
        is_head = unit not in heads and status == "PNS"
        if is_head:
            heads.add(unit)
        birth = date(1965 + index % 35, 1 + index % 12, 1 + index % 28)
        gender = "1" if index % 2 else "2"
        sequence = 1 + index % 999
        appointed = min(birth.year + 22 + (index // 999) % 10, 2024)
        if status == "NON_ASN":
            nip = f"TKK-{index:06d}"
        elif status in {"PPPK", "PPPK_PARUH_WAKTU"}:
            nip = f"{birth:%Y%m%d}{appointed}21{gender}{sequence:03d}"
        else:
            nip = f"{birth:%Y%m%d}{appointed}{1 + index % 12:02d}{gender}{sequence:03d}"
        kind = "administrator" if is_head else rng.choice(["pelaksana", "fungsional_ahli_muda"])
        position = "Kepala" if is_head else f"Staf {kind} {index % 7}"
        golongan = {"PNS": "III/b", "CPNS": "III/a", "NON_ASN": ""}.get(status, "IX")
        writer.writerow(
            [
                *[nip, f"Pegawai Bangku {index}", status, kind, position, unit],
                *["ya" if is_head else "tidak", golongan, "2024-01-02"],
            ]
        )
    units_buffer = io.StringIO()
    csv.writer(units_buffer).writerows(units)
    return units_buffer.getvalue().encode(), buffer.getvalue().encode()


def clean(instansi: Instansi) -> None:
    """Remove what a run wrote; on PostgreSQL also vacuum, so the next run starts equal."""
    with transaction.atomic():
        PositionAssignment.objects.filter(employee__instansi=instansi).delete()
        Employee.objects.filter(instansi=instansi).delete()
        Position.objects.filter(instansi=instansi).delete()
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            for model in (PositionAssignment, Employee, Position):
                cursor.execute(f"VACUUM ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def baseline(instansi: Instansi, data: bytes) -> float:
    """Parse the same CSV and bulk_create bare Employee rows: no checks, no posts, no audit."""
    start = time.perf_counter()
    reader = csv.DictReader(io.StringIO(data.decode()))
    employees = [
        Employee(
            instansi=instansi,
            nip=row["nip"],
            name=row["name"],
            status=row["status"],
            golongan=row["golongan"],
        )
        for row in reader
    ]
    with transaction.atomic():
        Employee.objects.bulk_create(employees)
    return time.perf_counter() - start


def administrator(instansi: Instansi) -> User:
    """The instansi's administrator, who uploads the files on the registry page (an import by
    anyone else is refused)."""
    user, _ = User.objects.get_or_create(username="bench-admin")
    RoleAssignment.objects.get_or_create(user=user, role=Role.ADMINISTRATOR, instansi=instansi)
    return user


def timed_import(instansi: Instansi, data: bytes, actor: User) -> tuple[float, object]:
    start = time.perf_counter()
    result = import_employees(actor=actor, instansi=instansi, data=data)
    return time.perf_counter() - start, result


def main() -> None:
    call_command("migrate", verbosity=0)
    instansi, _ = Instansi.objects.get_or_create(
        code=CODE, defaults={"name": "Pemerintah Kota Bangku", "level": "kabupaten_kota"}
    )
    units, employees = make_files(ROWS)
    clean(instansi)
    actor = administrator(instansi)
    import_units(actor=actor, instansi=instansi, data=units)
    print(f"database: {connection.vendor}; rows: {ROWS}")

    # Best of two of each, alternating, so that machine load and warm-up hit both alike.
    bare_times, import_times = [], []
    for _round in range(2):
        bare_times.append(baseline(instansi, employees))
        clean(instansi)
        took, result = timed_import(instansi, employees, actor)
        import_times.append(took)
        assert getattr(result, "created", 0) == ROWS, result
        again, second = timed_import(instansi, employees, actor)
        assert getattr(second, "unchanged", 0) == ROWS, second
        clean(instansi)
    bare, took = min(bare_times), min(import_times)
    print(f"bare bulk_create:       {ROWS / bare:10.0f} rows/s ({bare:.2f} s)")
    print(f"tegak import:           {ROWS / took:10.0f} rows/s ({took:.2f} s)")
    print(f"re-import (no changes): {ROWS / again:10.0f} rows/s ({again:.2f} s)")
    print(f"ratio import / bare:    {bare / took:10.2f}")
    clean(instansi)
    with transaction.atomic():
        OrgUnit.objects.filter(instansi=instansi, parent__isnull=False).update(parent=None)
        OrgUnit.objects.filter(instansi=instansi).delete()


if __name__ == "__main__":
    main()
