"""Outbound signed webhooks against a stand-in receiver over real HTTP that checks the signature
and the timestamp itself: deliveries written with the step, posted by the worker, retried with
backoff, logged for the administrator, and never carrying an identity."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from datetime import date, timedelta

import pytest
import time_machine
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from tegak.connectors import webhooks
from tegak.connectors.models import MessageState, WebhookDelivery, WebhookSubscription
from tegak.connectors.services import webhook_save
from tegak.core.errors import InputError
from tegak.hearings import services as hearings
from tegak.intake import services as intake
from tegak.intake.services import ReportInput
from tegak.jobs.models import Job, JobStatus
from tegak.jobs.runner import drain
from tests.review.conftest import staff_client

from .conftest import free_port

pytestmark = pytest.mark.django_db

SECRET = "rahasia-bersama-inspektorat-provinsi-2026"
SECRET_TEXT = "Pak Budi menerima amplop di ruang rapat lantai dua"
IDENTITY = {"name": "Siti Pelapor Rahasia", "phone": "081299887766"}


def _run_jobs_until_quiet(rounds=8):
    moment = timezone.now()
    for _round in range(rounds):
        with time_machine.travel(moment, tick=True):
            drain()
        pending = Job.objects.filter(status=JobStatus.READY).order_by("available_at").first()
        if pending is None:
            return
        moment = pending.available_at + timedelta(seconds=1)


class Receiver:
    """What a subscriber does: recompute the HMAC itself, refuse old timestamps and repeated
    delivery ids."""

    def __init__(self, secret: str) -> None:
        self.secret = secret
        self.accepted: list[dict] = []
        self.refused: list[str] = []
        self.seen_ids: set[str] = set()

    def __call__(self, request):
        header = request["headers"].get("tegak-signature", "")
        match = re.fullmatch(r"t=(\d+),v1=([0-9a-f]{64})", header)
        if not match:
            self.refused.append("no signature")
            return 401, {"error": "unsigned"}
        timestamp, given = int(match.group(1)), match.group(2)
        expected = hmac.new(
            self.secret.encode(), f"{timestamp}.".encode() + request["body"], hashlib.sha256
        ).hexdigest()
        if not hmac.compare_digest(expected, given):
            self.refused.append("bad signature")
            return 401, {"error": "bad signature"}
        if abs(time.time() - timestamp) > 300:
            self.refused.append("stale")
            return 401, {"error": "stale"}
        delivery = request["headers"].get("tegak-delivery", "")
        if delivery in self.seen_ids:
            self.refused.append("replayed")
            return 200, {"duplicate": True}
        self.seen_ids.add(delivery)
        body = json.loads(request["body"])
        assert body["id"] == delivery
        assert request["headers"]["tegak-event"] == body["kind"]
        self.accepted.append({"body": body, "raw": request["body"], "headers": request["headers"]})
        return 200, {"ok": True}


def _subscribe(instansi, administrator, url, kinds, secret=SECRET):
    row, _shown = webhook_save(
        actor=administrator,
        instansi=instansi,
        name="Inspektorat Provinsi",
        url=url,
        kinds=kinds,
        secret=secret,
        active=True,
    )
    return row


def _submit(instansi):
    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            description=SECRET_TEXT,
            accused_text="Staf Uji, Bagian Umum",
            occurred_on=date(2026, 10, 2),
            reporter_mode="confidential",
            identity=IDENTITY,
            notice_contact="pelapor.rahasia@example.org",
        ),
        client_key="uji-webhook",
    )
    return report


def _assert_no_identity(raw: bytes, *more: str) -> None:
    text = raw.decode()
    for leak in (
        SECRET_TEXT,
        "amplop",
        "Staf Uji",
        IDENTITY["name"],
        IDENTITY["phone"],
        "pelapor.rahasia",
        *more,
    ):
        assert leak not in text, leak


def test_report_events_are_signed_verified_by_the_receiver_and_hold_no_identity(
    instansi, intake_officer, administrator, stand_in, django_capture_on_commit_callbacks
):
    receiver = Receiver(SECRET)
    stand_in.routes[("POST", "/tegak-events")] = receiver
    _subscribe(
        instansi,
        administrator,
        stand_in.url + "/tegak-events",
        ["report.received", "report.verified", "report.rejected"],
    )
    with django_capture_on_commit_callbacks(execute=True):
        report = _submit(instansi)
    with django_capture_on_commit_callbacks(execute=True):
        intake.report_verify(actor=intake_officer, report=report)
    assert WebhookDelivery.objects.count() == 2
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {MessageState.PENDING}
    drain()
    assert receiver.refused == []
    assert [each["body"]["kind"] for each in receiver.accepted] == [
        "report.received",
        "report.verified",
    ]
    verified = receiver.accepted[1]["body"]
    assert verified["instansi"] == instansi.code
    assert verified["report"]["number"] == report.pk
    assert verified["report"]["status"] == "verified"
    assert verified["report"]["channel"] == report.channel
    for each in receiver.accepted:
        _assert_no_identity(each["raw"], report.summary)
        assert "description" not in each["body"]["report"]
    assert set(WebhookDelivery.objects.values_list("state", flat=True)) == {MessageState.SENT}

    # The same request replayed later is refused by the receiver's timestamp check, and the
    # documented verifier agrees.
    first = receiver.accepted[0]
    header = first["headers"]["tegak-signature"]
    assert webhooks.verify(SECRET, header, first["raw"])
    assert not webhooks.verify(SECRET, header, first["raw"], now=time.time() + 301)
    assert not webhooks.verify("another-secret-of-enough-length", header, first["raw"])
    assert not webhooks.verify(SECRET, header, first["raw"] + b" ")


def test_case_steps_carry_the_register_number_and_stage_never_the_accused(
    instansi, administrator, staff, org, open_case, stand_in, django_capture_on_commit_callbacks
):
    receiver = Receiver(SECRET)
    stand_in.routes[("POST", "/ikut")] = receiver
    _subscribe(instansi, administrator, stand_in.url + "/ikut", ["case.opened", "case.step"])
    with django_capture_on_commit_callbacks(execute=True):
        case = open_case()
    accused = case.accused.get()
    with django_capture_on_commit_callbacks(execute=True):
        hearings.summons_issue(
            actor=staff.examiner,
            accused=accused,
            number=1,
            issued_on=date(2026, 10, 6),
            examination_on=date(2026, 10, 13),
            place="Ruang Rapat",
        )
    drain()
    kinds = [each["body"]["kind"] for each in receiver.accepted]
    assert kinds == ["case.opened", "case.step"]
    step = receiver.accepted[1]["body"]
    assert step["action"] == "hearing.summons_issued"
    assert step["case"]["register_number"] == case.register_number
    assert step["case"]["accused"] == [
        {"order": 1, "stage": "summoned_1", "final_on": None, "effective_on": None}
    ]
    assert step["case"]["accused_order"] == 1
    for each in receiver.accepted:
        _assert_no_identity(each["raw"], org.staff.name, org.staff.nip, org.kabag.name)
        for key in ("employee", "nip", "name", "accused_id", "summary"):
            assert f'"{key}"' not in each["raw"].decode()


def test_only_chosen_kinds_of_active_subscriptions_and_a_rolled_back_step_sends_nothing(
    instansi, intake_officer, administrator, stand_in, django_capture_on_commit_callbacks
):
    receiver = Receiver(SECRET)
    stand_in.routes[("POST", "/hook")] = receiver
    _subscribe(instansi, administrator, stand_in.url + "/hook", ["case.final"])
    report = _submit(instansi)
    intake.report_verify(actor=intake_officer, report=report)
    assert not WebhookDelivery.objects.exists()

    second = _subscribe(instansi, administrator, stand_in.url + "/hook", ["report.rejected"])
    second.active = False
    second.save()
    other = _submit(instansi)
    intake.report_reject(actor=intake_officer, report=other, reason="Bukan wewenang kami.")
    assert not WebhookDelivery.objects.exists()

    second.active = True
    second.save()
    third = _submit(instansi)
    with pytest.raises(RuntimeError), transaction.atomic():
        intake.report_reject(actor=intake_officer, report=third, reason="Bukan wewenang kami.")
        assert WebhookDelivery.objects.count() == 1
        raise RuntimeError("the step failed after writing")
    assert not WebhookDelivery.objects.exists()


@pytest.mark.parametrize("failure", ["down", "slow", "garbage"])
def test_a_down_slow_or_garbage_subscriber_never_blocks_the_step_and_is_retried(
    failure,
    instansi,
    intake_officer,
    administrator,
    stand_in,
    settings,
    django_capture_on_commit_callbacks,
):
    settings.JOB_MAX_ATTEMPTS = 3
    settings.CONNECTORS_HTTP_TIMEOUT_SECONDS = 1
    receiver = Receiver(SECRET)
    healthy = {"now": False}

    def flaky(request):
        if not healthy["now"]:
            return 500, b"<html>Internal Server Error</html>"
        return receiver(request)

    stand_in.routes[("POST", "/hook")] = flaky
    url = stand_in.url + "/hook"
    if failure == "down":
        url = f"http://127.0.0.1:{free_port()}/hook"
    elif failure == "slow":
        stand_in.delay = 2.5
    subscription = _subscribe(instansi, administrator, url, ["report.verified"])
    report = _submit(instansi)
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        verified = intake.report_verify(actor=intake_officer, report=report)
    assert time.monotonic() - started < 1  # the step does not wait for the subscriber
    assert verified.status == "verified"
    drain()
    delivery = WebhookDelivery.objects.get()
    assert (delivery.state, delivery.attempts) == (MessageState.RETRYING, 1)
    assert delivery.last_error
    job = Job.objects.get(task_path=webhooks.SEND_TASK)
    assert job.status == JobStatus.READY and job.available_at > timezone.now()
    _run_jobs_until_quiet()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.attempts) == (MessageState.FAILED, 3)

    client = staff_client(administrator)
    page = client.get(reverse("connectors:webhook", args=[instansi.code, subscription.pk]))
    assert page.status_code == 200
    assert delivery.last_error in page.content.decode()

    # The subscriber is fixed; the administrator tries again and the event arrives, signed.
    stand_in.delay = 0
    healthy["now"] = True
    if failure == "down":
        webhook_save(
            actor=administrator,
            instansi=instansi,
            subscription=subscription,
            name=subscription.name,
            url=stand_in.url + "/hook",
            kinds=subscription.kinds,
            secret="",
            active=True,
        )
    with django_capture_on_commit_callbacks(execute=True):
        answer = client.post(reverse("connectors:webhook_retry", args=[instansi.code, delivery.pk]))
    assert answer.status_code == 302
    drain()
    delivery.refresh_from_db()
    assert (delivery.state, delivery.last_status) == (MessageState.SENT, 200)
    assert [each["body"]["kind"] for each in receiver.accepted] == ["report.verified"]


def test_the_administrator_adds_a_subscription_and_sees_the_secret_once(
    instansi, administrator, outsider
):
    client = staff_client(administrator)
    url = reverse("connectors:webhooks", args=[instansi.code])
    refused = client.post(
        url, {"name": "Provinsi", "url": "ftp://provinsi.example/hook", "kinds": []}
    )
    assert refused.status_code == 400
    assert not WebhookSubscription.objects.exists()
    short = client.post(
        url,
        {
            "name": "Provinsi",
            "url": "https://provinsi.example/hook",
            "kinds": ["case.final"],
            "secret": "pendek",
            "active": "on",
        },
    )
    assert short.status_code == 400
    assert "24" in short.content.decode()
    assert not WebhookSubscription.objects.exists()

    saved = client.post(
        url,
        {
            "name": "Provinsi",
            "url": "https://provinsi.example/hook",
            "kinds": ["case.final", "case.opened"],
            "active": "on",
        },
    )
    assert saved.status_code == 200
    row = WebhookSubscription.objects.get()
    assert row.kinds == ["case.opened", "case.final"]
    shown = re.search(r"<code>([A-Za-z0-9_-]{40,})</code>", saved.content.decode())
    assert shown is not None
    secret = shown.group(1)
    assert secret not in row.secret_sealed
    again = client.get(url).content.decode()
    assert secret not in again
    assert "Provinsi" in again
    detail = client.get(reverse("connectors:webhook", args=[instansi.code, row.pk]))
    assert detail.status_code == 200 and secret not in detail.content.decode()

    with pytest.raises(InputError) as bad:
        webhook_save(
            actor=administrator,
            instansi=instansi,
            name="X",
            url="https://x.example",
            kinds=["case.everything"],
            secret="",
            active=True,
        )
    assert bad.value.field == "kinds"
    stranger = staff_client(outsider)
    assert stranger.get(url).status_code == 404
    assert (
        stranger.get(reverse("connectors:webhook", args=[instansi.code, row.pk])).status_code == 404
    )
