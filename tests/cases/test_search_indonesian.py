"""The case list's search in Indonesian (ADR 0172): affixes found through the stem, the stored
column follows every change, best matches first, scope kept, reporters' words not searchable.

Runs on SQLite (Snowball stems stored as text) and on PostgreSQL (the `indonesian` text search
configuration, a GIN-indexed tsvector) when TEGAK_TEST_DATABASE_URL is set."""

from __future__ import annotations

from datetime import date, time

import pytest
from django.db import connection

from tegak.cases import selectors
from tegak.cases.models import Accused, Allegation, Case
from tegak.people.models import Employee
from tests.cases.conftest import make_case

pytestmark = pytest.mark.django_db


def found(actor, text):
    return [case.register_number for case in selectors.case_list(actor, query=text)]


@pytest.fixture
def cases(instansi):
    return {
        "joget": make_case(instansi, "0001/KD/2026", "Pegawai berjoget di ruang rapat"),
        "late": make_case(instansi, "0002/KD/2026", "Keterlambatan masuk kerja berulang"),
        "abuse": make_case(instansi, "0003/KD/2026", "Penyalahgunaan kendaraan dinas"),
        "market": make_case(
            instansi, "0004/KD/2026", "Pungutan liar", name="Siti Aminah", place="Pasar Baru"
        ),
    }


def test_indonesian_affixes_are_found_through_the_stem(cases, administrator):
    assert found(administrator, "joget") == ["0001/KD/2026"]
    assert found(administrator, "berjoget") == ["0001/KD/2026"]
    # Snowball strips one layer at a time (keterlambatan → terlambat → lambat): the stems of
    # stems are stored, so each form finds the other.
    assert found(administrator, "terlambat") == ["0002/KD/2026"]
    assert found(administrator, "lambat") == ["0002/KD/2026"]
    assert found(administrator, "menyalahgunakan") == ["0003/KD/2026"]
    assert found(administrator, "pungut") == ["0004/KD/2026"]
    # Every word must be found; names, places and register numbers too.
    assert found(administrator, "pungutan aminah") == ["0004/KD/2026"]
    assert found(administrator, "pungutan budi") == []
    assert found(administrator, "pasar") == ["0004/KD/2026"]
    assert found(administrator, "0003") == ["0003/KD/2026"]
    assert found(administrator, "karaoke") == []


def test_a_terlambat_case_is_found_by_keterlambatan(instansi, administrator):
    make_case(instansi, "0009/KD/2026", "Pegawai sering terlambat apel pagi")
    assert found(administrator, "keterlambatan") == ["0009/KD/2026"]


def test_the_column_follows_every_change(cases, administrator):
    case = cases["joget"]
    case.summary = "Pegawai bermain gim di ruang rapat"
    case.save()
    assert found(administrator, "joget") == []
    assert found(administrator, "permainan") == ["0001/KD/2026"]

    # An accused added later is found by name; renamed, by the new name only.
    employee = Employee.objects.create(
        instansi=case.instansi, nip="199001012015011009", name="Ratna Dewi", status="PNS"
    )
    accused = Accused.objects.create(case=case, employee=employee)
    assert found(administrator, "ratna") == ["0001/KD/2026"]
    employee.name = "Ratna Kusuma"
    employee.save()
    assert found(administrator, "kusuma") == ["0001/KD/2026"]
    assert found(administrator, "dewi") == []
    # An allegation's place is found while it exists.
    allegation = Allegation.objects.create(
        case=case, accused=accused, provision="pp-94-2021:4:f", committed_on=date(2026, 1, 3)
    )
    allegation.place = "Gedung Olahraga"
    allegation.save()
    assert found(administrator, "olahraga") == ["0001/KD/2026"]
    allegation.delete()
    assert found(administrator, "olahraga") == []
    accused.delete()
    assert found(administrator, "ratna") == []


def test_best_matches_come_first(instansi, administrator):
    make_case(instansi, "0011/KD/2026", "Ketidakhadiran", description="sempat berjoget sebentar")
    make_case(instansi, "0012/KD/2026", "Berjoget saat upacara")
    make_case(instansi, "0013/KD/2026", "Lain hal", name="Joget Prasetyo")
    # The summary (A) before a name (B) before an allegation's description (C).
    assert found(administrator, "joget") == ["0012/KD/2026", "0013/KD/2026", "0011/KD/2026"]


def test_an_examiner_finds_only_the_cases_she_handles(
    open_case, org, staff, outsider, instansi, administrator
):
    handled = open_case(org.staff)
    handled.summary = "Berjoget pada jam kerja"
    handled.save()
    other = open_case(org.staff2, assign=False)
    other.summary = "Berjoget di kantin"
    other.save()
    assert found(staff.examiner, "joget") == [handled.register_number]
    assert sorted(found(administrator, "joget")) == sorted(
        [handled.register_number, other.register_number]
    )
    # Another instansi's staff finds nothing; the accused never finds their own case.
    assert found(outsider, "joget") == []
    staff.examiner.employee = org.staff
    staff.examiner.save()
    assert found(staff.examiner, "joget") == []


def test_what_a_reporter_wrote_is_not_searchable_in_cases(
    verified_report, org, staff, instansi, settings
):
    from tegak.cases.services import case_open_from_reports
    from tegak.intake.models import Report
    from tegak.intake.services import ReportInput, report_create_by_staff

    report = verified_report()
    Report.objects.filter(pk=report.pk).update(
        description="Saya, Wulandari Kencana, melihat pegawai berjoget."
    )
    report.refresh_from_db()
    case = case_open_from_reports(
        actor=staff.intake,
        reports=[report],
        allegations=[{"employee": org.staff, "provision": "pp-94-2021:3:f"}],
        summary="Joget pada jam kerja",
    )
    assert found(staff.admin, "joget") == [case.register_number]
    assert found(staff.admin, "wulandari") == []
    # A confidential reporter's sealed name is nowhere in any search column.
    confidential, _code = report_create_by_staff(
        actor=staff.intake,
        instansi=instansi,
        channel="letter",
        received_on=date(2026, 10, 5),
        data=ReportInput(
            summary="Joget lagi",
            description="Pegawai berjoget lagi.",
            occurred_on=date(2026, 10, 2),
            occurred_time=time(15, 0),
            reporter_mode="confidential",
            identity={"name": "Kartika Sarimanah", "phone": "081234567890"},
        ),
    )
    assert confidential.identity_sealed
    columns = [str(value) for value in Case.objects.values_list("search_vector", flat=True)]
    columns += [str(value) for value in Report.objects.values_list("search_vector", flat=True)]
    assert columns and all("kartika" not in column for column in columns)
    assert all("081234567890" not in column for column in columns)


@pytest.mark.parametrize(
    "text", ["<script>alert(1)</script>", "' OR 1=1 --", "a & | ! :*", "!!!", "x" * 5000]
)
def test_markup_and_operators_are_only_text(cases, administrator, text):
    assert found(administrator, text) == []


def test_postgresql_uses_the_indonesian_configuration_and_an_index(cases):
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (TEGAK_TEST_DATABASE_URL)")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexdef FROM pg_indexes WHERE indexname IN "
            "('cases_case_search_gin', 'intake_report_search_gin') ORDER BY indexname"
        )
        definitions = [row[0] for row in cursor.fetchall()]
        cursor.execute(
            "SELECT search_vector::text FROM cases_case WHERE register_number = '0001/KD/2026'"
        )
        vector = cursor.fetchone()[0]
    assert len(definitions) == 2 and all("USING gin (search_vector)" in d for d in definitions)
    # The `indonesian` configuration's stems, weighted: 'joget':…A
    assert "'joget':" in vector and "A" in vector.split("'joget':")[1].split(" ")[0]


def test_an_accused_renamed_by_a_registry_import_is_found_by_the_new_name(instansi, administrator):
    # The import writes employees in bulk (no save signals): it says so, and the column follows.
    from tegak.core.access import Right, SystemActor
    from tegak.people.imports import import_employees, import_units
    from tests.people.conftest import csv_bytes

    make_case(instansi, "0021/KD/2026", "Pungutan liar di loket", name="Ratna Dewi")
    employee = Accused.objects.get().employee
    employee.nip = nip = "198001012005012021"  # a woman's NIP, as the import checks
    employee.save()
    registry = SystemActor("test", rights=frozenset({Right.REGISTRY_WRITE}))
    import_units(
        actor=registry,
        instansi=instansi,
        data=csv_bytes([["code", "name", "parent_code"], ["DISHUB", "Dinas Perhubungan", ""]]),
    )
    header = ["nip", "name", "status", "position_kind", "position_name", "unit_code", "is_head"]
    row = [nip, "Ratna Kusuma", "PNS", "pelaksana", "Pengadministrasi Umum", "DISHUB", "tidak"]
    result = import_employees(
        actor=registry, instansi=instansi, data=csv_bytes([header, row]), partial=True
    )
    assert result.updated == 1
    assert found(administrator, "kusuma") == ["0021/KD/2026"]
    assert found(administrator, "dewi") == []


def test_tegak_search_rebuild_rewrites_the_columns_written_around(
    cases, administrator, intake_officer
):
    import json
    from io import StringIO

    from django.core.management import call_command

    from tegak.core.search import search
    from tegak.intake.models import Report
    from tegak.intake.services.reports import ReportInput, report_create_by_staff

    def reports_found(text):
        return list(search(Report.objects.all(), text)[0].values_list("pk", flat=True))

    report, _code = report_create_by_staff(
        actor=intake_officer,
        instansi=cases["joget"].instansi,
        channel="letter",
        data=ReportInput(
            summary="Pegawai berjoget saat apel",
            description="Terlihat di halaman kantor.",
            occurred_on=date(2026, 10, 2),
            occurred_time=time(8, 0),
            reporter_mode="anonymous",
        ),
    )
    assert reports_found("joget") == [report.pk]
    # Something wrote around the signals (a raw update, an old backup): nothing is found.
    blank = "" if connection.vendor == "sqlite" else None
    Case.objects.update(search_vector=blank)
    Report.objects.update(search_vector=blank)
    assert found(administrator, "joget") == []
    assert reports_found("joget") == []
    out = StringIO()
    call_command("search", "rebuild", stdout=out)
    assert json.loads(out.getvalue()) == {"rebuilt": {"cases": 4, "reports": 1}}
    assert found(administrator, "joget") == ["0001/KD/2026"]
    assert reports_found("joget") == [report.pk]
    out = StringIO()
    call_command("search", "rebuild", "--only", "reports", stdout=out)
    assert json.loads(out.getvalue()) == {"rebuilt": {"reports": 1}}


def test_tegak_search_rebuild_names_an_unknown_column(capsys):
    import json

    from django.core.management import call_command

    with pytest.raises(SystemExit) as exited:
        call_command("search", "rebuild", "--only", "laporan")
    assert exited.value.code == 2
    error = json.loads(capsys.readouterr().err)["error"]
    assert error["field"] == "only" and "laporan" in error["message"]


def test_postgresql_column_is_what_searchvector_makes(instansi):
    """The search column a new report gets in its INSERT (RawSQL, tegak.core.onerow) is the
    vector Django's SearchVector expressions make from the same sections, weights included."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (TEGAK_TEST_DATABASE_URL)")
    from django.contrib.postgres.search import SearchVector
    from django.db.models import Value

    from tegak.core import search
    from tegak.intake.models import Report
    from tegak.intake.search import sections
    from tegak.intake.services import ReportInput, report_submit

    report, _code = report_submit(
        instansi=instansi,
        client_key=None,
        data=ReportInput(
            accused_text="Budi Santoso, petugas loket",
            description="Keterlambatan berulang dan berjoget saat jam kerja; pungutan liar.",
            occurred_on=date(2025, 10, 1),
            reporter_mode="anonymous",
        ),
    )
    stored = Report.objects.filter(pk=report.pk).values_list("search_vector", flat=True).get()
    expected = None
    for weight, text in sections(report):
        final = " ".join(search.stem(word) for word in search.words(text))
        part = SearchVector(Value(text), config=search.CONFIG, weight=weight) + SearchVector(
            Value(final), config=search.CONFIG, weight=weight
        )
        expected = part if expected is None else expected + part
    Report.objects.filter(pk=report.pk).update(search_vector=expected)
    again = Report.objects.filter(pk=report.pk).values_list("search_vector", flat=True).get()
    assert "'lambat':" in stored and "'joget':" in stored
    assert stored == again
    # A row with no text at all: the empty vector, as SearchVector(Value("")) makes it.
    Report.objects.filter(pk=report.pk).update(search_vector=search.document([]))
    empty = Report.objects.filter(pk=report.pk).values_list("search_vector", flat=True).get()
    assert empty == ""


def test_postgresql_report_insert_keeps_psycopg_statement_conversion(instansi):
    """A new report's INSERT (search column included) stays within the parameters psycopg keeps
    its `%s` → `$n` conversion for (50 in psycopg 3.3): above that it converted the whole 1.3 KB
    statement again for every report (0.28 ms of the public form's CPU, docs/intake.md)."""
    if connection.vendor != "postgresql":
        pytest.skip("PostgreSQL only (TEGAK_TEST_DATABASE_URL)")
    from psycopg import _queries

    from tegak.intake.services import ReportInput, report_submit

    seen: list[tuple[str, int]] = []

    def watch(execute, sql, params, many, context):  # type: ignore[no-untyped-def]
        seen.append((sql, len(params or ())))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(watch):
        report_submit(
            instansi=instansi,
            client_key=None,
            data=ReportInput(
                summary="Pungutan di loket",
                accused_text="Budi Santoso, petugas loket",
                description="Keterlambatan berulang dan berjoget saat jam kerja; pungutan liar.",
                location="Kantor Kecamatan",
                occurred_on=date(2025, 10, 1),
                reporter_mode="anonymous",
            ),
        )
    inserts = [count for sql, count in seen if sql.startswith('INSERT INTO "intake_report"')]
    assert len(inserts) == 1
    assert inserts[0] <= _queries.MAX_CACHED_STATEMENT_PARAMS
