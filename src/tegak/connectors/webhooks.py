"""Outbound events (signed webhooks): another system — an inspectorate's, a province's — follows
an instansi's reports and cases without reading Tegak.

A step's audit event is turned into one delivery row per matching subscription inside the step's
own transaction (a rolled-back step sends nothing, a committed one always has its deliveries);
the worker posts each (`tasks.webhook_send`), retrying with backoff through the job backend.

The payload never holds an identity: no reporter's identity or contact, no name or NIP of an
accused, no report text. It carries the case's register number, stages and dates, the report's
number, channel, status and dates, and the public texts the reporter may read (the outcome).

Each request is signed: header `Tegak-Signature: t=<unix seconds>,v1=<hex>` where the hex is
HMAC-SHA256 under the subscription's secret of `"<t>." + body`. A receiver recomputes it, refuses
a timestamp older than a few minutes (`verify`, TOLERANCE_SECONDS) and remembers the
`Tegak-Delivery` id to ignore a repeated delivery (a retry after a lost answer repeats the id).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import time
import uuid
from functools import partial
from typing import Any

from django.db import connection, transaction
from django.utils import timezone

from tegak.connectors.http import RemoteError, request
from tegak.connectors.models import (
    MessageState,
    WebhookDelivery,
    WebhookKind,
    WebhookSubscription,
)
from tegak.intake import sealing
from tegak.people.models import Instansi

logger = logging.getLogger(__name__)
SEND_TASK = "tegak.connectors.tasks.webhook_send"
SIGNATURE_HEADER = "Tegak-Signature"
TOLERANCE_SECONDS = 300

# Audit action -> the kind of outbound event it makes.
EVENTS: dict[str, str] = {
    "report.submitted": WebhookKind.REPORT_RECEIVED,
    "report.submitted_by_partner": WebhookKind.REPORT_RECEIVED,
    "report.received_from_lapor": WebhookKind.REPORT_RECEIVED,
    "report.entered_by_staff": WebhookKind.REPORT_RECEIVED,
    "report.created_from_media": WebhookKind.REPORT_RECEIVED,
    "report.verified": WebhookKind.REPORT_VERIFIED,
    "report.rejected": WebhookKind.REPORT_REJECTED,
    "report.forwarded": WebhookKind.REPORT_FORWARDED,
    "report.taken_into_case": WebhookKind.REPORT_IN_CASE,
    "report.outcome_published": WebhookKind.REPORT_OUTCOME,
    "case.opened": WebhookKind.CASE_OPENED,
    "hearing.summons_issued": WebhookKind.CASE_STEP,
    "hearing.examination_missed": WebhookKind.CASE_STEP,
    "hearing.examination_held": WebhookKind.CASE_STEP,
    "hearing.bap_recorded": WebhookKind.CASE_STEP,
    "hearing.findings_reported": WebhookKind.CASE_STEP,
    "decision.taken": WebhookKind.CASE_STEP,
    "decision.delivered": WebhookKind.CASE_STEP,
    "decision.objection_filed": WebhookKind.CASE_STEP,
    "decision.objection_decided": WebhookKind.CASE_STEP,
    "decision.final": WebhookKind.CASE_FINAL,
}


def sign(secret: str, timestamp: int, body: bytes) -> str:
    """The `Tegak-Signature` header's value for a body sent at `timestamp`."""
    digest = hmac.new(secret.encode(), f"{timestamp}.".encode() + body, hashlib.sha256)
    return f"t={timestamp},v1={digest.hexdigest()}"


def verify(
    secret: str, header: str, body: bytes, *, now: float | None = None, tolerance: int = 0
) -> bool:
    """What a receiver does: the signature matches and the timestamp is recent (replay-safe)."""
    parts = dict(part.split("=", 1) for part in header.split(",") if "=" in part)
    try:
        timestamp = int(parts.get("t", ""))
    except ValueError:
        return False
    now = time.time() if now is None else now
    if abs(now - timestamp) > (tolerance or TOLERANCE_SECONDS):
        return False
    expected = sign(secret, timestamp, body).split("v1=", 1)[1]
    return hmac.compare_digest(expected, parts.get("v1", ""))


def _day(value: Any) -> str | None:
    return value.isoformat() if value else None


def _case_of(event: Any) -> Any:
    from tegak.cases.models import Case

    case_id = (event.data or {}).get("case_id")
    if case_id is None and event.target_type == "cases.case":
        case_id = event.target_id
    if not case_id:
        return None
    return Case.objects.select_related("instansi").filter(pk=case_id).first()


def case_payload(case: Any, accused_id: Any = None) -> dict[str, Any]:
    """The case without identities: register number, status, dates, each accused's stage by
    order (never a name or NIP)."""
    rows = []
    step_order = None
    for order, accused in enumerate(case.accused.order_by("pk"), start=1):
        rows.append(
            {
                "order": order,
                "stage": accused.stage,
                "final_on": _day(accused.final_on),
                "effective_on": _day(accused.effective_on),
            }
        )
        if accused_id is not None and str(accused.pk) == str(accused_id):
            step_order = order
    payload: dict[str, Any] = {
        "register_number": case.register_number,
        "status": case.status,
        "origin": case.origin,
        "opened_on": _day(case.opened_on),
        "final_on": _day(case.closed_on),
        "accused": rows,
    }
    if step_order is not None:
        payload["accused_order"] = step_order
    return payload


def report_payload(report: Any) -> dict[str, Any]:
    """The report without identities or text: its number, channel, status, dates, the LAPOR!
    tracking id, the case it went to, and the outcome in the public words the reporter reads."""
    return {
        "number": report.pk,
        "channel": report.channel,
        "status": report.status,
        "received_at": report.received_at.isoformat() if report.received_at else None,
        "verified_at": report.verified_at.isoformat() if report.verified_at else None,
        "closed_at": report.closed_at.isoformat() if report.closed_at else None,
        "lapor_tracking_number": report.lapor_tracking_number or None,
        "case_register_number": report.case_reference or None,
        "outcome": report.outcome or None,
    }


def payload_for(event: Any, kind: str) -> dict[str, Any] | None:
    """The JSON body of the outbound event (None when its object is gone)."""
    body: dict[str, Any] = {
        "kind": kind,
        "action": event.action,
        "occurred_at": event.occurred_at.isoformat(),
        "instansi": event.instansi_code,
    }
    if kind.startswith("report."):
        from tegak.intake.models import Report

        if event.target_type != "intake.report" or not event.target_id:
            return None
        report = Report.objects.filter(pk=event.target_id).first()
        if report is None:
            return None
        body["report"] = report_payload(report)
        return body
    case = _case_of(event)
    if case is None:
        return None
    body["case"] = case_payload(case, (event.data or {}).get("accused_id"))
    return body


def _enqueue(delivery_id: int) -> None:
    from tegak.connectors.tasks import webhook_send

    webhook_send.enqueue(delivery_id)


def _any_active(instansi_code: str) -> bool:
    """Whether the instansi has an active subscription at all: one plain query. Most have none,
    and this runs in every audited step's transaction (the public report form's among them,
    where building the ORM query cost more than the rest of the webhook work; bench/intake.py)."""
    subscriptions = WebhookSubscription._meta
    agencies = Instansi._meta
    quote = connection.ops.quote_name
    # Names from the models' own metadata, quoted; every value is a parameter.
    sql = (
        f"SELECT 1 FROM {quote(subscriptions.db_table)} s "  # noqa: S608
        f"JOIN {quote(agencies.db_table)} a "
        f"ON a.{quote(agencies.pk.column)} = s.{quote(subscriptions.get_field('instansi').column)} "
        f"WHERE a.{quote(agencies.get_field('code').column)} = %s "
        f"AND s.{quote(subscriptions.get_field('active').column)} = %s LIMIT 1"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [instansi_code, True])
        return cursor.fetchone() is not None


def on_event(event: Any) -> None:
    """Write a delivery for every active subscription of the instansi that follows this kind
    (in the step's transaction); each is posted after the commit."""
    kind = EVENTS.get(event.action)
    if kind is None or not event.instansi_code or not _any_active(event.instansi_code):
        return
    subscriptions = [
        row
        for row in WebhookSubscription.objects.filter(
            instansi__code=event.instansi_code, active=True
        )
        if kind in (row.kinds or [])
    ]
    if not subscriptions:
        return
    payload = payload_for(event, kind)
    if payload is None:
        return
    for subscription in subscriptions:
        delivery_uuid = uuid.uuid4()
        delivery, created = WebhookDelivery.objects.get_or_create(
            subscription=subscription,
            event_sequence=event.sequence,
            defaults={
                "instansi_id": subscription.instansi_id,
                "delivery_id": delivery_uuid,
                "kind": kind,
                "payload": {"id": str(delivery_uuid), **payload},
            },
        )
        if created:
            transaction.on_commit(partial(_enqueue, delivery.pk))


class DeliveryError(Exception):
    """A delivery did not get a 2xx answer this time (the job will try again)."""


def max_tries() -> int:
    from tegak.connectors.outbox import max_tries as tries

    return tries(SEND_TASK)


def body_of(delivery: WebhookDelivery) -> bytes:
    """The exact bytes posted (the same on every try; only the timestamp changes)."""
    return json.dumps(delivery.payload, ensure_ascii=False, sort_keys=True).encode()


def deliver(delivery_pk: int) -> str:
    """Post one delivery now (the job's body). Raises DeliveryError while tries remain, so the
    job backend waits and retries; the row records every try for the administrator."""
    delivery = (
        WebhookDelivery.objects.filter(pk=delivery_pk)
        .select_related("subscription", "subscription__instansi")
        .first()
    )
    if delivery is None:
        return "gone"
    if delivery.state == MessageState.SENT:
        return "already sent"
    subscription = delivery.subscription
    if not subscription.active:
        delivery.state = MessageState.FAILED
        delivery.last_error = "the subscription is switched off"
        delivery.save(update_fields=["state", "last_error"])
        return "subscription off"
    secret = str(
        sealing.unseal(subscription.secret_sealed, instansi=subscription.instansi).get("secret", "")
    )
    body = body_of(delivery)
    timestamp = int(time.time())
    headers = {
        "Content-Type": "application/json",
        SIGNATURE_HEADER: sign(secret, timestamp, body),
        "Tegak-Event": delivery.kind,
        "Tegak-Delivery": str(delivery.delivery_id),
    }
    now = timezone.now()
    delivery.attempts += 1
    delivery.last_attempt_at = now
    try:
        status, _answer = request(
            "POST", subscription.url, data=body, content_type="application/json", headers=headers
        )
    except RemoteError as error:
        delivery.last_status = error.status
        delivery.last_error = str(error)[:300]
        delivery.state = (
            MessageState.FAILED if delivery.attempts >= max_tries() else MessageState.RETRYING
        )
        delivery.save(
            update_fields=["attempts", "last_attempt_at", "last_status", "last_error", "state"]
        )
        logger.warning(
            "webhook delivery %s not accepted (try %s): %s", delivery.pk, delivery.attempts, error
        )
        raise DeliveryError(str(error)) from None
    delivery.last_status = status
    delivery.last_error = ""
    delivery.state = MessageState.SENT
    delivery.sent_at = now
    delivery.save(
        update_fields=[
            "attempts",
            "last_attempt_at",
            "last_status",
            "last_error",
            "state",
            "sent_at",
        ]
    )
    return "sent"


def subscribe() -> None:
    from tegak.audit import events

    for action in EVENTS:
        events.subscribe(action, on_event, when=events.IN_TRANSACTION)
