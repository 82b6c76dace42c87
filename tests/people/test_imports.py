"""Importing the registry from spreadsheets: good files land once, bad files change nothing."""

from __future__ import annotations

import io
import json
import subprocess
import sys
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import translation
from openpyxl import Workbook

from tegak.audit.models import AuditEvent
from tegak.core.access import Right, SystemActor
from tegak.core.errors import InputError
from tegak.people import selectors
from tegak.people.imports import import_employees, import_units
from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

from .conftest import csv_bytes

# A process given the right to write a registry (the command line's import).
REGISTRY = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE}))

TODAY = date(2026, 11, 25)
UNITS = [
    ["code", "name", "parent_code"],
    ["PEMKOT", "Pemerintah Kota Uji", ""],
    ["DINKES", "Dinas Kesehatan", "PEMKOT"],
    ["DINKES-P2P", "Bidang Pencegahan Penyakit", "DINKES"],
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
]
EMPLOYEES = [
    EMPLOYEE_HEADER,
    [
        "197501012000031001",
        "Kadis Uji",
        "PNS",
        "jpt_pratama",
        "Kepala Dinas",
        "DINKES",
        "ya",
        "IV/c",
    ],
    [
        "198001012005011002",
        "Kabid Uji",
        "PNS",
        "administrator",
        "Kepala Bidang",
        "DINKES-P2P",
        "ya",
        "IV/a",
    ],
    [
        "199001012015032001",
        "Staf Uji",
        "PNS",
        "pelaksana",
        "Pengadministrasi",
        "DINKES-P2P",
        "tidak",
        "II/c",
    ],
    [
        "199505052022212003",
        "Perawat Uji",
        "PPPK",
        "fungsional_keterampilan",
        "Perawat Terampil",
        "DINKES-P2P",
        "tidak",
        "VII",
    ],
    [
        "TKK-2019.0042",
        "Kontrak Uji",
        "NON_ASN",
        "pelaksana",
        "Pengadministrasi",
        "DINKES-P2P",
        "tidak",
        "",
    ],
]


def run_units(instansi, rows, **kwargs):
    return import_units(actor=REGISTRY, instansi=instansi, data=csv_bytes(rows), **kwargs)


def run_employees(instansi, rows, **kwargs):
    return import_employees(
        actor=REGISTRY, instansi=instansi, data=csv_bytes(rows), today=TODAY, **kwargs
    )


def refused(call) -> list[dict]:
    with pytest.raises(InputError) as caught:
        call()
    assert caught.value.field == "file"
    return caught.value.details


def snapshot():
    return (
        sorted(OrgUnit.objects.values_list("code", "name", "parent__code")),
        sorted(Employee.objects.values_list("nip", "name", "status", "golongan")),
        sorted(
            PositionAssignment.objects.values_list(
                "employee__nip", "position__name", "start", "end"
            )
        ),
        AuditEvent.objects.count(),
    )


@pytest.fixture
def loaded(instansi):
    run_units(instansi, UNITS)
    run_employees(instansi, EMPLOYEES)
    return instansi


@pytest.mark.django_db
def test_units_and_employees_import_builds_the_tree_and_the_chain(loaded):
    staf = Employee.objects.get(nip="199001012015032001")
    kabid = Employee.objects.get(nip="198001012005011002")
    kadis = Employee.objects.get(nip="197501012000031001")
    assert OrgUnit.objects.get(code="DINKES-P2P").parent.code == "DINKES"
    assert OrgUnit.objects.get(code="DINKES").kind == "dinas"
    assert staf.birth_date == date(1990, 1, 1) and staf.gender == "P" and staf.golongan == "II/c"
    assert selectors.supervisor_chain(staf, TODAY) == [kabid, kadis]
    assert Employee.objects.get(nip="TKK-2019.0042").status == "NON_ASN"
    # Two people share the pelaksana post; the unit has one head post.
    assert Position.objects.filter(unit__code="DINKES-P2P").count() == 3
    assert PositionAssignment.objects.filter(start=TODAY, end=None).count() == 5


@pytest.mark.django_db
def test_one_audit_event_per_import_with_counts_only(instansi):
    before = AuditEvent.objects.count()
    run_units(instansi, UNITS)
    result = run_employees(instansi, EMPLOYEES)
    assert (result.created, result.updated, result.unchanged) == (5, 0, 0)
    events = list(AuditEvent.objects.filter(sequence__gt=before))
    assert [e.action for e in events] == ["people.units_imported", "people.employees_imported"]
    assert events[1].data["created"] == 5
    text = json.dumps([e.data for e in events])
    assert "Staf Uji" not in text and "199001012015032001" not in text


@pytest.mark.django_db
def test_reimporting_the_same_files_changes_nothing(loaded):
    before = snapshot()
    units = run_units(loaded, UNITS)
    employees = run_employees(loaded, EMPLOYEES)
    assert (units.created, units.updated, units.unchanged) == (0, 0, 3)
    assert (employees.created, employees.updated, employees.unchanged) == (0, 0, 5)
    assert snapshot() == before


@pytest.mark.django_db
def test_reimport_updates_by_nip_and_moves_posts(loaded):
    rows = [list(row) for row in EMPLOYEES]
    rows[3][1] = "Staf Uji Berganti Nama"
    rows[3][7] = "III/a"
    rows[5][4:7] = ["Pengelola Data", "DINKES", "tidak"]
    result = import_employees(
        actor=REGISTRY, instansi=loaded, data=csv_bytes(rows), today=date(2026, 12, 1)
    )
    assert (result.created, result.updated, result.unchanged) == (0, 2, 3)
    staf = Employee.objects.get(nip="199001012015032001")
    assert (staf.name, staf.golongan) == ("Staf Uji Berganti Nama", "III/a")
    moved = Employee.objects.get(nip="TKK-2019.0042")
    history = list(selectors.assignment_history(moved))
    assert [(a.position.name, a.start, a.end) for a in history] == [
        ("Pengelola Data", date(2026, 12, 1), None),
        ("Pengadministrasi", TODAY, date(2026, 11, 30)),
    ]


@pytest.mark.django_db
def test_new_head_takes_over_and_the_old_head_leaves_the_post(loaded):
    rows = [
        [*EMPLOYEE_HEADER, "active_from"],
        [
            "198601012010011005",
            "Kabid Baru",
            "PNS",
            "administrator",
            "Kepala Bidang",
            "DINKES-P2P",
            "ya",
            "IV/a",
            "2026-11-25",
        ],
    ]
    # The old head's post started today: the new head cannot start on the same day.
    with pytest.raises(InputError) as caught:
        import_employees(actor=REGISTRY, instansi=loaded, data=csv_bytes(rows), today=TODAY)
    assert caught.value.details[0]["column"] == "active_from"
    rows[1][8] = "2026-12-01"
    result = import_employees(
        actor=REGISTRY, instansi=loaded, data=csv_bytes(rows), today=date(2026, 12, 2)
    )
    assert result.created == 1
    unit = OrgUnit.objects.get(code="DINKES-P2P")
    assert selectors.unit_head(unit, date(2026, 11, 30)).name == "Kabid Uji"
    assert selectors.unit_head(unit, date(2026, 12, 1)).name == "Kabid Baru"


@pytest.mark.django_db
def test_xlsx_with_utf8_names_imports_like_csv(instansi):
    run_units(instansi, UNITS)
    workbook = Workbook()
    sheet = workbook.active
    for row in EMPLOYEES:
        sheet.append(row)
    sheet.append(
        [
            "198811112012121003",
            "Ni Luh Ayu Pradnyaswari",
            "CPNS",
            "pelaksana",
            "Pengadministrasi",
            "DINKES-P2P",
            "TIDAK",
            "III/a",
        ]
    )
    buffer = io.BytesIO()
    workbook.save(buffer)
    result = import_employees(
        actor=REGISTRY, instansi=instansi, data=buffer.getvalue(), today=TODAY
    )
    assert result.created == 6
    assert Employee.objects.get(nip="198811112012121003").name == "Ni Luh Ayu Pradnyaswari"


@pytest.mark.django_db
def test_headers_are_case_insensitive_bom_and_semicolons_are_fine(instansi):
    rows = [["Code", "NAME", "Parent_Code"], *UNITS[1:]]
    data = csv_bytes(rows, delimiter=";", bom=True)
    result = import_units(actor=REGISTRY, instansi=instansi, data=data)
    assert result.created == 3


# --- bad input: every error names row, column and reason; nothing changes ---------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("row", "column", "words"),
    [
        pytest.param(
            ["12345", "A", "PNS", "pelaksana", "P", "DINKES", "tidak", ""],
            "nip",
            "18 digits",
            id="short-nip",
        ),
        pytest.param(
            ["198502302010011002", "A", "PNS", "pelaksana", "P", "DINKES", "tidak", ""],
            "nip",
            "birth date",
            id="30-feb",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNSS", "pelaksana", "P", "DINKES", "tidak", ""],
            "status",
            "PNSS",
            id="status",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNS", "eselon", "P", "DINKES", "tidak", ""],
            "position_kind",
            "eselon",
            id="kind",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNS", "pelaksana", "P", "NOPE", "tidak", ""],
            "unit_code",
            "NOPE",
            id="unit",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNS", "pelaksana", "P", "DINKES", "mungkin", ""],
            "is_head",
            "ya",
            id="is-head",
        ),
        pytest.param(
            ["198507262010011002", "", "PNS", "pelaksana", "P", "DINKES", "tidak", ""],
            "name",
            "empty",
            id="name",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNS", "pelaksana", "P", "DINKES", "tidak", "V/z"],
            "golongan",
            "III/a",
            id="golongan",
        ),
        pytest.param(
            ["197501012000031001", "A", "PNS", "pelaksana", "P", "DINKES", "tidak", ""],
            "nip",
            "row 2",
            id="duplicate-nip",
        ),
        pytest.param(
            [
                "198507262010011002",
                "A",
                "PNS",
                "jpt_pratama",
                "Kepala Dinas",
                "DINKES",
                "tidak",
                "",
            ],
            "is_head",
            "head post",
            id="head-post-as-staff",
        ),
        pytest.param(
            ["198507262010011002", "A", "PNS", "jpt_pratama", "Kadis Dua", "DINKES", "ya", ""],
            "is_head",
            "Row 2 already heads",
            id="two-heads",
        ),
    ],
)
def test_bad_employee_row_is_reported_and_nothing_is_written(instansi, row, column, words):
    run_units(instansi, UNITS)
    before = snapshot()
    with pytest.raises(InputError) as caught, translation.override("en"):
        run_employees(instansi, [EMPLOYEES[0], EMPLOYEES[1], row])
    errors = caught.value.details
    assert errors[0]["row"] == 3
    assert errors[0]["column"] == column
    assert words in errors[0]["message"]
    assert snapshot() == before


@pytest.mark.django_db
def test_every_bad_row_is_listed_not_only_the_first(instansi):
    run_units(instansi, UNITS)
    rows = [
        EMPLOYEES[0],
        ["1", "A", "PNS", "pelaksana", "P", "DINKES", "tidak", ""],
        EMPLOYEES[2],
        ["x", "", "?", "?", "", "?", "?", ""],
    ]
    errors = refused(lambda: run_employees(instansi, rows))
    assert {(e["row"], e["column"]) for e in errors} >= {
        (2, "nip"),
        (4, "name"),
        (4, "name"),
        (4, "status"),
        (4, "position_kind"),
        (4, "unit_code"),
        (4, "is_head"),
        (4, "position_name"),
    }
    assert Employee.objects.count() == 0


@pytest.mark.django_db
def test_partial_keeps_valid_rows_and_lists_the_rest(instansi):
    run_units(instansi, UNITS)
    rows = [*EMPLOYEES, ["1", "Salah", "PNS", "pelaksana", "P", "DINKES", "tidak", ""]]
    result = run_employees(instansi, rows, partial=True)
    assert result.created == 5
    assert result.errors == [{"row": 7, "column": "nip", "message": result.errors[0]["message"]}]
    assert Employee.objects.count() == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("rows", "row", "column"),
    [
        pytest.param(
            [["code", "name", "parent_code"], ["A", "Unit A", "A"]],
            2,
            "parent_code",
            id="own-parent",
        ),
        pytest.param(
            [["code", "name", "parent_code"], ["A", "Unit A", "B"], ["B", "Unit B", "A"]],
            2,
            "parent_code",
            id="cycle",
        ),
        pytest.param(
            [["code", "name", "parent_code"], ["A", "Unit A", "ZZZ"]],
            2,
            "parent_code",
            id="unknown-parent",
        ),
        pytest.param(
            [["code", "name", "parent_code"], ["A", "Unit A", ""], ["A", "Lagi", ""]],
            3,
            "code",
            id="duplicate-code",
        ),
        pytest.param([["code", "name"], ["A", "Unit A"]], 1, "parent_code", id="missing-header"),
        pytest.param(
            [["kode", "nama", "induk"], ["A", "Unit A", ""]], 1, "code", id="wrong-headers"
        ),
        pytest.param([["code", "name", "parent_code"]], 2, "file", id="header-only"),
    ],
)
def test_bad_unit_file_is_refused_with_row_and_column(instansi, rows, row, column):
    errors = refused(lambda: run_units(instansi, rows))
    assert (errors[0]["row"], errors[0]["column"]) == (row, column)
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_moving_a_registered_unit_under_its_own_child_is_refused(loaded):
    before = snapshot()
    rows = [["code", "name", "parent_code"], ["DINKES", "Dinas Kesehatan", "DINKES-P2P"]]
    errors = refused(lambda: run_units(loaded, rows))
    assert errors[0]["column"] == "parent_code"
    assert "DINKES → DINKES-P2P → DINKES" in errors[0]["message"]
    assert snapshot() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "data",
    [
        pytest.param(b"", id="empty"),
        pytest.param(b"   \n\n", id="blank"),
        pytest.param(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, id="png-named-csv"),
        pytest.param(b"%PDF-1.7\n" + bytes(range(256)), id="pdf"),
        pytest.param(b"code,name\x00,parent\n", id="nul-bytes"),
        pytest.param("code,name,parent_code\nA,Dinas Pendidikan,\n".encode("utf-16"), id="utf-16"),
        pytest.param(b"code,name,parent_code\nA,Caf\xe9,\n", id="latin-1"),
        pytest.param(b"PK\x03\x04 not really a workbook", id="broken-xlsx"),
    ],
)
def test_unreadable_files_are_refused_and_nothing_changes(instansi, data):
    errors = refused(lambda: import_units(actor=REGISTRY, instansi=instansi, data=data))
    assert errors[0]["column"] == "file"
    assert errors[0]["message"]
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_error_messages_are_in_indonesian(instansi):
    errors = refused(lambda: import_units(actor=REGISTRY, instansi=instansi, data=b""))
    assert errors[0]["message"] == "Berkas kosong."


@pytest.mark.django_db
def test_non_administrator_cannot_import(instansi, examiner):
    with pytest.raises(PermissionDenied):
        import_units(actor=examiner, instansi=instansi, data=csv_bytes(UNITS))
    assert OrgUnit.objects.count() == 0


# --- the command ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_command_imports_and_prints_counts(instansi, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes(UNITS))
    call_command("registry_import", "units", str(path))
    out = json.loads(capsys.readouterr().out)
    assert out["created"] == 3
    assert OrgUnit.objects.count() == 3


@pytest.mark.django_db
def test_command_exits_2_with_every_bad_row_on_stderr(instansi, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes([*UNITS, ["X", "", "NOPE"]]))
    with pytest.raises(SystemExit) as caught:
        call_command("registry_import", "units", str(path), "--instansi", instansi.code)
    assert caught.value.code == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["field"] == "file"
    assert {(d["row"], d["column"]) for d in error["details"]} == {(5, "name"), (5, "parent_code")}
    assert OrgUnit.objects.count() == 0


@pytest.mark.django_db
def test_command_needs_instansi_when_there_are_several(instansi, outsider, tmp_path, capsys):
    path = tmp_path / "units.csv"
    path.write_bytes(csv_bytes(UNITS))
    with pytest.raises(SystemExit):
        call_command("registry_import", "units", str(path))
    assert json.loads(capsys.readouterr().err)["error"]["field"] == "instansi"


def test_tegak_import_command_refuses_a_missing_file_without_a_traceback(tmp_path):
    env_python = sys.executable
    completed = subprocess.run(
        [
            env_python,
            "-c",
            "from tegak.cli import main; raise SystemExit(main())",
            "import",
            "units",
            str(tmp_path / "none.csv"),
        ],
        capture_output=True,
        text=True,
        env={
            "TEGAK_DEMO": "1",
            "TEGAK_DATA_DIR": str(tmp_path),
            "PATH": "/usr/bin:/bin",
            "HOME": str(tmp_path),
        },
        check=False,
    )
    assert completed.returncode == 2, completed.stderr
    assert "Traceback" not in completed.stderr
    assert json.loads(completed.stderr)["error"]["field"] == "file"


@pytest.mark.django_db
def test_supervisor_nip_sets_and_clears_a_hand_named_superior(loaded):
    header = [*EMPLOYEE_HEADER, "supervisor_nip"]
    staff_row = [*EMPLOYEES[3], "197501012000031001"]
    result = run_employees(loaded, [header, staff_row])
    assert result.updated == 1
    staf = Employee.objects.get(nip="199001012015032001")
    kadis = Employee.objects.get(nip="197501012000031001")
    assert selectors.direct_superior(staf, TODAY) == kadis
    # Same file again: nothing changes.
    assert run_employees(loaded, [header, staff_row]).unchanged == 1
    # An empty cell ends the override from the next import day on.
    later = date(2026, 12, 10)
    import_employees(
        actor=REGISTRY,
        instansi=loaded,
        data=csv_bytes([header, [*EMPLOYEES[3], ""]]),
        today=later,
    )
    kabid = Employee.objects.get(nip="198001012005011002")
    assert selectors.direct_superior(staf, later) == kabid
    assert selectors.direct_superior(staf, later - timedelta(days=1)) == kadis


@pytest.mark.django_db
def test_unknown_supervisor_nip_is_an_error(loaded):
    header = [*EMPLOYEE_HEADER, "supervisor_nip"]
    errors = refused(lambda: run_employees(loaded, [header, [*EMPLOYEES[3], "196001011985031001"]]))
    assert (errors[0]["row"], errors[0]["column"]) == (2, "supervisor_nip")
