"""Case-file fixtures: a council secretariat with a chain of superiors, supervision and personnel
units, staff accounts linked to their employee records, and a helper that opens a case."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time
from types import SimpleNamespace
from zoneinfo import ZoneInfo

import pytest

from tests.conftest import make_user

WIB = ZoneInfo("Asia/Jakarta")
NIPS = (f"1985{i:014d}" for i in itertools.count(1))


def moment(text: str) -> datetime:
    """A local (WIB) moment from 'YYYY-MM-DD HH:MM'."""
    return datetime.strptime(text, "%Y-%m-%d %H:%M").replace(tzinfo=WIB)


def make_case(
    instansi,
    number,
    summary,
    name="Budi Santoso",
    place="",
    description="",
    provision="pp-94-2021:3:f",
):
    """A case opened ex officio with one accused and one allegation: what case search reads."""
    from tegak.cases.models import Accused, Allegation, Case
    from tegak.people.models import Employee

    case = Case.objects.create(
        instansi=instansi,
        register_number=number,
        origin="ex_officio",
        summary=summary,
        opened_on=date(2026, 1, 5),
        known_to_superior_on=date(2026, 1, 5),
    )
    employee = Employee.objects.create(
        instansi=instansi, nip=f"19800101200501{number[:4]}", name=name, status="PNS"
    )
    accused = Accused.objects.create(case=case, employee=employee)
    Allegation.objects.create(
        case=case,
        accused=accused,
        provision=provision,
        committed_on=date(2026, 1, 2),
        place=place,
        description=description,
    )
    return case


@pytest.fixture
def today(time_machine):
    """Freeze 'today' at Wednesday 25 November 2026, 10:00 WIB (tests may move it)."""
    time_machine.move_to(moment("2026-11-25 10:00"), tick=False)
    return date(2026, 11, 25)


@pytest.fixture
def org(instansi):
    """Pemkot > Sekretariat DPRD > Bagian Umum (+ Inspektorat, BKPSDM), with people in posts."""
    from tegak.people.models import Employee, OrgUnit, Position, PositionAssignment

    def unit(code, name, parent=None, **flags):
        return OrgUnit.objects.create(
            instansi=instansi, code=code, name=name, parent=parent, **flags
        )

    def person(name, unit_, post, kind, head=False, status="PNS"):
        position = Position.objects.create(
            instansi=instansi, unit=unit_, name=post, kind=kind, is_head=head
        )
        employee = Employee.objects.create(
            instansi=instansi, nip=next(NIPS), name=name, status=status
        )
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2020, 1, 1)
        )
        return employee

    top = unit("PEMKOT", "Pemerintah Kota Uji")
    setwan = unit("SETWAN", "Sekretariat DPRD", top)
    umum = unit("UMUM", "Bagian Umum", setwan)
    inspektorat = unit("INSP", "Inspektorat", top, is_supervision_unit=True)
    bkpsdm = unit("BKPSDM", "BKPSDM", top, is_personnel_unit=True)
    ns = SimpleNamespace(
        sekda=person("Sekda Uji", top, "Sekretaris Daerah", "jpt_pratama", head=True),
        sekwan=person("Sekwan Uji", setwan, "Sekretaris DPRD", "jpt_pratama", head=True),
        kabag=person("Kabag Uji", umum, "Kepala Bagian Umum", "administrator", head=True),
        staff=person("Staf Uji", umum, "Pengadministrasi", "pelaksana"),
        staff2=person("Staf Dua", umum, "Pengelola", "pelaksana", status="NON_ASN"),
        inspector=person("Auditor Uji", inspektorat, "Auditor Ahli Muda", "fungsional_ahli_muda"),
        personnel=person("Analis SDM", bkpsdm, "Analis SDM", "fungsional_ahli_pertama"),
        units=SimpleNamespace(top=top, setwan=setwan, umum=umum),
    )
    return ns


@pytest.fixture
def staff(org, instansi, intake_officer, administrator):
    """Accounts: the direct superior examines, the Sekwan decides, the Sekda above them."""
    examiner = make_user("kabag-uji", instansi, "examiner")
    examiner.employee = org.kabag
    examiner.save()
    official = make_user("sekwan-uji", instansi, "authorised_official", "examiner")
    official.employee = org.sekwan
    official.save()
    sekda = make_user("sekda-uji", instansi, "authorised_official")
    sekda.employee = org.sekda
    sekda.save()
    return SimpleNamespace(
        examiner=examiner,
        official=official,
        sekda=sekda,
        intake=intake_officer,
        admin=administrator,
    )


@pytest.fixture
def open_case(org, staff, instansi, today):
    """Open an ex officio case against `employee` and assign the examiner and the official."""
    from tegak.cases import services

    def make(
        employee=None,
        *,
        provision="pp-94-2021:3:f",
        committed_on=date(2026, 10, 2),
        committed_at=None,
        impact="instansi",
        known_on=date(2026, 10, 5),
        assign=True,
    ):
        case = services.case_open_ex_officio(
            actor=staff.intake,
            instansi=instansi,
            summary="Uji",
            known_to_superior_on=known_on,
            allegations=[
                {
                    "employee": employee or org.staff,
                    "provision": provision,
                    "committed_on": committed_on,
                    "committed_at": committed_at,
                    "place": "Kantor",
                    "impact": impact,
                }
            ],
        )
        if assign:
            services.handler_assign(
                actor=staff.admin, case=case, user=staff.examiner, role="examiner"
            )
            services.handler_assign(
                actor=staff.admin, case=case, user=staff.official, role="authorised_official"
            )
        return case

    return make


@pytest.fixture
def verified_report(org, staff, instansi, today, settings, tmp_path):
    """A report by letter about the Friday 15:00 event, linked to the accused, verified."""
    from tegak.intake.services import (
        ReportInput,
        report_create_by_staff,
        report_link_employee,
        report_verify,
    )

    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192

    def make(*employees, verify=True):
        report, _code = report_create_by_staff(
            actor=staff.intake,
            instansi=instansi,
            channel="letter",
            received_on=date(2026, 10, 5),
            data=ReportInput(
                summary="Karaoke pada jam kerja",
                description="Pegawai berkaraoke pada hari Jumat pukul 15.00.",
                occurred_on=date(2026, 10, 2),
                occurred_time=time(15, 0),
                occurred_timezone="WIB",
                location="Tempat karaoke",
                accused_text="Pegawai Sekretariat DPRD",
            ),
        )
        for employee in employees or (org.staff,):
            report_link_employee(actor=staff.intake, report=report, employee=employee)
        if verify:
            report_verify(actor=staff.intake, report=report)
        report.refresh_from_db()
        return report

    return make
