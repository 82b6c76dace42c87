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


def test_the_handlers_read_the_reporters_own_account_escaped(verified_client, instansi, opened):
    """The reporter's narrative (what the examination tests: "pukul 15.00") was on the report
    page only, which the examiner and the officials cannot open; the case showed the intake
    officer's summary. It is plain text: shown escaped, line breaks kept."""
    from tegak.intake.models import Report

    case, report, _budi = opened
    Report.objects.filter(pk=report.pk).update(
        description="Berkaraoke pukul 15.00 <b>jam kerja</b>\nnota terlampir."
    )
    for user in (
        _handler("pemeriksa", instansi, case, Role.EXAMINER),
        make_user("pengawas", instansi, Role.OVERSIGHT),
    ):
        page = verified_client(user).get(reverse("cases:detail", args=[case.pk])).content.decode()
        assert 'data-testid="report-account"' in page, user.username
        assert "Berkaraoke pukul 15.00 &lt;b&gt;jam kerja&lt;/b&gt;<br>nota terlampir." in page, (
            user.username
        )
        assert "<b>jam kerja</b>" not in page


def _merge_report_naming_sari(instansi, report, description):
    """A second report, naming Sari Dewi as accused, merged into `report`: Sari's employee."""
    sari = Employee.objects.create(
        instansi=instansi, nip="198502022010012002", name="Sari Dewi", status="PNS"
    )
    intake = make_user("petugas-2", instansi, Role.INTAKE_OFFICER)
    second, _code = services.report_submit(
        instansi=instansi,
        data=ReportInput(
            summary="Karaoke lagi",
            description=description,
            occurred_on=date(2026, 3, 6),
            location="Tempat karaoke",
            accused_text="Sari",
            reporter_mode="anonymous",
            identity={},
            files=[],
        ),
        client_key="uji-alamat-2",
    )
    services.report_link_employee(actor=intake, report=second, employee=sari)
    services.report_merge(actor=intake, report=second, into=report)
    return sari


def test_someone_accused_in_a_merged_report_does_not_read_it(verified_client, instansi, opened):
    """A second report, naming Sari, is merged into the case's report: the examiner reads both
    accounts; Sari, an examiner on the case, reads neither (a merged report is part of the one
    it joined, intake.access.accused_condition)."""
    case, report, _budi = opened
    sari = _merge_report_naming_sari(instansi, report, "Sari juga ikut berkaraoke pukul 15.00.")
    examiner = _handler("pemeriksa", instansi, case, Role.EXAMINER)
    page = verified_client(examiner).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert "Berkaraoke pukul 15.00 pada hari Jumat" in page
    assert "Sari juga ikut berkaraoke" in page
    user = _handler("sari-staf", instansi, case, Role.EXAMINER)
    user.employee = sari
    user.save()
    response = verified_client(user).get(reverse("cases:detail", args=[case.pk]))
    page = response.content.decode()
    assert "Berkaraoke pukul 15.00" not in page and "Sari juga ikut" not in page
    assert 'data-testid="report-account"' not in page


def test_someone_accused_in_a_merged_report_does_not_see_the_case(
    verified_client, instansi, opened
):
    """Named as accused in a report merged into the case's report, an examiner assigned to the
    case saw it (its evidence list, the original file names, the steps): intake reads a merged
    report as part of the one it joined and hides both from its accused; the case now does."""
    case, report, _budi = opened
    sari = _merge_report_naming_sari(instansi, report, "Sari juga ikut berkaraoke.")
    user = _handler("sari-staf", instansi, case, Role.EXAMINER)
    user.employee = sari
    user.save()
    client = verified_client(user)
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert case.register_number not in client.get(reverse("cases:list")).content.decode()


def test_audit_history_and_internal_notes_name_the_official(verified_client, instansi, opened):
    """Seed walk (h3, F12): "Oleh: petugas" in the case's audit history and on the report's
    internal notes, where every other place names the official. The name now (the username
    only for an account with no name); the audit log itself keeps the username."""
    from tegak.accounts.models import User
    from tegak.audit.models import AuditEvent

    case, report, _budi = opened
    intake = User.objects.get(username="petugas")
    intake.employee = Employee.objects.create(
        instansi=instansi, nip="199001012015012003", name="Rina Marlina", status="PNS"
    )
    intake.save()
    nameless = make_user("petugas-tanpa-nama", instansi, Role.INTAKE_OFFICER)
    named = make_user("petugas-bernama", instansi, Role.INTAKE_OFFICER)
    named.first_name, named.last_name = "Dewi", "Lestari"
    named.save()
    for author in (intake, nameless, named):
        services.message_send(actor=author, report=report, body="Catatan.", internal=True)

    examiner = _handler("pemeriksa", instansi, case, Role.EXAMINER)
    page = verified_client(examiner).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert '<td data-testid="event-actor">Rina Marlina</td>' in page
    assert '<td data-testid="event-actor">petugas</td>' not in page
    assert AuditEvent.objects.filter(actor=intake, actor_label="petugas").exists()

    reader = make_user("pembaca", instansi, Role.INTAKE_OFFICER)
    page = verified_client(reader).get(reverse("intake:detail", args=[report.pk])).content
    authors = [
        part.split("</span>")[0] for part in page.decode().split('data-testid="thread-author">')[1:]
    ]
    assert authors == ["Rina Marlina", "petugas-tanpa-nama", "Dewi Lestari"]
