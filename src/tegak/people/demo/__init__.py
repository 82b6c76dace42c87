"""The fictional demo agency, Pemerintah Kota Sukamaju, with about 300 made-up employees.

Everything is generated from a fixed seed and fictional name parts, so every run produces the
same people; loading goes through the real importer (which matches units by code and employees
by NIP), so running it twice changes nothing. A small fictional central agency is added so that
the JPT Utama and JPT Madya position kinds, which a kota does not have, appear somewhere.
"""

from __future__ import annotations

import csv
import io
import random
from datetime import date, timedelta
from typing import TextIO

from django.db import transaction
from django.db.models import Q

from tegak.core.access import Right, SystemActor
from tegak.people.demo.names import DemoPeople, golongan_for, status_for
from tegak.people.demo.structure import (
    ACCOUNT_POSTS,
    PLT,
    SEED_PNS_POST,
    SEED_STAGE_FROM,
    SEED_STAGE_HEADS,
    SEED_STAGE_UNIT,
    SEED_TKK_COUNT,
    SEED_TKK_POST,
    VACANT_HEADS,
    DemoUnit,
    structure,
)
from tegak.people.imports import import_employees, import_units
from tegak.people.models import (
    Employee,
    Instansi,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)

DEMO_INSTANSI_CODE = "kota-sukamaju"
CENTRAL_INSTANSI_CODE = "badan-contoh-nasional"
SEED = 20261125
# The demo loader writes the demo registry and nothing else.
ACTOR = SystemActor("demo", rights=frozenset({Right.REGISTRY_WRITE}))


def _employee_rows(units: list[DemoUnit], people: DemoPeople) -> list[list[str]]:
    rng = people.random
    rows = []
    for unit in units:
        posts = []
        if unit.head and unit.code not in VACANT_HEADS:
            posts.append((unit.head[0], unit.head[1], 1, True))
        posts += [(name, kind, count, False) for name, kind, count in unit.staff]
        for name, kind, count, is_head in posts:
            for _index in range(count):
                status = status_for(kind, name, rng)
                senior = is_head or kind in {"fungsional_ahli_madya", "fungsional_ahli_utama"}
                born = (1968, 1979) if senior else (1975, 1998)
                if status == "CPNS":
                    born, appointed = (1996, 2001), 2025
                elif status == "PPPK":
                    appointed = rng.choice([2022, 2023, 2024])
                elif status == "PPPK_PARUH_WAKTU":
                    appointed = 2025
                else:
                    appointed = rng.randint(1994 if senior else 2000, 2019)
                if status == "NON_ASN":
                    people.sequence += 1
                    gender = rng.choice("LP")
                    number = f"TKK-{rng.randint(2015, 2023)}.{people.sequence:04d}"
                else:
                    number, gender = people.nip(
                        status, born_from=born[0], born_to=born[1], appointed=appointed
                    )
                front, back = people.titles(kind, name)
                start_year = max(appointed, 2026 - rng.randint(1, 7))
                start = date(start_year, rng.randint(1, 12), 1) if status != "NON_ASN" else None
                if status in {"CPNS", "PPPK_PARUH_WAKTU"}:
                    start = date(2025, rng.choice([3, 4, 10]), 1)
                rows.append(
                    [
                        number,
                        people.name(gender),
                        status,
                        kind,
                        name,
                        unit.code,
                        "ya" if is_head else "tidak",
                        golongan_for(status, kind, rng),
                        (start or date(2024, 1, 2)).isoformat(),
                        front,
                        back,
                    ]
                )
    return rows


def _csv(rows: list[list[str]]) -> bytes:
    buffer = io.StringIO()
    csv.writer(buffer).writerows(rows)
    return buffer.getvalue().encode()


def _unit_rows(units: list[DemoUnit]) -> list[list[str]]:
    header = ["code", "name", "parent_code", "is_personnel_unit", "is_supervision_unit"]
    return [header] + [
        [
            unit.code,
            unit.name,
            unit.parent,
            "ya" if unit.flags == "personnel" else "tidak",
            "ya" if unit.flags == "supervision" else "tidak",
        ]
        for unit in units
    ]


EMPLOYEE_HEADER = [
    "nip",
    "name",
    "status",
    "position_kind",
    "position_name",
    "unit_code",
    "is_head",
    "golongan",
    "active_from",
    "front_title",
    "back_title",
]


def _seed_stage_rows(rows: list[list[str]], people: DemoPeople) -> list[list[str]]:
    """The seed stories' stage: the heads of the Setda, the Setwan and its Bagian Umum hold their
    posts since SEED_STAGE_FROM, and seven contract staff and a PNS work in that Bagian Umum since
    before 2021 (drawn after everyone else, so nobody else's name or NIP changes)."""
    for row in rows:
        if row[5] in SEED_STAGE_HEADS and row[6] == "ya":
            row[8] = SEED_STAGE_FROM
    added = []
    for _index in range(SEED_TKK_COUNT):
        people.sequence += 1
        gender = people.random.choice("LP")
        number = f"TKK-2019.{people.sequence:04d}"
        added.append(
            [
                number,
                people.name(gender),
                "NON_ASN",
                "pelaksana",
                SEED_TKK_POST,
                SEED_STAGE_UNIT,
                "tidak",
                "",
                SEED_STAGE_FROM,
                "",
                "",
            ]
        )
    number, gender = people.nip("PNS", born_from=1984, born_to=1988, appointed=2010)
    added.append(
        [
            number,
            people.name(gender),
            "PNS",
            "pelaksana",
            SEED_PNS_POST,
            SEED_STAGE_UNIT,
            "tidak",
            "II/c",
            "2018-03-01",
            "",
            "",
        ]
    )
    return added


def demo_files() -> tuple[bytes, bytes]:
    """The demo registry as the two CSV files an administrator would import."""
    units = structure()
    people = DemoPeople(SEED)
    rows = _employee_rows(units, people)
    rows += _seed_stage_rows(rows, people)
    return _csv(_unit_rows(units)), _csv([EMPLOYEE_HEADER, *rows])


def _seed_stage(instansi: Instansi) -> int:
    """The heads' posts from SEED_STAGE_FROM also in a demo loaded before the stage existed, and
    the Sekretaris DPRD answering to the Sekretaris Daerah: administratively the secretary of the
    council answers to the head of the region through the Sekretaris Daerah (UU 23/2014 Pasal
    215; docs/legal-questions.md), which the unit tree, with the Setwan beside the Setda, does not
    say."""
    changed = 0
    start = date.fromisoformat(SEED_STAGE_FROM)
    heads = {}
    for code in SEED_STAGE_HEADS:
        assignment = (
            PositionAssignment.objects.filter(
                position__instansi=instansi,
                position__unit__code=code,
                position__is_head=True,
                kind="definitif",
                end__isnull=True,
            )
            .select_related("employee")
            .first()
        )
        if assignment is None:
            continue
        heads[code] = assignment.employee
        earlier = PositionAssignment.objects.filter(
            Q(employee=assignment.employee) | Q(position=assignment.position),
            start__lt=assignment.start,
        )
        if assignment.start > start and not earlier.exists():
            PositionAssignment.objects.filter(pk=assignment.pk).update(start=start)
            changed += 1
    if "SETWAN" in heads and "SETDA" in heads:
        _, made = SupervisorOverride.objects.get_or_create(
            employee=heads["SETWAN"],
            supervisor=heads["SETDA"],
            start=start,
            defaults={
                "reason": "Sekretaris DPRD secara administratif bertanggung jawab kepada kepala "
                "daerah melalui Sekretaris Daerah (UU 23/2014 Pasal 215)"
            },
        )
        changed += made
    return changed


def _history(instansi: Instansi) -> int:
    """Past posts, a retired head and a Plt: what the registry looks like after a few years."""
    created = 0
    dishub_head, _ = Position.objects.get_or_create(
        unit=OrgUnit.objects.get(instansi=instansi, code="DISHUB"),
        is_head=True,
        defaults={
            "instansi": instansi,
            "name": "Kepala Dinas Perhubungan",
            "kind": "jpt_pratama",
        },
    )
    retired, made = Employee.objects.get_or_create(
        nip="196503172000031004",
        defaults={
            "instansi": instansi,
            "name": "Guntur Wicaksono",
            "status": "PNS",
            "golongan": "IV/c",
            "birth_date": date(1965, 3, 17),
            "gender": "L",
            "back_title": "S.T., M.T.",
            "active": False,
        },
    )
    created += made
    _, made = PositionAssignment.objects.get_or_create(
        employee=retired,
        position=dishub_head,
        start=date(2019, 2, 1),
        defaults={"kind": "definitif", "end": date(2025, 3, 31)},
    )
    created += made
    secretary = (
        PositionAssignment.objects.filter(
            position__unit__instansi=instansi,
            position__unit__code=PLT[1],
            position__is_head=True,
            end__isnull=True,
        )
        .select_related("employee")
        .first()
    )
    if secretary is not None:
        _, made = PositionAssignment.objects.get_or_create(
            employee=secretary.employee,
            position=dishub_head,
            start=date(2025, 4, 1),
            defaults={"kind": "plt"},
        )
        created += made
    # Some PNS moved here from a pelaksana post in another unit.
    rng = random.Random(SEED + 1)
    earlier_posts = list(
        Position.objects.filter(instansi=instansi, kind="pelaksana").order_by("unit__code", "name")
    )
    movers = (
        PositionAssignment.objects.filter(
            position__instansi=instansi,
            employee__status="PNS",
            end__isnull=True,
            kind="definitif",
            start__gte=date(2021, 1, 1),
        )
        .select_related("employee", "position")
        .order_by("employee__nip")
    )
    for index, current in enumerate(movers):
        if index % 6:
            continue
        choices = [p for p in earlier_posts if p.unit_id != current.position.unit_id]
        earlier = rng.choice(choices)
        start = date(int(current.employee.nip[8:12]), int(current.employee.nip[12:14]), 1)
        end = current.start - timedelta(days=1)
        if (
            start >= end
            or PositionAssignment.objects.filter(
                employee=current.employee, end__isnull=False
            ).exists()
        ):
            continue
        PositionAssignment.objects.create(
            employee=current.employee, position=earlier, kind="definitif", start=start, end=end
        )
        created += 1
    return created


def _central(out: TextIO) -> None:
    """A small fictional central agency: the JPT Utama and Madya kinds a kota does not have."""
    instansi, _ = Instansi.objects.get_or_create(
        code=CENTRAL_INSTANSI_CODE,
        defaults={
            "name": "Badan Contoh Nasional",
            "level": "pusat",
            "time_zone": "WIB",
            "ppk_title": "Kepala Badan Contoh Nasional",
            "city": "Jakarta",
        },
    )
    units = [
        ["code", "name", "parent_code"],
        ["BCN", "Badan Contoh Nasional", ""],
        ["BCN-SESTAMA", "Sekretariat Utama", "BCN"],
        ["BCN-DEP1", "Deputi Bidang Layanan Contoh", "BCN"],
        ["BCN-DEP1-DIT1", "Direktorat Layanan Contoh Wilayah Barat", "BCN-DEP1"],
    ]
    import_units(actor=ACTOR, instansi=instansi, data=_csv(units))
    people = DemoPeople(SEED + 2)
    people.sequence = 500
    posts = [
        ("jpt_utama", "Kepala Badan Contoh Nasional", "BCN", "ya"),
        ("jpt_madya", "Sekretaris Utama", "BCN-SESTAMA", "ya"),
        ("jpt_madya", "Deputi Bidang Layanan Contoh", "BCN-DEP1", "ya"),
        ("jpt_pratama", "Direktur Layanan Contoh Wilayah Barat", "BCN-DEP1-DIT1", "ya"),
        ("fungsional_ahli_utama", "Analis Kebijakan Ahli Utama", "BCN-DEP1", "tidak"),
        ("pelaksana", "Pengadministrasi Perkantoran", "BCN-DEP1-DIT1", "tidak"),
    ]
    rows = [EMPLOYEE_HEADER]
    for kind, name, unit, head in posts:
        number, gender = people.nip("PNS", born_from=1966, born_to=1985, appointed=1995)
        rows.append(
            [
                number,
                people.name(gender),
                "PNS",
                kind,
                name,
                unit,
                head,
                "IV/d",
                "2023-01-02",
                "",
                "",
            ]
        )
    import_employees(actor=ACTOR, instansi=instansi, data=_csv(rows))
    out.write(f"Demo instansi: {instansi.name} ({instansi.code})\n")


def load(out: TextIO) -> None:
    """Create (or confirm) the demo agency, its org chart and its employees."""
    with transaction.atomic():
        instansi, _ = Instansi.objects.update_or_create(
            code=DEMO_INSTANSI_CODE,
            defaults={
                "name": "Pemerintah Kota Sukamaju",
                "level": "kabupaten_kota",
                "time_zone": "WIB",
                "ppk_title": "Wali Kota Sukamaju",
                "city": "Sukamaju",
                "address": "Jalan Merdeka No. 1, Sukamaju",
            },
        )
        units_file, employees_file = demo_files()
        units = import_units(actor=ACTOR, instansi=instansi, data=units_file)
        employees = import_employees(actor=ACTOR, instansi=instansi, data=employees_file)
        history = _history(instansi) + _seed_stage(instansi)
        _central(out)
    total = Employee.objects.filter(instansi=instansi).count()
    out.write(
        f"Demo instansi: {instansi.name} ({instansi.code}): {units.rows} units, {total} employees"
        f" ({employees.created} new, {history} history records added)\n"
    )


def employee_in_post(role: str) -> Employee | None:
    """The demo employee who holds the post a demo account belongs to."""
    return employee_holding(*ACCOUNT_POSTS[role])


def employee_holding(unit_code: str, position_name: str) -> Employee | None:
    """The demo employee who holds the post (the longest-serving one)."""
    assignment = (
        PositionAssignment.objects.filter(
            position__instansi__code=DEMO_INSTANSI_CODE,
            position__unit__code=unit_code,
            position__name=position_name,
            end__isnull=True,
            kind="definitif",
        )
        .select_related("employee")
        .order_by("start", "id")
        .first()
    )
    return assignment.employee if assignment else None
