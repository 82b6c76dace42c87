"""An authorised official linked to an employee sees the attendance and alerts of their own chain
only (ADR 0180, its attendance step): the units they head and all below, whoever an override puts
under them, and the accused of the cases they have a part in. Another dinas's staff answer 404 on
every door (calendar, timeline, unit, alert) and are in no list; an alert outside the reach opens
no case. An official with no linked employee (the PPK) keeps the instansi; other roles are
unchanged."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest
from django.urls import reverse

from tegak.attendance.models import AttendanceAlert
from tegak.attendance.services import attendance_import
from tegak.people.models import (
    Employee,
    OrgUnit,
    Position,
    PositionAssignment,
    SupervisorOverride,
)

from ..conftest import make_user
from .helpers import checkin_csv, days

pytestmark = pytest.mark.django_db


@dataclass
class Kota:
    office: object  # Sekretariat Daerah > Bagian Umum (head and three staff)
    pupr: object  # Dinas PUPR
    bina: object  # Bidang Bina Marga, under the Dinas PUPR
    kadis: object  # head of the Dinas PUPR
    kabid: object  # head of the Bidang Bina Marga (the direct superior of its staff)
    road: object  # staff of the Bina Marga
    kadis_user: object  # the Kepala Dinas PUPR: authorised official, linked to his post


def _post(instansi, unit, name, kind, *, head=False):
    return Position.objects.create(instansi=instansi, unit=unit, name=name, kind=kind, is_head=head)


def _person(instansi, position, nip, name):
    employee = Employee.objects.create(instansi=instansi, nip=nip, name=name, status="PNS")
    PositionAssignment.objects.create(employee=employee, position=position, start=date(2020, 1, 1))
    return employee


@pytest.fixture
def kota(office):
    instansi = office.instansi
    top = office.unit.parent
    pupr = OrgUnit.objects.create(
        instansi=instansi, code="PUPR", name="Dinas Pekerjaan Umum", kind="dinas", parent=top
    )
    bina = OrgUnit.objects.create(
        instansi=instansi, code="BM", name="Bidang Bina Marga", kind="bidang", parent=pupr
    )
    kadis = _person(
        instansi,
        _post(instansi, pupr, "Kepala Dinas", "jpt_pratama", head=True),
        "197101012000031002",
        "Kadis PUPR",
    )
    kabid = _person(
        instansi,
        _post(instansi, bina, "Kepala Bidang", "administrator", head=True),
        "197201012000031003",
        "Kabid Bina Marga",
    )
    road = _person(
        instansi,
        _post(instansi, bina, "Pengawas Jalan", "pelaksana"),
        "199201012015011004",
        "Staf Jalan",
    )
    # January 2025: a Bagian Umum staff and the Bina Marga staff are each absent four days.
    content = checkin_csv(
        [office.head, *office.staff, kadis, kabid, road],
        date(2025, 1, 1),
        date(2025, 1, 31),
        absent={
            office.staff[0].nip: days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22"),
            road.nip: days("2025-01-10", "2025-01-13", "2025-01-14", "2025-01-22"),
        },
    ).encode()
    attendance_import(actor="test", instansi=instansi, checkins=content, today=date(2025, 2, 1))
    user = make_user("kadis-pupr", instansi, "authorised_official")
    user.employee = kadis
    user.save()
    return Kota(office, pupr, bina, kadis, kabid, road, user)


def _month(employee) -> str:
    return reverse("attendance:employee_month", args=[employee.pk, 2025, 1])


def _timeline(employee) -> str:
    return reverse("attendance:timeline", args=[employee.pk]) + "?hari=2025-01-10"


def test_the_official_sees_the_alerts_and_units_of_his_dinas_and_nothing_of_another(
    kota, verified_client
):
    umum_staff = kota.office.staff[0]
    assert AttendanceAlert.objects.filter(employee__in=[umum_staff, kota.road]).count() == 2
    page = verified_client(kota.kadis_user).get(reverse("attendance:overview"))
    assert page.status_code == 200
    html = page.content.decode()
    # His Bina Marga staff's alert (addressed to the Kabid, two steps below him) is listed...
    assert kota.road.nip in html
    # ...the Bagian Umum's is not, and neither is the instansi's trend or its other units.
    assert umum_staff.nip not in html
    assert kota.office.unit.name not in html
    assert 'id="trend-heading"' not in html
    assert reverse("attendance:unit", args=[kota.bina.pk]) in html
    assert reverse("attendance:unit", args=[kota.office.unit.pk]) not in html


def test_every_door_to_another_dinas_answers_404_and_his_own_answer(kota, verified_client):
    client = verified_client(kota.kadis_user)
    umum_staff = kota.office.staff[0]
    inside = [
        _month(kota.road),
        _timeline(kota.road),
        reverse("attendance:unit", args=[kota.bina.pk]),
        reverse("attendance:unit", args=[kota.pupr.pk]),
    ]
    outside = [
        _month(umum_staff),
        _timeline(umum_staff),
        reverse("attendance:unit", args=[kota.office.unit.pk]),
    ]
    assert [client.get(url).status_code for url in inside] == [200] * 4
    assert [client.get(url).status_code for url in outside] == [404] * 3
    unit_page = client.get(inside[2] + "?tahun=2025").content.decode()
    assert kota.road.nip in unit_page


def test_an_alert_outside_the_reach_opens_no_case_and_one_inside_does(kota, verified_client):
    from tegak.cases.models import Case

    client = verified_client(kota.kadis_user)
    outside = AttendanceAlert.objects.get(employee=kota.office.staff[0])
    response = client.post(reverse("attendance:alert_open_case", args=[outside.pk]))
    assert response.status_code == 404
    outside.refresh_from_db()
    assert outside.opened_case_reference == ""
    assert not Case.objects.exists()
    inside = AttendanceAlert.objects.get(employee=kota.road)
    response = client.post(reverse("attendance:alert_open_case", args=[inside.pk]))
    assert response.status_code == 302
    inside.refresh_from_db()
    assert inside.opened_case_id is not None
    assert Case.objects.get(pk=inside.opened_case_id).accused.get().employee == kota.road


def test_an_override_and_a_case_he_has_a_part_in_bring_an_employee_into_view(
    kota, verified_client, administrator, intake_officer
):
    from tegak.cases import services as cases

    moved, accused = kota.office.staff[2], kota.office.staff[1]
    client = verified_client(kota.kadis_user)
    assert client.get(_month(moved)).status_code == 404
    assert client.get(_timeline(accused)).status_code == 404
    # A decree puts a Bagian Umum staff under the Kepala Dinas.
    SupervisorOverride.objects.create(employee=moved, supervisor=kota.kadis, start=date(2025, 1, 1))
    assert client.get(_month(moved)).status_code == 200
    # A case against another Bagian Umum staff, the Kepala Dinas assigned as its official: the
    # accused's attendance (shown in the case) opens to him, their alerts do not join his list.
    case = cases.case_open_ex_officio(
        actor=intake_officer,
        instansi=kota.office.instansi,
        summary="Uji",
        known_to_superior_on=date(2025, 2, 3),
        allegations=[
            {
                "employee": accused,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2025, 1, 10),
                "place": "Kantor",
                "impact": "instansi",
            }
        ],
    )
    cases.handler_assign(
        actor=administrator, case=case, user=kota.kadis_user, role="authorised_official"
    )
    assert client.get(_timeline(accused)).status_code == 200
    assert client.get(_month(accused)).status_code == 200
    assert client.get(reverse("attendance:unit", args=[kota.office.unit.pk])).status_code == 404


def test_an_official_with_no_linked_employee_and_other_roles_keep_the_instansi(
    kota, verified_client, client
):
    umum_staff = kota.office.staff[0]
    ppk = make_user("ppk-kota", kota.office.instansi, "authorised_official")
    seen = verified_client(ppk)
    html = seen.get(reverse("attendance:overview")).content.decode()
    assert umum_staff.nip in html and kota.road.nip in html
    assert seen.get(_month(umum_staff)).status_code == 200
    client.logout()
    # The Kabid Bina Marga as an examiner too (linked): the examiner's role no longer opens
    # the whole instansi either (ADR 0180, attendance addendum): his reach only.
    examiner = make_user("kabid-bm", kota.office.instansi, "examiner", "authorised_official")
    examiner.employee = kota.kabid
    examiner.save()
    seen = verified_client(examiner)
    assert seen.get(_month(umum_staff)).status_code == 404
    assert seen.get(_month(kota.road)).status_code == 200
    # ...and as an authorised official his alerts are those of his chain only.
    html = seen.get(reverse("attendance:overview")).content.decode()
    assert kota.road.nip in html and umum_staff.nip not in html
    outside = AttendanceAlert.objects.get(employee=umum_staff)
    response = seen.post(reverse("attendance:alert_open_case", args=[outside.pk]))
    assert response.status_code == 404
    outside.refresh_from_db()
    assert outside.opened_case_reference == ""


def test_the_dashboard_shows_him_no_case_or_alert_of_another_chain(
    kota, verified_client, administrator, intake_officer
):
    """The dashboard's panels are limited to his assignments (ADR 0180 part 3): a case of the
    Bagian Umum he is not assigned to, and the attendance alerts of another dinas, are not on
    it; the case he is assigned to is."""
    from tegak.cases import services as cases

    def open_against(employee):
        return cases.case_open_ex_officio(
            actor=intake_officer,
            instansi=kota.office.instansi,
            summary="Uji",
            known_to_superior_on=date(2025, 2, 3),
            allegations=[
                {
                    "employee": employee,
                    "provision": "pp-94-2021:3:f",
                    "committed_on": date(2025, 1, 10),
                    "place": "Kantor",
                    "impact": "instansi",
                }
            ],
        )

    other = open_against(kota.office.staff[0])
    kabag = make_user("kabag-umum", kota.office.instansi, "authorised_official")
    kabag.employee = kota.office.head
    kabag.save()
    cases.handler_assign(actor=administrator, case=other, user=kabag, role="authorised_official")
    own = open_against(kota.road)
    cases.handler_assign(
        actor=administrator, case=own, user=kota.kadis_user, role="authorised_official"
    )
    html = verified_client(kota.kadis_user).get(reverse("dashboard:home")).content.decode()
    assert own.register_number in html
    assert other.register_number not in html
    assert kota.office.staff[0].nip not in html
    assert kota.office.staff[0].name not in html


def test_the_demo_kabag_of_the_setwan_sees_no_alert_of_the_dinas_pupr(verified_client, client):
    """The walk of `make demo` (ADR 0180's addendum): the Kepala Bagian Umum of the Setwan, an
    authorised official, listed the two alerts of the Bina Marga staff of the Dinas PUPR and could
    open their cases. Now he lists neither and is refused; the Kepala Dinas PUPR (the demo's
    authorised official) lists both; the Sekda gets 404 on the Bina Marga's unit."""
    import io

    from tegak.accounts import demo as accounts_demo
    from tegak.accounts.models import User
    from tegak.attendance import demo as attendance_demo
    from tegak.people import demo as people_demo

    people_demo.load(io.StringIO())
    accounts_demo.load(io.StringIO())
    attendance_demo.load(io.StringIO())
    alerts = list(AttendanceAlert.objects.select_related("employee"))
    assert len(alerts) == 2
    nips = [alert.employee.nip for alert in alerts]
    users = {user.username: user for user in User.objects.all()}
    listed = {}
    for name in ("kabag-umum-setwan", "sekwan", "sekda", "authorised-official"):
        client.logout()
        html = verified_client(users[name]).get(reverse("attendance:overview")).content.decode()
        listed[name] = sum(nip in html for nip in nips)
    assert listed == {"kabag-umum-setwan": 0, "sekwan": 0, "sekda": 0, "authorised-official": 2}
    seen = verified_client(users["sekda"])
    unit = alerts[0].employee.assignments.get().position.unit
    assert seen.get(reverse("attendance:unit", args=[unit.pk])).status_code == 404
    assert seen.get(_month(alerts[0].employee)).status_code == 404
    client.logout()
    kabag = verified_client(users["kabag-umum-setwan"])
    response = kabag.post(reverse("attendance:alert_open_case", args=[alerts[0].pk]))
    assert response.status_code == 404
    alerts[0].refresh_from_db()
    assert alerts[0].opened_case_reference == ""


def test_an_examiner_sees_the_accused_of_his_cases_and_his_reach_not_the_instansi(
    kota, verified_client, administrator, intake_officer
):
    """An examiner works on cases (PP 94/2021 Pasal 27, 29): the attendance he needs is that of
    the accused he examines, and, as a superior, of those under him. An examiner of the
    Inspektorat assigned to a team sees the accused of that case only; a linked examiner also
    his reach; no examiner the rest of the instansi (UU 27/2022 Pasal 16 ayat (2) huruf b)."""
    from tegak.cases import services as cases

    umum_staff = kota.office.staff[0]
    case = cases.case_open_ex_officio(
        actor=intake_officer,
        instansi=kota.office.instansi,
        summary="Uji",
        known_to_superior_on=date(2025, 2, 3),
        allegations=[
            {
                "employee": umum_staff,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2025, 1, 10),
                "place": "Kantor",
                "impact": "instansi",
            }
        ],
    )
    auditor = make_user("pemeriksa-insp", kota.office.instansi, "examiner")
    client = verified_client(auditor)
    assert client.get(_month(umum_staff)).status_code == 404  # not assigned yet
    cases.handler_assign(actor=administrator, case=case, user=auditor, role="examiner")
    assert client.get(_month(umum_staff)).status_code == 200
    assert client.get(_month(kota.road)).status_code == 404
    assert client.get(reverse("attendance:unit", args=[kota.office.unit.pk])).status_code == 404
