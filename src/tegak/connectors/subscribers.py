"""The steps of reports and cases, heard through their audit events (`tegak.audit.events`),
turned into outbox rows inside the step's own transaction (IN_TRANSACTION): a rolled-back step
leaves nothing to send, a committed one always has its messages. Nothing is sent here."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import override

from tegak.accounts.models import User
from tegak.audit import events
from tegak.cases.models import Accused, Clock, NotificationKind
from tegak.connectors.lapor import status_queue
from tegak.connectors.models import LaporStatus, RecipientKind
from tegak.connectors.outbox import forget_reporter_addresses, notify_reporter, notify_staff
from tegak.core.words import shown_date, shown_iso
from tegak.intake.models import Report

# Report events the reporter hears of (a content-free notice), by audit action.
REPORT_EVENTS = {
    "report.verified": "verified",
    "report.rejected": "rejected",
    "report.forwarded": "forwarded",
    "report.merged": "merged",
    "report.taken_into_case": "in_case",
    "report.outcome_published": "outcome",
    "report.staff_message": "message",
}

# Report events sent back to LAPOR! for reports that came from it.
LAPOR_STATUS = {
    "report.forwarded": LaporStatus.FORWARDED,
    "report.rejected": LaporStatus.REJECTED,
    "report.taken_into_case": LaporStatus.IN_CASE,
    "report.outcome_published": LaporStatus.DECIDED,
}

# Deadline events of the sweep: (notice kind, recipient kind).
CLOCK_EVENTS = {
    "case.deadline_reminded": (NotificationKind.REMINDER, RecipientKind.HANDLER),
    "case.deadline_escalated": (NotificationKind.ESCALATION, RecipientKind.SUPERIOR),
    "case.window_passed": (NotificationKind.ESCALATION, RecipientKind.HANDLER),
    "case.office_limit_passed": (NotificationKind.ESCALATION, RecipientKind.HANDLER),
    "case.superior_duty_flagged": (NotificationKind.SUPERIOR_DUTY, RecipientKind.SUPERIOR),
}


def _report_of(event: Any) -> Report | None:
    if event.target_type != "intake.report" or not event.target_id:
        return None
    return Report.objects.select_related("instansi").filter(pk=event.target_id).first()


def on_report_event(event: Any) -> None:
    """A content-free notice to the reporter's chosen contact, once per event."""
    report = _report_of(event)
    if report is None:
        return
    name = REPORT_EVENTS[event.action]
    if name == "outcome":
        name = "decided" if (event.data or {}).get("final") else f"outcome:{event.pk}"
    elif name == "message":
        name = f"message:{event.pk}"
    notify_reporter(report=report, event=name)
    status = LAPOR_STATUS.get(event.action)
    if event.action == "report.outcome_published" and not (event.data or {}).get("final"):
        status = None
    if status is not None:
        status_queue(report=report, status=status, event=status)


def clock_message(clock: Clock, kind: str) -> tuple[str, str]:
    subject = _("Tegak: case %(number)s, %(what)s") % {
        "number": clock.case.register_number,
        "what": NotificationKind(kind).label,
    }
    body = _("Deadline “%(name)s” due on %(due)s. Open the case in Tegak.") % {
        "name": clock.name,
        "due": shown_date(clock.due),
    }
    return subject, body


def on_clock_event(event: Any) -> None:
    """E-mail the users the sweep notified (their ids are in the event)."""
    if event.target_type != "cases.clock":
        return
    clock = Clock.objects.select_related("case", "case__instansi").filter(pk=event.target_id)
    found = clock.first()
    if found is None:
        return
    kind, recipient = CLOCK_EVENTS[event.action]
    ids = (event.data or {}).get("notified_user_ids") or []
    users = list(User.objects.filter(pk__in=ids, is_active=True))
    subject, body = clock_message(found, kind)
    notify_staff(
        users=users,
        recipient_kind=recipient,
        instansi=found.case.instansi,
        subject=subject,
        body=body,
        event_key=f"clock:{found.pk}:{kind}:1",
        case=found.case,
    )


# Steps the accused is told of (PP 94/2021 Pasal 26-27 summons, Pasal 37-38 decision; PP 79/2021
# objections), by audit action. The letter itself is still delivered formally: the notice says so.
ACCUSED_EVENTS = (
    "hearing.summons_issued",
    "decision.delivered",
    "decision.objection_decided",
)


def accused_message(event: Any, accused: Accused) -> tuple[str, str] | None:
    """The subject and text of a notice to the accused (no reporter, no evidence, no sanction:
    only the step, its dates and where to read the letter)."""
    data = event.data or {}
    number = accused.case.register_number
    if event.action == "hearing.summons_issued":
        from tegak.hearings.models import Summons

        summons = Summons.objects.filter(pk=event.target_id).first()
        if summons is None:
            return None
        subject = _("Tegak: summons %(number)s in case %(case)s") % {
            "number": summons.get_number_display(),
            "case": number,
        }
        body = _(
            "You are summoned to an examination on %(day)s at %(place)s (summons "
            "%(number)s, case %(case)s). The summons letter is delivered to you in writing; "
            "this message does not replace it."
        ) % {
            "day": shown_date(summons.examination_on),
            "place": summons.place,
            "number": summons.get_number_display(),
            "case": number,
        }
        return str(subject), str(body)
    if event.action == "decision.delivered":
        subject = _("Tegak: decision in case %(case)s") % {"case": number}
        body = _(
            "The decision on your case %(case)s is recorded as received on %(received)s. "
            "Read the decision letter you were given."
        ) % {"case": number, "received": shown_iso(data.get("received_on", ""))}
        if data.get("window_closes_on"):
            window = _("An objection or appeal may be filed until %(day)s (PP 79/2021).") % {
                "day": shown_iso(data["window_closes_on"])
            }
            body = f"{body} {window}"
        return str(subject), str(body)
    if event.action == "decision.objection_decided":
        subject = _("Tegak: objection decided in case %(case)s") % {"case": number}
        body = _(
            "Your objection or appeal in case %(case)s was decided on %(day)s. The decision "
            "is delivered to you in writing."
        ) % {"case": number, "day": shown_iso(data.get("decided_on", ""))}
        return str(subject), str(body)
    return None


def on_accused_event(event: Any) -> None:
    """A notice to the accused's own account address, when they have an account with one."""
    accused_id = (event.data or {}).get("accused_id")
    if not accused_id:
        return
    accused = (
        Accused.objects.select_related("case", "case__instansi", "employee")
        .filter(pk=accused_id)
        .first()
    )
    if accused is None:
        return
    users = [
        user
        for user in User.objects.filter(employee_id=accused.employee_id, is_active=True)
        if user.email
    ]
    for user in users:
        with override(user.preferred_language or settings.LANGUAGE_CODE):
            message = accused_message(event, accused)
        if message is None:
            return
        subject, body = message
        notify_staff(
            users=[user],
            recipient_kind=RecipientKind.ACCUSED,
            instansi=accused.case.instansi,
            subject=subject,
            body=body,
            event_key=f"accused:{accused.pk}:{event.action}:{event.target_id}",
            case=accused.case,
        )


def on_decision_final(event: Any) -> None:
    from tegak.connectors import siasn

    siasn.on_final(event)


def on_retention_deleted(event: Any) -> None:
    """Retention deleted reports or emptied reporters' contacts: their addresses in the outbox
    go too, in the same transaction (docs/retention.md)."""
    forget_reporter_addresses(instansi_code=event.instansi_code)


def subscribe() -> None:
    from tegak.connectors import webhooks

    webhooks.subscribe()
    for action in ("decision.final", "decision.objection_decided"):
        events.subscribe(action, on_decision_final, when=events.IN_TRANSACTION)
    for action in REPORT_EVENTS:
        events.subscribe(action, on_report_event, when=events.IN_TRANSACTION)
    for action in CLOCK_EVENTS:
        events.subscribe(action, on_clock_event, when=events.IN_TRANSACTION)
    for action in ACCUSED_EVENTS:
        events.subscribe(action, on_accused_event, when=events.IN_TRANSACTION)
    events.subscribe("retention.deleted", on_retention_deleted, when=events.IN_TRANSACTION)
