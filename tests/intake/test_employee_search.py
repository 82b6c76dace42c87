"""The report page's employee search: an intake officer often knows only the post and the unit
("Kabag Umum Setwan", "staf Dinas PUPR bagian jalan"), or writes a name without its accents."""

from __future__ import annotations

from datetime import date

import pytest
from django.urls import reverse

from tegak.intake import services
from tegak.intake.selectors import employees_for_linking
from tegak.intake.services import ReportInput
from tegak.people.models import Employee, Instansi, OrgUnit, Position, PositionAssignment
from tegak.people.selectors import employee_search

pytestmark = pytest.mark.django_db


@pytest.fixture
def registry(instansi):
    """A city with a council secretariat and a public works department, and one of each post."""
    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota")
    setwan = OrgUnit.objects.create(
        instansi=instansi, code="SETWAN", name="Sekretariat DPRD", parent=top
    )
    umum = OrgUnit.objects.create(
        instansi=instansi, code="SETWAN-UMUM", name="Bagian Umum dan Keuangan", parent=setwan
    )
    setda = OrgUnit.objects.create(
        instansi=instansi, code="SETDA", name="Sekretariat Daerah", parent=top
    )
    setda_umum = OrgUnit.objects.create(
        instansi=instansi, code="SETDA-UMUM", name="Bagian Umum", parent=setda
    )
    pupr = OrgUnit.objects.create(
        instansi=instansi,
        code="DPUPR",
        name="Dinas Pekerjaan Umum dan Penataan Ruang",
        parent=top,
    )
    marga = OrgUnit.objects.create(
        instansi=instansi, code="DPUPR-BM", name="Bidang Bina Marga", parent=pupr
    )
    jalan = OrgUnit.objects.create(
        instansi=instansi, code="DPUPR-BM-S1", name="Seksi Jalan", parent=marga
    )
    bridge = OrgUnit.objects.create(
        instansi=instansi, code="DPUPR-BM-S2", name="Seksi Jembatan", parent=marga
    )

    def person(nip, name, unit, post, kind="pelaksana", status="PNS"):
        employee = Employee.objects.create(instansi=instansi, nip=nip, name=name, status=status)
        position = Position.objects.create(instansi=instansi, unit=unit, name=post, kind=kind)
        PositionAssignment.objects.create(
            employee=employee, position=position, start=date(2020, 1, 2)
        )
        return employee

    return {
        "kabag": person(
            "197001012000011001",
            "Satria Syahputra",
            umum,
            "Kepala Bagian Umum dan Keuangan",
            kind="administrator",
        ),
        "setwan_staff": person(
            "199001012015011002", "Dewi Lestari", umum, "Pengadministrasi Perkantoran"
        ),
        "setda_kabag": person(
            "197101012000011003",
            "Bambang Irawan",
            setda_umum,
            "Kepala Bagian Umum",
            kind="administrator",
        ),
        "road_staff": person(
            "TKK-2019.0007", "Sútarno Wibowo", jalan, "Tenaga Pendukung Teknik", status="NON_ASN"
        ),
        "bridge_staff": person("199201012017011004", "Joko Susilo", bridge, "Pengawas Lapangan"),
    }


def found(instansi, text):
    return {employee.pk for employee in employee_search(instansi, text, day=date(2026, 10, 2))}


def test_a_post_and_unit_as_officers_shorten_them_find_the_holder(instansi, registry):
    assert found(instansi, "Kabag Umum Setwan") == {registry["kabag"].pk}
    assert found(instansi, "kabag umum") == {registry["kabag"].pk, registry["setda_kabag"].pk}


def test_staff_of_a_section_are_found_by_department_and_section(instansi, registry):
    assert found(instansi, "staf Dinas PUPR bagian jalan") == {registry["road_staff"].pk}
    assert found(instansi, "pupr") == {registry["road_staff"].pk, registry["bridge_staff"].pk}


def test_case_and_accents_do_not_matter(instansi, registry):
    assert found(instansi, "SUTARNO") == {registry["road_staff"].pk}
    assert found(instansi, "sútarno wibowo") == {registry["road_staff"].pk}
    assert found(instansi, "PENGADMINISTRASI") == {registry["setwan_staff"].pk}


def test_name_and_nip_still_find(instansi, registry):
    assert found(instansi, "Dewi") == {registry["setwan_staff"].pk}
    assert found(instansi, "TKK-2019") == {registry["road_staff"].pk}
    assert found(instansi, "1970010120") == {registry["kabag"].pk}
    assert found(instansi, "nobody here") == set()


def _report(instansi):
    report, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            description="Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            accused_text="Kabag Umum Setwan",
            occurred_on=date(2026, 10, 2),
        ),
        client_key="search",
    )
    return report


def test_the_report_page_finds_by_post_and_unit_within_its_instansi(
    instansi, intake_officer, registry, verified_client
):
    other = Instansi.objects.create(code="kota-lain", name="Kota Lain", level="kota")
    elsewhere = OrgUnit.objects.create(instansi=other, code="SETWAN", name="Sekretariat DPRD")
    stranger = Employee.objects.create(
        instansi=other, nip="197001012000011999", name="Orang Lain", status="PNS"
    )
    PositionAssignment.objects.create(
        employee=stranger,
        position=Position.objects.create(
            instansi=other, unit=elsewhere, name="Kepala Bagian Umum", kind="administrator"
        ),
        start=date(2020, 1, 2),
    )
    report = _report(instansi)
    client = verified_client(intake_officer)
    page = client.post(reverse("intake:detail", args=[report.pk]), {"q": "Kabag Umum Setwan"})
    body = page.content.decode()
    assert page.status_code == 200
    assert "197001012000011001" in body and "Kepala Bagian Umum dan Keuangan" in body
    assert "197001012000011999" not in body and "197101012000011003" not in body
    # Someone who may not triage the report finds nobody.
    assert employees_for_linking(None, report, "Kabag Umum Setwan") == []
