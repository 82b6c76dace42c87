"""Seed walk of the karaoke story (h3): the reporter's bill reached the intake officer only. The
examiner, the Sekretaris DPRD who decided and the Sekretaris Daerah who decided the objection
never saw it — the case page had no evidence and the report answered 404 to them — which is the
seed's complaint ("bukti Bill/nota karaoke ... tidak pernah dimunculkan"). The case page now lists
the evidence of the reports it was opened from, with the hash taken on arrival: the original for
the examination team, the cleaned copy for the others, nothing for the accused."""

from __future__ import annotations

import hashlib
import io
from datetime import date

import pytest
from django.urls import reverse
from PIL import Image

from tegak.cases import services as cases
from tegak.cases.models import CaseHandler
from tegak.core.access import Role
from tegak.intake import services
from tegak.intake.services import ReportInput, Upload
from tegak.jobs.runner import drain
from tegak.people.models import Employee
from tests.conftest import make_user

pytestmark = pytest.mark.django_db(transaction=True)


def _jpeg() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 8), (200, 200, 200)).save(out, format="JPEG")
    return out.getvalue()


BILL = _jpeg()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    settings.INTAKE_RECEIPT_HASH_TIME_COST = 1
    settings.INTAKE_RECEIPT_HASH_MEMORY_KIB = 8192


@pytest.fixture
def opened(instansi):
    """An anonymous report with the bill, verified and opened as a case against Budi."""
    from tegak.people.models import OrgUnit, Position, PositionAssignment

    budi = Employee.objects.create(
        instansi=instansi, nip="198001012005011001", name="Budi Santoso", status="PNS"
    )
    unit = OrgUnit.objects.create(instansi=instansi, code="SETWAN", name="Sekretariat DPRD")
    post = Position.objects.create(
        instansi=instansi, unit=unit, name="Pengadministrasi", kind="pelaksana"
    )
    PositionAssignment.objects.create(employee=budi, position=post, start=date(2020, 1, 1))
    intake = make_user("petugas", instansi, Role.INTAKE_OFFICER)
    report, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            summary="Karaoke pada jam kerja",
            description="Berkaraoke pukul 15.00 pada hari Jumat; nota terlampir.",
            occurred_on=date(2026, 3, 6),
            location="Tempat karaoke",
            accused_text="Budi Santoso",
            reporter_mode="anonymous",
            identity={},
            files=[Upload(name="nota-karaoke-budi.jpg", stream=io.BytesIO(BILL))],
        ),
        client_key="uji-alamat",
    )
    services.report_link_employee(actor=intake, report=report, employee=budi)
    services.report_verify(actor=intake, report=report, note="")
    case = cases.case_open_from_reports(
        actor=intake,
        reports=[report],
        allegations=[
            {
                "employee": budi,
                "provision": "pp-94-2021:3:f",
                "committed_on": date(2026, 3, 6),
                "description": "Berkaraoke pada jam kerja.",
            }
        ],
    )
    return case, report, budi


def _handler(username, instansi, case, *roles):
    user = make_user(username, instansi, *roles)
    CaseHandler.objects.create(case=case, user=user, role="examiner", assigned_on=date.today())
    return user


def test_the_examiner_sees_the_bill_on_the_case_and_downloads_the_original(
    verified_client, instansi, opened
):
    case, report, _budi = opened
    evidence = report.evidence.get()
    client = verified_client(_handler("pemeriksa", instansi, case, Role.EXAMINER))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert evidence.sha256 in page and "nota-karaoke-budi.jpg" in page
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    assert url in page
    response = client.get(url)
    assert response.status_code == 200
    body = b"".join(response.streaming_content)
    assert hashlib.sha256(body).hexdigest() == evidence.sha256


def test_others_who_see_the_case_get_the_cleaned_copy_only(verified_client, instansi, opened):
    case, report, _budi = opened
    drain()  # the worker makes the cleaned copy
    evidence = report.evidence.get()
    client = verified_client(make_user("pengawas", instansi, Role.OVERSIGHT))
    page = client.get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert evidence.sha256 in page
    assert "nota-karaoke-budi.jpg" not in page  # the file's own name may say who took it
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    assert f'href="{url}"' not in page and f'href="{url}?salinan=1"' in page
    response = client.get(url)
    assert response.status_code == 200
    assert "salinan" in response["Content-Disposition"]  # the copy, never the original


def test_the_accused_and_an_examiner_not_on_the_case_get_404(verified_client, instansi, opened):
    case, report, budi = opened
    evidence = report.evidence.get()
    url = reverse("cases:evidence_download", args=[case.pk, evidence.pk])
    accused = _handler("budi-staf", instansi, case, Role.EXAMINER)
    accused.employee = budi
    accused.save()
    stranger = make_user("pemeriksa-lain", instansi, Role.EXAMINER)
    for user in (accused, stranger):
        assert verified_client(user).get(url).status_code == 404, user.username
