"""The notifications outbox: rows written with the step, sent by the worker over real SMTP and a
real HTTP gateway, retried with backoff, shown to the administrator, content-free for reporters."""

from __future__ import annotations

import json
from datetime import date, timedelta

import pytest
import time_machine
from django.db import connection, transaction
from django.urls import reverse
from django.utils import timezone

from tegak.cases.models import Clock
from tegak.cases.reminders import clocks_sweep
from tegak.connectors.escalation import escalation_climb
from tegak.connectors.models import MessageState, OutboundMessage
from tegak.connectors.services import gateway_set
from tegak.hearings import services as hearings
from tegak.intake import services as intake
from tegak.intake.services import ReportInput
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import drain
from tests.conftest import make_user
from tests.review.conftest import staff_client

from .conftest import free_port

pytestmark = pytest.mark.django_db

SECRET_TEXT = "Pak Budi menerima amplop di ruang rapat lantai dua"


def _submit(instansi, *, contact="", mode="anonymous", identity=None):
    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            description=SECRET_TEXT,
            accused_text="Staf Uji",
            occurred_on=date(2026, 10, 2),
            reporter_mode=mode,
            identity=identity or {},
            notice_contact=contact,
        ),
        client_key="uji-outbox",
    )
    return report


def _run_jobs_until_quiet(rounds=8):
    """Run the worker's jobs, stepping past every backoff, until nothing is left to run."""
    moment = timezone.now()
    for _round in range(rounds):
        with time_machine.travel(moment, tick=True):
            drain()
        pending = Job.objects.filter(status=JobStatus.READY).order_by("available_at").first()
        if pending is None:
            return
        moment = pending.available_at + timedelta(seconds=1)


def test_an_anonymous_reporters_notice_goes_over_smtp_without_any_content(
    instansi, intake_officer, smtp_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        report = _submit(instansi, contact="pelapor.rahasia@example.org")
    assert report.notice_contact_sealed
    assert "pelapor.rahasia" not in report.notice_contact_sealed
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_verify(actor=intake_officer, report=report)
    message = OutboundMessage.objects.get(report=report)
    assert message.state == MessageState.PENDING
    assert "pelapor.rahasia" not in message.address_sealed
    drain()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert message.attempts == 1
    assert len(smtp_server.messages) == 1
    received = smtp_server.messages[0]
    assert received["To"] == "pelapor.rahasia@example.org"
    text = received.get_payload(decode=True).decode()
    assert "kode tanda terima" in text
    for leak in (SECRET_TEXT, "amplop", "Staf Uji", report.summary, str(report.pk)):
        assert leak not in text
        assert leak not in received["Subject"]
    # Nothing stored in clear: no column of the message holds the address.
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM connectors_outboundmessage")
        assert "pelapor.rahasia" not in repr(cursor.fetchall())


def test_no_contact_no_notice_and_a_rolled_back_step_writes_no_message(instansi, intake_officer):
    silent = _submit(instansi)
    intake.report_verify(actor=intake_officer, report=silent)
    assert not OutboundMessage.objects.exists()

    report = _submit(instansi, contact="+62 812-3456-7890")
    with pytest.raises(RuntimeError), transaction.atomic():
        intake.report_verify(actor=intake_officer, report=report)
        assert OutboundMessage.objects.filter(report=report).count() == 1
        raise RuntimeError("the step failed after writing")
    assert not OutboundMessage.objects.filter(report=report).exists()


def test_a_bad_contact_is_refused_naming_the_field_and_nothing_is_saved(instansi):
    from tegak.core.errors import InputError
    from tegak.intake.models import Report

    with pytest.raises(InputError) as refused:
        _submit(instansi, contact="bukan kontak")
    assert refused.value.field == "notice_contact"
    assert not Report.objects.exists()


def test_smtp_down_retries_with_backoff_shows_the_failure_and_the_admin_retries(
    instansi, intake_officer, administrator, settings, django_capture_on_commit_callbacks
):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()  # nobody listens here
    settings.EMAIL_TIMEOUT = 2
    settings.JOB_MAX_ATTEMPTS = 3
    report = _submit(instansi, contact="pelapor@example.org")
    with django_capture_on_commit_callbacks(execute=True):
        verified = intake.report_verify(actor=intake_officer, report=report)
    assert verified.status == "verified"  # the step is done whatever the mail server does
    drain()
    message = OutboundMessage.objects.get(report=report)
    assert message.state == MessageState.RETRYING
    assert message.attempts == 1
    assert "SMTP" in message.last_error
    job = Job.objects.get(task_path="tegak.connectors.tasks.outbox_send")
    assert job.status == JobStatus.READY and job.available_at > timezone.now()
    _run_jobs_until_quiet()
    message.refresh_from_db()
    assert (message.state, message.attempts) == (MessageState.FAILED, 3)

    client = staff_client(administrator)
    page = client.get(reverse("connectors:outbox", args=[instansi.code]))
    assert page.status_code == 200
    assert "SMTP" in page.content.decode()
    assert "pelapor@example.org" not in page.content.decode()

    # The mail server is back: the administrator tries again and it goes.
    from aiosmtpd.controller import Controller
    from aiosmtpd.handlers import Message

    got = []

    class Keep(Message):
        def handle_message(self, message):
            got.append(message)

    controller = Controller(Keep(), hostname="127.0.0.1", port=settings.EMAIL_PORT)
    controller.start()
    try:
        with django_capture_on_commit_callbacks(execute=True):
            answer = client.post(reverse("connectors:retry", args=[instansi.code, message.pk]))
        assert answer.status_code == 302
        drain()
    finally:
        controller.stop()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    assert len(got) == 1


def test_the_whatsapp_gateway_gets_json_with_its_token_and_garbage_or_slowness_is_retried(
    instansi, intake_officer, administrator, stand_in, django_capture_on_commit_callbacks
):
    calls = []

    def gateway(request):
        calls.append(request)
        if len(calls) == 1:
            return 502, b"<html>bad gateway</html>"
        return 200, {"status": "queued"}

    stand_in.routes[("POST", "/kirim")] = gateway
    gateway_set(
        actor=administrator,
        instansi=instansi,
        url=stand_in.url + "/kirim",
        token="rahasia-gateway",
        kind="whatsapp",
        active=True,
    )
    report = _submit(instansi, contact="0812 3456 7890")
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_reject(
            actor=intake_officer, report=report, reason="Laporan ini bukan wewenang kami."
        )
    drain()
    message = OutboundMessage.objects.get(report=report)
    assert (message.state, message.attempts) == (MessageState.RETRYING, 1)
    assert "502" in message.last_error
    _run_jobs_until_quiet()
    message.refresh_from_db()
    assert message.state == MessageState.SENT
    sent = json.loads(calls[-1]["body"])
    assert sent["to"] == "081234567890"
    assert sent["channel"] == "whatsapp"
    assert calls[-1]["headers"]["authorization"] == "Bearer rahasia-gateway"
    assert SECRET_TEXT not in sent["text"] and "bukan wewenang" not in sent["text"]


def test_a_slow_gateway_times_out_and_never_blocks(
    instansi, intake_officer, administrator, stand_in, settings
):
    settings.CONNECTORS_HTTP_TIMEOUT_SECONDS = 0.5
    stand_in.delay = 2
    stand_in.routes[("POST", "/kirim")] = lambda request: (200, {"status": "queued"})
    gateway_set(
        actor=administrator,
        instansi=instansi,
        url=stand_in.url + "/kirim",
        token="",
        kind="sms",
        active=True,
    )
    report = _submit(instansi, contact="081234567890")
    intake.report_verify(actor=intake_officer, report=report)
    from tegak.connectors.outbox import SendError, deliver

    message = OutboundMessage.objects.get(report=report)
    with pytest.raises(SendError):
        deliver(message.pk)
    message.refresh_from_db()
    assert message.state == MessageState.RETRYING
    assert "no answer in time" in message.last_error


def test_deadline_reminders_and_escalations_go_through_the_outbox_and_climb(
    open_case,
    staff,
    instansi,
    smtp_server,
    django_capture_on_commit_callbacks,
    settings,
    time_machine,
):
    from tests.cases.conftest import moment

    settings.ESCALATION_STEP_DAYS = 3
    # Recorded as it happens: a clock started already past its due day is swept by nobody.
    time_machine.move_to(moment("2026-10-06 10:00"), tick=False)
    for user in (staff.examiner, staff.official, staff.sekda):
        user.email = f"{user.username}@kota-uji.example"
        user.save()
    oversight = make_user("inspektur-uji", instansi, "oversight")
    oversight.email = "inspektur@kota-uji.example"
    oversight.save()
    case = open_case()
    accused = case.accused.get()
    hearings.summons_issue(
        actor=staff.examiner,
        accused=accused,
        number=1,
        issued_on=date(2026, 10, 6),
        examination_on=date(2026, 10, 13),
        place="Ruang Rapat",
    )
    clock = Clock.objects.get(accused=accused, step="summons_issued")
    assert clock.due == date(2026, 10, 15)

    def told(day):
        with django_capture_on_commit_callbacks(execute=True):
            clocks_sweep(clock_ids=[clock.pk], today=day)
            escalation_climb(clock_ids=[clock.pk], today=day)
        drain()
        return sorted(message["To"] for message in smtp_server.messages)

    assert told(date(2026, 10, 14)) == ["kabag-uji@kota-uji.example"]
    smtp_server.messages.clear()
    # Level 1, the day after: the examiner's superior (the Sekwan).
    assert told(date(2026, 10, 16)) == ["sekwan-uji@kota-uji.example"]
    smtp_server.messages.clear()
    assert told(date(2026, 10, 17)) == []
    # Level 2, three days later: the next up (the Sekda).
    assert told(date(2026, 10, 19)) == ["sekda-uji@kota-uji.example"]
    smtp_server.messages.clear()
    # Level 3: oversight.
    assert told(date(2026, 10, 22)) == ["inspektur@kota-uji.example"]
    smtp_server.messages.clear()
    assert told(date(2026, 10, 30)) == []
    kinds = sorted(OutboundMessage.objects.values_list("recipient_kind", flat=True))
    assert kinds == ["handler", "official", "oversight", "superior"]
    assert set(OutboundMessage.objects.values_list("state", flat=True)) == {MessageState.SENT}


def test_the_outbox_page_is_for_the_instansis_administrators(instansi, administrator, outsider):
    url = reverse("connectors:outbox", args=[instansi.code])
    assert staff_client(administrator).get(url).status_code == 200
    assert staff_client(outsider).get(url).status_code == 404
    examiner = make_user("pemeriksa-lain", instansi, "examiner")
    assert staff_client(examiner).get(url).status_code == 404
    refused = staff_client(administrator).post(url, {"url": "bukan-alamat", "kind": "sms"})
    assert refused.status_code == 400
