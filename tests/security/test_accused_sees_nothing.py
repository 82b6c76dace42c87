"""#12 item 4: the accused never reads the report or the case about them, whatever their role.

The probe: an intake officer named (linked) as accused in an open-mode report opened the
reporter's name and phone number and rejected the report. Here every role tries it against the
real app with real accounts (second factor verified), and every attempt must answer 404 and
leave nothing read or written: no identity opened, no status changed, no message, no request,
no new audit event.
"""

from __future__ import annotations

import io
from datetime import date

import pytest
from django.urls import reverse
from PIL import Image

from tegak.audit.models import AuditEvent
from tegak.cases import services as cases
from tegak.core.access import Role
from tegak.intake import services
from tegak.intake.models import IdentityDisclosureRequest, Report, ReportMessage
from tegak.intake.services import ReportInput, Upload
from tegak.people.models import Employee
from tests.conftest import make_user

pytestmark = pytest.mark.django_db

REPORTER = {"name": "Rina Pelapor", "phone": "081234567890"}


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), (10, 20, 30)).save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192


@pytest.fixture
def budi(instansi):
    """The accused: an employee who also has a staff account."""
    return Employee.objects.create(
        instansi=instansi, nip="198001012005011001", name="Budi Santoso", status="PNS"
    )


@pytest.fixture
def colleague(instansi):
    """An intake officer who is not named: triages the report and links the accused."""
    return make_user("petugas-lain", instansi, Role.INTAKE_OFFICER)


def _report(instansi, mode: str) -> Report:
    report, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            summary="Pungutan liar di loket",
            description="Pegawai loket meminta uang tambahan untuk mempercepat izin.",
            occurred_on=date(2026, 3, 2),
            location="Loket pelayanan perizinan",
            accused_text="Budi Santoso, loket perizinan",
            reporter_mode=mode,
            identity=dict(REPORTER) if mode != "anonymous" else {},
            files=[Upload(name="bukti.jpg", stream=io.BytesIO(_jpeg()))],
        ),
        client_key="uji-alamat",
    )
    return report


def _named(report: Report, employee: Employee, by) -> Report:
    services.report_link_employee(actor=by, report=report, employee=employee)
    services.message_send(actor=by, report=report, body="Mohon lengkapi kronologi.", internal=False)
    return report


def _accused_account(username: str, instansi, employee: Employee, *roles: Role):
    user = make_user(username, instansi, *roles)
    user.employee = employee
    user.save(update_fields=["employee"])
    return user


def _snapshot(report: Report) -> tuple:
    report.refresh_from_db()
    return (
        report.status,
        ReportMessage.objects.filter(report=report).count(),
        IdentityDisclosureRequest.objects.filter(report=report).count(),
        AuditEvent.objects.count(),
    )


def _staff_urls(report: Report) -> list[tuple[str, str, dict]]:
    evidence = report.evidence.get()
    return [
        ("get", reverse("intake:detail", args=[report.pk]), {}),
        ("get", reverse("intake:evidence_download", args=[evidence.pk]), {}),
        ("get", reverse("intake:evidence_download", args=[evidence.pk]) + "?salinan=1", {}),
        ("post", reverse("intake:open_identity", args=[report.pk]), {}),
        (
            "post",
            reverse("intake:action", args=[report.pk, "reject"]),
            {"reject-reason": "Laporan tidak cukup jelas untuk ditindaklanjuti."},
        ),
        ("post", reverse("intake:action", args=[report.pk, "verify"]), {"verify-note": ""}),
        (
            "post",
            reverse("intake:action", args=[report.pk, "message"]),
            {"message-body": "Laporan ini tidak benar.", "message-internal": ""},
        ),
        (
            "post",
            reverse("intake:action", args=[report.pk, "request_identity"]),
            {"request_identity-reason": "Saya perlu tahu siapa pelapor untuk klarifikasi resmi."},
        ),
        ("get", f"/api/v1/intake/reports/{report.pk}", {}),
    ]


@pytest.mark.parametrize(
    "roles",
    [
        (Role.INTAKE_OFFICER,),
        (Role.ADMINISTRATOR,),
        (Role.CUSTODIAN,),
        (Role.INTAKE_OFFICER, Role.CUSTODIAN, Role.ADMINISTRATOR, Role.EXAMINER),
    ],
    ids=["intake-officer", "administrator", "custodian", "every-role"],
)
def test_an_officer_named_in_an_open_report_reads_and_changes_nothing(
    verified_client, instansi, budi, colleague, roles
):
    report = _named(_report(instansi, "open"), budi, colleague)
    accused = _accused_account("budi-staf", instansi, budi, *roles)
    client = verified_client(accused)
    before = _snapshot(report)

    for method, url, data in _staff_urls(report):
        response = getattr(client, method)(url, data)
        assert response.status_code == 404, (url, response.status_code)
        body = b"" if response.streaming else response.content
        assert REPORTER["phone"].encode() not in body and REPORTER["name"].encode() not in body

    queue = client.get(reverse("intake:queue"))
    if queue.status_code == 200:
        assert report.reference.encode() not in queue.content
    api_queue = client.get("/api/v1/intake/reports")
    if api_queue.status_code == 200:
        assert report.reference not in api_queue.content.decode()
    assert _snapshot(report) == before
    assert not AuditEvent.objects.filter(action="report.identity_opened").exists()


def test_the_same_officer_not_named_still_works_the_report(
    verified_client, instansi, budi, colleague
):
    """The guard excludes the accused only: an unrelated report stays readable to them."""
    _named(_report(instansi, "open"), budi, colleague)
    other = _report(instansi, "open")
    accused = _accused_account("budi-staf", instansi, budi, Role.INTAKE_OFFICER)
    client = verified_client(accused)
    assert client.get(reverse("intake:detail", args=[other.pk])).status_code == 200
    queue = client.get(reverse("intake:queue"))
    assert other.reference.encode() in queue.content


def test_a_custodian_named_as_accused_cannot_see_or_decide_the_identity_request(
    verified_client, instansi, budi, colleague
):
    report = _named(_report(instansi, "confidential"), budi, colleague)
    request = services.disclosure_request_create(
        actor=colleague,
        report=report,
        reason="Keterangan pelapor diperlukan untuk pemeriksaan saksi kunci.",
    )
    custodian = _accused_account("budi-kustodian", instansi, budi, Role.CUSTODIAN)
    client = verified_client(custodian)
    before = _snapshot(report)

    listing = client.get(reverse("intake:disclosures"))
    assert listing.status_code in (200, 404)
    assert report.reference.encode() not in listing.content
    decide = reverse("intake:disclosure_decide", args=[request.pk])
    response = client.post(decide, {"decision": "approve", "note": "Disetujui."})
    assert response.status_code == 404
    request.refresh_from_db()
    assert request.status == "pending" and request.decided_by_id is None
    assert _snapshot(report) == before


@pytest.fixture
def opened_case(instansi, budi, colleague):
    """A case opened from the report, with Budi as accused and an evidence file on the report."""
    from tegak.people.models import OrgUnit, Position, PositionAssignment

    top = OrgUnit.objects.create(instansi=instansi, code="PEMKOT", name="Pemerintah Kota Uji")
    unit = OrgUnit.objects.create(
        instansi=instansi, code="DPMPTSP", name="Dinas Perizinan", parent=top
    )

    def hold(employee, unit_, name, kind, head=False):
        post = Position.objects.create(
            instansi=instansi, unit=unit_, name=name, kind=kind, is_head=head
        )
        PositionAssignment.objects.create(employee=employee, position=post, start=date(2020, 1, 1))

    for nip, name, unit_, post, kind in [
        ("197001012000011001", "Sekda Uji", top, "Sekretaris Daerah", "jpt_pratama"),
        ("197501012000011002", "Kadis Uji", unit, "Kepala Dinas", "jpt_pratama"),
    ]:
        head = Employee.objects.create(instansi=instansi, nip=nip, name=name, status="PNS")
        hold(head, unit_, post, kind, head=True)
    hold(budi, unit, "Petugas Loket", "pelaksana")
    report = _named(_report(instansi, "open"), budi, colleague)
    services.report_verify(actor=colleague, report=report, note="")
    case = cases.case_open_from_reports(
        actor=colleague,
        reports=[report],
        allegations=[
            {
                "employee": budi,
                "provision": "pp-94-2021:5:a",
                "committed_on": date(2026, 3, 2),
                "description": "Pungutan liar di loket.",
            }
        ],
    )
    return case, report


@pytest.mark.parametrize(
    "roles",
    [(Role.EXAMINER,), (Role.AUTHORISED_OFFICIAL,), (Role.INTAKE_OFFICER,), (Role.OVERSIGHT,)],
    ids=["examiner", "official", "intake-officer", "oversight"],
)
def test_the_accused_of_a_case_gets_404_on_the_case_and_its_report(
    verified_client, instansi, budi, opened_case, roles
):
    case, report = opened_case
    accused = _accused_account("budi-staf", instansi, budi, *roles)
    client = verified_client(accused)
    before = _snapshot(report)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert client.get(f"/api/v1/cases/{case.pk}").status_code == 404
    for method, url, data in _staff_urls(report):
        assert getattr(client, method)(url, data).status_code == 404, url
    assert _snapshot(report) == before


def test_an_officer_named_in_a_verified_report_cannot_take_it_into_a_case(
    verified_client, instansi, budi, colleague
):
    report = _named(_report(instansi, "open"), budi, colleague)
    services.report_verify(actor=colleague, report=report, note="")
    accused = _accused_account("budi-staf", instansi, budi, Role.INTAKE_OFFICER)
    client = verified_client(accused)
    page = client.get(reverse("cases:open_from_report"))
    assert report.reference.encode() not in page.content
    before = _snapshot(report)
    response = client.post(
        "/api/v1/cases/open-from-reports",
        {"reports": [report.pk], "allegations": []},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert _snapshot(report) == before
