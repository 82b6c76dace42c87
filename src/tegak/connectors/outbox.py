"""The notifications outbox: a message is a row written in the step's own transaction; the
worker sends it (`tasks.outbox_send`), retrying with backoff through the job backend, and the
row shows its state to the administrator (`/staf/sambungan/<instansi>/pesan/`).

Reporters: a notice goes only to the contact the reporter chose to give
(`Report.notice_contact_sealed`), and never carries content — only that there is news, to be
read with the receipt code.
"""

from __future__ import annotations

import logging
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import override

from tegak.connectors.http import RemoteError, request
from tegak.connectors.models import (
    GatewaySettings,
    MessageChannel,
    MessageState,
    OutboundMessage,
    RecipientKind,
)
from tegak.intake import sealing

logger = logging.getLogger(__name__)
SEND_TASK = "tegak.connectors.tasks.outbox_send"


def max_tries(task_path: str = SEND_TASK) -> int:
    """The tries a row gets: those of its job (JOB_POLICIES, else JOB_MAX_ATTEMPTS)."""
    policy = settings.JOB_POLICIES.get(task_path, {})
    return max(1, int(policy.get("max_attempts", settings.JOB_MAX_ATTEMPTS)))


def channel_of(contact: str) -> str:
    """An address with @ is e-mail; anything else goes to the WhatsApp/SMS gateway."""
    return MessageChannel.EMAIL if "@" in contact else MessageChannel.GATEWAY


def _enqueue(message_id: int) -> None:
    from tegak.connectors.tasks import outbox_send

    outbox_send.enqueue(message_id)


def message_queue(
    *,
    instansi: Any,
    recipient_kind: str,
    address: str,
    subject: str,
    body: str,
    event_key: str,
    channel: str = "",
    user: Any = None,
    report: Any = None,
    case: Any = None,
) -> OutboundMessage | None:
    """Write one message (once per `event_key`) in the caller's transaction; it is sent after
    the commit. None when there is no address or the key was already written."""
    address = (address or "").strip()
    if not address:
        return None
    if OutboundMessage.objects.filter(event_key=event_key[:200]).exists():
        return None
    message = OutboundMessage.objects.create(
        instansi=instansi,
        recipient_kind=recipient_kind,
        user=user,
        channel=channel or channel_of(address),
        address_sealed=sealing.seal({"address": address}, instansi=instansi),
        subject=subject[:200],
        body=body,
        event_key=event_key[:200],
        report=report,
        case=case,
    )
    transaction.on_commit(partial(_enqueue, message.pk))
    return message


def notify_staff(
    *,
    users: list[Any],
    recipient_kind: str,
    instansi: Any,
    subject: str,
    body: str,
    event_key: str,
    case: Any = None,
) -> list[int]:
    """An e-mail to each staff member with an address; the ids of those written."""
    written = []
    for user in users:
        if not user.email:
            continue
        language = user.preferred_language or settings.LANGUAGE_CODE
        with override(language):
            message = message_queue(
                instansi=instansi,
                recipient_kind=recipient_kind,
                address=user.email,
                channel=MessageChannel.EMAIL,
                subject=str(subject),
                body=str(body),
                event_key=f"{event_key}:user:{user.pk}",
                user=user,
                case=case,
            )
        if message is not None:
            written.append(user.pk)
    return written


def notify_reporter(*, report: Any, event: str) -> OutboundMessage | None:
    """A content-free notice to the reporter's chosen contact (nothing when none was given)."""
    if not report.notice_contact_sealed:
        return None
    address = str(
        sealing.unseal(report.notice_contact_sealed, instansi=report.instansi).get("contact", "")
    )
    with override(settings.LANGUAGE_CODE):
        subject = _("News on your report")
        body = _(
            "There is news about your report. Open it with your receipt code on the page "
            "“Track a report”."
        )
    return message_queue(
        instansi=report.instansi,
        recipient_kind=RecipientKind.REPORTER,
        address=address,
        subject=str(subject),
        body=str(body),
        event_key=f"report:{report.pk}:{event}",
        report=report,
    )


class SendError(Exception):
    """A message could not be sent this time (the job will try again)."""


def _send_email(message: OutboundMessage, address: str) -> None:
    connection = get_connection(timeout=settings.EMAIL_TIMEOUT)
    email = EmailMessage(
        message.subject,
        message.body,
        settings.DEFAULT_FROM_EMAIL,
        [address],
        connection=connection,
    )
    try:
        sent = email.send()
    except (OSError, ValueError) as error:
        raise SendError(f"SMTP: {type(error).__name__}") from None
    if sent != 1:
        raise SendError("SMTP: the server did not accept the message")


def _send_gateway(message: OutboundMessage, address: str) -> None:
    gateway = (
        GatewaySettings.objects.filter(instansi_id=message.instansi_id, active=True)
        .select_related("instansi")
        .first()
    )
    if gateway is None:
        raise SendError("no active WhatsApp/SMS gateway is set for this instansi")
    headers = {}
    if gateway.token_sealed:
        token = str(
            sealing.unseal(gateway.token_sealed, instansi=gateway.instansi).get("token", "")
        )
        headers["Authorization"] = f"Bearer {token}"
    payload = {
        "to": address,
        "channel": gateway.kind,
        "subject": message.subject,
        "text": message.body,
        "reference": f"tegak-{message.pk}",
    }
    try:
        request("POST", gateway.url, json_body=payload, headers=headers)
    except RemoteError as error:
        raise SendError(f"gateway: {error}") from None


def deliver(message_id: int) -> str:
    """Send one message now (the job's body). Raises SendError while tries remain, so the job
    backend waits and retries; the row records every try for the administrator."""
    message = OutboundMessage.objects.filter(pk=message_id).select_related("instansi").first()
    if message is None:
        return "gone"
    if message.state == MessageState.SENT:
        return "already sent"
    if not message.address_sealed:
        return "address removed"
    address = str(
        sealing.unseal(message.address_sealed, instansi=message.instansi).get("address", "")
    )
    now = timezone.now()
    try:
        if message.channel == MessageChannel.EMAIL:
            _send_email(message, address)
        else:
            _send_gateway(message, address)
    except SendError as error:
        message.attempts += 1
        message.last_attempt_at = now
        message.last_error = str(error)[:300]
        message.state = (
            MessageState.FAILED if message.attempts >= max_tries() else MessageState.RETRYING
        )
        message.save(update_fields=["attempts", "last_attempt_at", "last_error", "state"])
        logger.warning(
            "outbox message %s not sent (try %s): %s", message.pk, message.attempts, error
        )
        raise
    message.attempts += 1
    message.last_attempt_at = now
    message.sent_at = now
    message.state = MessageState.SENT
    message.last_error = ""
    message.save(update_fields=["attempts", "last_attempt_at", "sent_at", "state", "last_error"])
    return "sent"


# Why a reporter's message was never sent: its address was removed at the end of retention.
FORGOTTEN = "address removed at the end of the retention period"


def forget_reporter_addresses(*, instansi_code: str) -> int:
    """Remove the sealed address of every message to a reporter whose report was deleted, or
    whose notice contact was emptied, at the end of its retention period (UU 27/2022 Pasal
    43(1)(a)): a message not sent yet never will be. Returns the number of rows cleared.
    Called in the retention run's transaction (`retention.deleted`)."""
    rows = (
        OutboundMessage.objects.filter(
            instansi__code=instansi_code, recipient_kind=RecipientKind.REPORTER
        )
        .exclude(address_sealed="")
        .filter(Q(report__isnull=True) | Q(report__notice_contact_sealed=""))
    )
    unsent = rows.exclude(state=MessageState.SENT).update(
        address_sealed="", state=MessageState.FAILED, last_error=FORGOTTEN
    )
    return unsent + rows.update(address_sealed="")
