"""The permission matrix: every staff URL that takes an object id answers 404 to a staff user of
another instansi and to a user of the same instansi without the needed role, sends an anonymous
visitor to the login page, and a refused POST changes nothing. The public pages need no login."""

from __future__ import annotations

import io
import uuid
from datetime import date
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.test import Client
from django.urls import reverse

from tegak.connectors import outbox
from tegak.connectors.models import SiasnRecord, WebhookDelivery, WebhookSubscription
from tegak.intake import services as intake
from tegak.intake.services import ReportInput, Upload
from tests.conftest import make_user

from .conftest import staff_client

PNG = (
    b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00"
    b"\x90wS\xde\x00\x00\x00\x0cIDATx\x9cc\xf8\xcf\xc0\x00\x00\x03\x01\x01\x00\xc9\xfe\x92\xef"
    b"\x00\x00\x00\x00IEND\xaeB`\x82"
)

# (url name, method, how to build its arguments from the world, which persona lacks the role)
URLS = [
    ("intake:detail", "get", lambda w: [w.report.pk], "examiner"),
    ("intake:action", "post", lambda w: [w.report.pk, "acknowledge"], "examiner"),
    ("intake:action", "post", lambda w: [w.report.pk, "request_identity"], "examiner"),
    ("intake:open_identity", "post", lambda w: [w.report.pk], "examiner"),
    ("intake:evidence_download", "get", lambda w: [w.evidence.pk], "examiner"),
    ("intake:disclosure_decide", "post", lambda w: [w.disclosure.pk], "intake_officer"),
    ("cases:detail", "get", lambda w: [w.case.pk], "custodian"),
    ("cases:handler_assign", "post", lambda w: [w.case.pk], "custodian"),
    (
        "cases:handler_end",
        "post",
        lambda w: [w.case.pk, w.case.handlers.order_by("pk").first().pk],
        "custodian",
    ),
    ("cases:statement_add", "post", lambda w: [w.case.pk], "custodian"),
    ("cases:evidence_download", "get", lambda w: _case_evidence(w), "custodian"),
    ("cases:allegation_add", "post", lambda w: [w.case.pk], "custodian"),
    ("hearings:step", "get", lambda w: [w.case.pk, w.accused.pk, "summons_issue_1"], "custodian"),
    ("hearings:step", "post", lambda w: [w.case.pk, w.accused.pk, "summons_issue_1"], "custodian"),
    ("decisions:step", "get", lambda w: [w.case.pk, w.accused.pk, "decision_take"], "custodian"),
    ("decisions:step", "post", lambda w: [w.case.pk, w.accused.pk, "decision_take"], "custodian"),
    ("documents:case", "get", lambda w: [w.case.pk], "custodian"),
    ("documents:issue", "post", lambda w: [w.case.pk], "custodian"),
    ("documents:issue_group", "post", lambda w: [w.case.pk], "custodian"),
    ("documents:dossier_create", "post", lambda w: [w.case.pk], "custodian"),
    ("people:unit", "get", lambda w: [w.unit.pk], None),
    ("people:employee", "get", lambda w: [w.employee.pk], None),
    ("attendance:unit", "get", lambda w: [w.unit.pk], None),
    ("attendance:employee_month", "get", lambda w: [w.employee.pk, 2026, 10], None),
    ("attendance:timeline", "get", lambda w: [w.employee.pk], None),
    ("attendance:roll_call_unit", "get", lambda w: [w.unit.pk], "examiner"),
    ("attendance:roll_call_unit", "post", lambda w: [w.unit.pk], "examiner"),
    ("connectors:outbox", "get", lambda w: [w.code], "examiner"),
    ("connectors:outbox", "post", lambda w: [w.code], "examiner"),
    ("connectors:retry", "post", lambda w: [w.code, w.message.pk], "examiner"),
    ("connectors:lapor", "get", lambda w: [w.code], "examiner"),
    ("connectors:lapor", "post", lambda w: [w.code], "examiner"),
    ("connectors:siasn", "get", lambda w: [w.code], "examiner"),
    ("connectors:siasn", "post", lambda w: [w.code], "examiner"),
    ("connectors:siasn_retry", "post", lambda w: [w.code, w.siasn.pk], "examiner"),
    ("connectors:siasn_download", "get", lambda w: [w.code, w.siasn.pk], "examiner"),
    ("connectors:webhooks", "get", lambda w: [w.code], "examiner"),
    ("connectors:webhooks", "post", lambda w: [w.code], "examiner"),
    ("connectors:webhook", "get", lambda w: [w.code, w.webhook.pk], "examiner"),
    ("connectors:webhook", "post", lambda w: [w.code, w.webhook.pk], "examiner"),
    ("connectors:webhook_retry", "post", lambda w: [w.code, w.delivery.pk], "examiner"),
    ("retention:page", "get", lambda w: [w.code], "examiner"),
    ("retention:page", "post", lambda w: [w.code], "examiner"),
    ("retention:hold_release", "post", lambda w: [w.code, w.hold.pk], "examiner"),
    ("cases:stated_post_add", "post", lambda w: [w.case.pk], "custodian"),
    ("cases:subordinate_elsewhere_add", "get", lambda w: [w.case.pk, w.accused.pk], "custodian"),
    (
        "cases:subordinate_elsewhere_add",
        "post",
        lambda w: [w.case.pk, w.accused.pk],
        "custodian",
    ),
    (
        "cases:subordinate_elsewhere_remove",
        "post",
        lambda w: [w.case.pk, _subordinate_elsewhere(w).pk],
        "custodian",
    ),
    ("cases:group_step", "get", lambda w: [w.case.pk, "summons_issue_1"], "custodian"),
    ("cases:group_step", "post", lambda w: [w.case.pk, "summons_issue_1"], "custodian"),
    ("hearings:session_new", "get", lambda w: [w.case.pk], "custodian"),
    ("hearings:session_new", "post", lambda w: [w.case.pk], "custodian"),
    ("hearings:session", "get", lambda w: [w.case.pk, _session(w).pk], "custodian"),
    ("hearings:session", "post", lambda w: [w.case.pk, _session(w).pk], "custodian"),
    ("hearings:question_correct", "get", lambda w: _question(w), "custodian"),
    ("hearings:question_correct", "post", lambda w: _question(w), "custodian"),
    ("documents:download", "get", lambda w: [_issued(w).pk, "pdf"], "custodian"),
    ("documents:progress", "get", lambda w: [_issued(w).pk], "custodian"),
    ("documents:sign", "post", lambda w: [_issued(w).pk], "custodian"),
    ("documents:dossier_download", "get", lambda w: [_dispatch(w).pk], "examiner"),
    ("attendance:alert_open_case", "post", lambda w: [_alert(w).pk], "custodian"),
    ("attendance:import_run", "get", lambda w: [_import_run(w).pk], "examiner"),
    ("attendance:import_run_progress", "get", lambda w: [_import_run(w).pk], "examiner"),
    ("administration:schedule", "get", lambda w: [w.code, _law(w).schedule.pk], "examiner"),
    (
        "administration:schedule_version_new",
        "get",
        lambda w: [w.code, _law(w).schedule.pk],
        "examiner",
    ),
    (
        "administration:schedule_version_correct",
        "post",
        lambda w: [w.code, _law(w).schedule.pk, _law(w).version.pk],
        "examiner",
    ),
    (
        "administration:ramadan_period_new",
        "post",
        lambda w: [w.code, _law(w).schedule.pk],
        "examiner",
    ),
    (
        "administration:ramadan_period_correct",
        "post",
        lambda w: [w.code, _law(w).schedule.pk, _law(w).ramadan.pk],
        "examiner",
    ),
    ("administration:rule_correct", "get", lambda w: [w.code, _law(w).rule.pk], "examiner"),
    ("administration:calendar_day", "get", lambda w: [w.code, _calendar_day(w).pk], "examiner"),
    ("administration:calendar_day", "post", lambda w: [w.code, _calendar_day(w).pk], "examiner"),
    ("administration:user", "get", lambda w: [w.code, w.staff.examiner.pk], "examiner"),
    (
        "administration:user_action",
        "post",
        lambda w: [w.code, w.staff.examiner.pk, "deactivate"],
        "examiner",
    ),
    ("administration:unit", "get", lambda w: [w.code, w.unit.pk], "examiner"),
    ("administration:position", "get", lambda w: [w.code, _position(w).pk], "examiner"),
    ("administration:employee", "get", lambda w: [w.code, w.employee.pk], "examiner"),
    (
        "administration:assignment_correct",
        "get",
        lambda w: [w.code, _assignment(w).pk],
        "examiner",
    ),
    (
        "administration:assignment_correct",
        "post",
        lambda w: [w.code, _assignment(w).pk],
        "examiner",
    ),
]
IDS = [f"{name}-{method}-{i}" for i, (name, method, _a, _r) in enumerate(URLS)]

# Sessions and login bookkeeping change with every request; everything else must not.
BOOKKEEPING = {"sessions", "axes", "otp_totp", "otp_static"}


def row_counts() -> dict[str, int]:
    return {
        model._meta.label: model._default_manager.count()
        for model in apps.get_models()
        if model._meta.app_label not in BOOKKEEPING and not model._meta.proxy
    }


@pytest.fixture
def world(instansi, org, staff, open_case, intake_officer, custodian):
    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            description="Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            accused_text="Staf Uji, Bagian Umum",
            occurred_on=date(2026, 10, 2),
            reporter_mode="confidential",
            identity={"name": "Pelapor Matriks"},
            files=[Upload(name="bukti.png", stream=io.BytesIO(PNG))],
        ),
        client_key="matriks",
    )
    disclosure = intake.disclosure_request_create(
        actor=intake_officer,
        report=report,
        reason="Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan.",
    )
    case = open_case()
    message = outbox.message_queue(
        instansi=instansi,
        recipient_kind="handler",
        address="penangan@kota-uji.example",
        subject="Uji",
        body="Uji",
        event_key="matrix:1",
    )
    accused = case.accused.first()
    siasn = SiasnRecord.objects.create(
        instansi=instansi, case=case, accused=accused, nip=accused.employee.nip, record={}
    )
    webhook = WebhookSubscription.objects.create(
        instansi=instansi, name="Matriks", url="https://provinsi.example/hook", kinds=["case.final"]
    )
    delivery = WebhookDelivery.objects.create(
        subscription=webhook,
        instansi=instansi,
        delivery_id=uuid.uuid4(),
        kind="case.final",
        event_sequence=1,
        state="failed",
    )
    from tegak.retention.models import LegalHold

    hold = LegalHold.objects.create(
        instansi=instansi,
        case=case,
        target_reference=case.register_number,
        reason="Gugatan",
        placed_by=staff.admin,
    )
    return SimpleNamespace(
        hold=hold,
        webhook=webhook,
        delivery=delivery,
        staff=staff,
        siasn=siasn,
        code=instansi.code,
        message=message,
        report=report,
        evidence=report.evidence.filter(kind="file").first(),
        disclosure=disclosure,
        case=case,
        accused=case.accused.first(),
        unit=org.units.umum,
        employee=org.staff,
        other_employee=org.staff2,
    )


def _issued(w):
    """A document issued in the world's case (made when a row needs it: rendering is slow)."""
    from tegak.documents.samples import sample_context
    from tegak.documents.services import document_issue

    return document_issue(
        actor=w.staff.examiner,
        kind="surat_panggilan_1",
        instansi=w.case.instansi,
        context=sample_context("surat_panggilan_1"),
        subject_type="test.step",
        subject_id="1",
        subject_label=w.case.register_number,
        case_key=str(w.case.pk),
    )


def _session(w):
    """A joint examination session of the world's case (a bare record: the page is refused
    before it is read)."""
    from tegak.hearings.models import ExaminationSession

    return ExaminationSession.objects.create(
        case=w.case, held_on=date(2026, 10, 6), place="Ruang Rapat", held_by=w.staff.examiner
    )


def _case_evidence(w):
    """The world's report's file, as evidence of the world's case (the case opened from it)."""
    from tegak.cases.models import CaseReport

    CaseReport.objects.get_or_create(case=w.case, report=w.report)
    return [w.case.pk, w.evidence.pk]


def _subordinate_elsewhere(w):
    """A subordinate recorded against the world's accused (a bare record: the removal is
    refused before it is read)."""
    from tegak.cases.models import SubordinateElsewhere

    return SubordinateElsewhere.objects.create(
        case=w.case,
        accused=w.accused,
        employee=w.other_employee,
        sanction_code="teguran_tertulis",
        source="Keputusan 800/1/2026",
        recorded_by=w.staff.admin,
    )


def _question(w):
    """A question and answer of the world's accused, examined in a joint session: the url's
    arguments (case, session, question)."""
    from tegak.hearings.models import Examination, QuestionAnswer, Summons

    session = _session(w)
    summons = Summons.objects.create(
        case=w.case,
        accused=w.accused,
        number=1,
        issued_on=date(2026, 10, 1),
        examination_on=date(2026, 10, 6),
        place="Ruang Rapat",
        issued_by=w.staff.examiner,
    )
    examination = Examination.objects.create(
        case=w.case,
        accused=w.accused,
        summons=summons,
        held_on=date(2026, 10, 6),
        place="Ruang Rapat",
        examiner=w.staff.examiner,
        session=session,
    )
    row = QuestionAnswer.objects.create(
        examination=examination, order=1, question="Di mana?", answer="Di kantor."
    )
    return [w.case.pk, session.pk, row.pk]


def _dispatch(w):
    from django.core.files.base import ContentFile
    from django.utils import timezone

    from tegak.documents.models import DossierDispatch

    return DossierDispatch.objects.create(
        instansi=w.case.instansi,
        subject_id=str(w.case.pk),
        subject_label=w.case.register_number,
        recipient_kind="bkn",
        recipient_name="BKN",
        file=ContentFile(b"PK\x05\x06" + bytes(18), name="berkas.zip"),
        sha256="0" * 64,
        manifest_sha256="0" * 64,
        sent_by=w.staff.official,
        sent_at=timezone.now(),
    )


def _alert(w):
    from django.utils import timezone

    from tegak.attendance.models import AttendanceAlert

    return AttendanceAlert.objects.create(
        employee=w.employee,
        year=2026,
        threshold="pp-94-2021:10:2:f:1",
        level="sedang",
        counts={"unexcused_days": 12},
        finding={},
        superior=None,
        duty_clock_started_at=timezone.now(),
    )


def _law(w):
    """The Bekasi rule pack adopted by the world's instansi (schedules, versions, Ramadan hours,
    a rule), imported once per test when a row needs it."""
    if not hasattr(w, "law"):
        from tegak.law.models import RamadanPeriod, RuleVersion, Schedule
        from tegak.law.services.packs import pack_import
        from tegak.rules.packs import shipped_pack_text

        instansi = w.case.instansi
        pack_import(
            actor=w.staff.admin,
            instansi=instansi,
            text=shipped_pack_text("kota-bekasi.json"),
            file_name="kota-bekasi.json",
        )
        schedule = Schedule.objects.filter(instansi=instansi).first()
        w.law = SimpleNamespace(
            schedule=schedule,
            version=schedule.versions.first(),
            ramadan=RamadanPeriod.objects.filter(schedule__instansi=instansi).first(),
            rule=RuleVersion.objects.filter(instansi=instansi).first(),
        )
    return w.law


def _import_run(w):
    from tegak.attendance.models import ImportRun

    return ImportRun.objects.create(instansi=w.case.instansi, uploaded_by=w.staff.admin)


def _failed_job():
    from django.utils import timezone

    from tegak.jobs.models import Job

    return Job.objects.create(
        task_path="tegak.jobs.tasks.storage_sweep",
        status="FAILED",
        available_at=timezone.now(),
        finished_at=timezone.now(),
    )


def _calendar_day(w):
    """A local day off of the world's instansi, entered by its administrator."""
    from tegak.law.models import CalendarDay, CalendarDayKind

    return CalendarDay.objects.create(
        instansi=w.case.instansi,
        day=date(2026, 10, 9),
        kind=CalendarDayKind.REGIONAL_HOLIDAY,
        name="Hari jadi kota",
    )


def _position(w):
    return w.employee.assignments.select_related("position").first().position


def _assignment(w):
    return w.employee.assignments.first()


def _call(client, method, url):
    if method == "get":
        return client.get(url)
    return client.post(url, {"note": "x", "reason": "Alasan yang cukup panjang untuk diuji."})


@pytest.mark.parametrize(("name", "method", "args", "lacking"), URLS, ids=IDS)
def test_out_of_scope_users_get_404_and_change_nothing(
    name, method, args, lacking, world, outsider, instansi
):
    url = reverse(name, args=args(world))
    personas = [outsider]
    if lacking:
        personas.append(make_user(f"tanpa-peran-{lacking}", instansi, lacking))
    for persona in personas:
        before = row_counts()
        response = _call(staff_client(persona), method, url)
        assert response.status_code == 404, (persona.username, response.status_code)
        assert row_counts() == before, persona.username


# The job queue is the installation's, not an instansi's (jobs carry only ids): its operators
# are the superusers (`jobs.access.can_operate_jobs`); an instansi's administrator and anyone
# else gets 404 and changes nothing.
INSTALLATION_URLS = [
    ("jobs:overview", "get", lambda w: [], "administrator"),
    ("jobs:retry", "post", lambda w: [_failed_job().pk], "administrator"),
    ("jobs:dismiss", "post", lambda w: [_failed_job().pk], "administrator"),
    ("jobs:dismiss", "post", lambda w: [_failed_job().pk], "custodian"),
    ("audit:integrity", "get", lambda w: [], "examiner"),
    ("audit:verify_now", "post", lambda w: [], "custodian"),
]


@pytest.mark.parametrize(
    ("name", "method", "args", "lacking"),
    INSTALLATION_URLS,
    ids=[f"{name}-{lacking}" for name, _method, _args, lacking in INSTALLATION_URLS],
)
def test_installation_urls_answer_404_to_non_operators_and_change_nothing(
    name, method, args, lacking, world, instansi
):
    url = reverse(name, args=args(world))
    persona = make_user(f"tanpa-peran-{lacking}", instansi, lacking, "intake_officer")
    before = row_counts()
    response = _call(staff_client(persona), method, url)
    assert response.status_code == 404
    assert row_counts() == before
    response = _call(Client(), method, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert row_counts() == before


@pytest.mark.parametrize(("name", "method", "args", "lacking"), URLS, ids=IDS)
def test_anonymous_visitors_are_sent_to_the_login_page(name, method, args, lacking, world):
    url = reverse(name, args=args(world))
    before = row_counts()
    response = _call(Client(), method, url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:login"))
    assert row_counts() == before


@pytest.mark.parametrize(
    ("name", "args", "lacking"),
    [(n, a, r) for n, m, a, r in URLS if m == "get"],
    ids=[i for i, u in zip(IDS, URLS, strict=True) if u[1] == "get"],
)
def test_the_objects_are_real_for_an_officer_in_scope(name, args, lacking, world, instansi):
    """The 404s above are about scope, not missing objects: an officer in scope gets the page."""
    boss = make_user(
        "semua-peran",
        instansi,
        "administrator",
        "intake_officer",
        "authorised_official",
        "custodian",
        "examiner",
    )
    # A step's form is shown only to who may take it (assigned examiner and official).
    from tegak.cases import services as case_services

    for role in ("examiner", "authorised_official"):
        case_services.handler_assign(actor=boss, case=world.case, user=boss, role=role)
    response = staff_client(boss).get(reverse(name, args=args(world)))
    assert response.status_code == 200, response.status_code


@pytest.mark.parametrize(
    "url",
    [
        "/",
        "/statistik/",
        "/lapor/",
        "/lapor/lacak/",
    ],
)
def test_public_pages_need_no_login(url, instansi):
    assert Client().get(url).status_code == 200


API_URLS = [
    ("get", lambda w: f"/api/v1/intake/reports/{w.report.pk}", "examiner"),
    ("post", lambda w: f"/api/v1/intake/reports/{w.report.pk}/verify", "examiner"),
    ("get", lambda w: f"/api/v1/cases/{w.case.pk}", "custodian"),
    ("post", lambda w: f"/api/v1/cases/{w.case.pk}/handlers", "custodian"),
    ("post", lambda w: f"/api/v1/cases/{w.case.pk}/statements", "custodian"),
    ("get", lambda w: f"/api/v1/documents/cases/{w.case.pk}", "custodian"),
]


@pytest.mark.parametrize(
    ("method", "url", "lacking"), API_URLS, ids=[f"api-{i}" for i in range(len(API_URLS))]
)
def test_api_objects_out_of_scope_answer_404_and_anonymous_401(
    method, url, lacking, world, outsider, instansi
):
    path = url(world)
    body = {"note": "x", "user_id": 1, "role": "examiner", "text": "x", "source": "accused"}
    personas = [outsider, make_user(f"api-tanpa-{lacking}", instansi, lacking)]
    for persona in personas:
        before = row_counts()
        client = staff_client(persona)
        if method == "get":
            response = client.get(path)
        else:
            response = client.post(path, body, content_type="application/json")
        assert response.status_code == 404, (persona.username, response.status_code)
        assert row_counts() == before
    anonymous = Client().get(path) if method == "get" else Client().post(path, body)
    assert anonymous.status_code == 401
