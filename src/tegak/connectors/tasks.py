"""Background jobs of the connectors: every send runs here, never in a request."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from tegak.connectors import outbox
from tegak.connectors.models import MessageState, OutboundMessage


@task()
def outbox_send(message_id: int) -> str:
    """Send one outbox message (raises while it fails, so the job is retried with backoff)."""
    return outbox.deliver(message_id)


@task()
def outbox_sweep() -> int:
    """Messages written but never tried for a quarter of an hour (their job was lost before
    it was stored): enqueue them again. Sending is idempotent on the row's state."""
    stale = OutboundMessage.objects.filter(
        state=MessageState.PENDING,
        attempts=0,
        created_at__lt=timezone.now() - timedelta(minutes=15),
    ).values_list("pk", flat=True)[:500]
    count = 0
    for message_id in stale:
        outbox_send.enqueue(message_id)
        count += 1
    return count


@task()
def escalation_climb_all() -> int:
    """Climb the escalation chain of every unmet duty deadline (periodic)."""
    from tegak.connectors.escalation import escalation_climb

    return escalation_climb()


@task()
def lapor_pull_all() -> dict[str, int]:
    """Pull the dispatched complaints of every instansi connected to LAPOR! (periodic). An
    instansi whose LAPOR! fails does not stop the others; the job fails (and is retried) when
    any did, and the error is shown on the instansi's LAPOR! page."""
    from tegak.connectors import lapor
    from tegak.connectors.http import RemoteError
    from tegak.connectors.models import LaporSettings

    totals = {"imported": 0, "malformed": 0, "known": 0}
    failed = []
    for row in LaporSettings.objects.filter(active=True).select_related("instansi"):
        try:
            counts = lapor.pull(row)
        except RemoteError as error:
            failed.append(f"{row.instansi.code}: {error}")
            continue
        for key, value in counts.items():
            totals[key] += value
    if failed:
        raise RemoteError("LAPOR! pull failed for " + "; ".join(failed))
    return totals


@task()
def lapor_status_send(update_id: int) -> str:
    """Send one status update back to LAPOR! (retried with backoff while it fails)."""
    from tegak.connectors import lapor

    return lapor.push_status(update_id)


@task()
def siasn_send(record_id: int) -> str:
    """Send one sanction record to SIASN (retried with backoff while it fails)."""
    from tegak.connectors import siasn

    return siasn.send(record_id)


@task()
def webhook_send(delivery_id: int) -> str:
    """Post one outbound event to its subscriber (retried with backoff while it fails)."""
    from tegak.connectors import webhooks

    return webhooks.deliver(delivery_id)
