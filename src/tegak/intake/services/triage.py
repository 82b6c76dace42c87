"""Triage by intake officers: acknowledge, link, verify, reject, forward, merge, messages."""

from __future__ import annotations

from datetime import date, datetime, time
from typing import Any
from zoneinfo import ZoneInfo

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.core.words import shown_date
from tegak.intake import access, validation
from tegak.intake.models import (
    CLOSED_STATUSES,
    Evidence,
    Report,
    ReportAccused,
    ReportMessage,
)
from tegak.intake.services.common import (
    Upload,
    _inspect_files,
    _remove_files,
    _require,
    _store_evidence,
    _write_originals,
)
from tegak.people.models import Employee


def _touch(report: Report, *, answered: bool, at: datetime | None = None) -> list[str]:
    """Stop the acknowledgment clock (and the first-answer clock when the reporter is told).

    `at` is when the step happened (a step entered after the fact): it stops a clock that a
    later entry (a link made today) had stopped, since the report was taken up by then."""
    now = at or timezone.now()
    changed = []
    if report.acknowledged_at is None or now < report.acknowledged_at:
        report.acknowledged_at = now
        changed.append("acknowledged_at")
    if answered and (report.first_answered_at is None or now < report.first_answered_at):
        report.first_answered_at = now
        changed.append("first_answered_at")
    return changed


def _local_day(report: Report, moment: datetime) -> date:
    return moment.astimezone(ZoneInfo(report.instansi.zoneinfo_name)).date()


def _step_moment(
    report: Report, on: date | None, *, after: datetime | None = None, what: str = ""
) -> datetime:
    """When a triage step happened: now, or the day the officer gives for a step entered after
    the fact (a 2021 report entered in 2026). That day is not in the future, not before the
    report was received and not before the step it follows (`after`); a past day is kept as
    noon of that day in the instansi's time zone, and the audit record keeps when it was
    entered."""
    if on is None:
        return timezone.now()
    zone = ZoneInfo(report.instansi.zoneinfo_name)
    today = timezone.now().astimezone(zone).date()
    if on > today:
        raise InputError("on", _("The date cannot be in the future."))
    received = _local_day(report, report.received_at)
    if on < received:
        raise InputError(
            "on",
            _("The date cannot be before %(what)s (%(day)s).")
            % {"what": _("the day the report was received"), "day": shown_date(received)},
        )
    if after is not None and on < _local_day(report, after):
        raise InputError(
            "on",
            _("The date cannot be before %(what)s (%(day)s).")
            % {"what": what or _("the step before it"), "day": _local_day(report, after)},
        )
    if on == today:
        return timezone.now()
    return datetime.combine(on, time(12, 0), tzinfo=zone)


def _day_data(on: date | None) -> dict[str, Any]:
    """The day a step happened, for its audit record (only when the officer gave one)."""
    return {"on": on.isoformat()} if on is not None else {}


def _open_for_triage(report: Report) -> None:
    if report.status in CLOSED_STATUSES:
        raise InputError(
            "status",
            _("This report is already closed (%(status)s).")
            % {"status": report.get_status_display()},
        )


def report_acknowledge(*, actor: Any, report: Report) -> Report:
    """An officer confirms the report has been taken up (stops the acknowledgment clock)."""
    _require(access.can_triage(actor, report))
    with transaction.atomic():
        changed = _touch(report, answered=False)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.acknowledged",
            target=report,
            instansi_code=report.instansi.code,
        )
    return report


def report_link_employee(
    *, actor: Any, report: Report, employee: Employee, on: date | None = None
) -> ReportAccused:
    """Link the report to an employee on the registry (`on`: the day it was linked, for a
    report entered after the fact; not in the future, not before the report was received)."""
    _require(access.can_triage(actor, report))
    if employee.instansi_id != report.instansi_id:
        raise InputError("employee", _("This employee is not on the registry of this instansi."))
    if report.accused.filter(employee=employee).exists():
        raise InputError("employee", _("This employee is already linked to the report."))
    moment = _step_moment(report, on)
    with transaction.atomic():
        link = ReportAccused.objects.create(report=report, employee=employee, linked_by=actor)
        if on is not None:
            # linked_at is set on creation (auto_now_add): the day given replaces it.
            ReportAccused.objects.filter(pk=link.pk).update(linked_at=moment)
            link.linked_at = moment
        changed = _touch(report, answered=False, at=moment)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.accused_linked",
            target=report,
            instansi_code=report.instansi.code,
            data={"employee_id": employee.pk, **_day_data(on)},
        )
    return link


def report_unlink_employee(*, actor: Any, report: Report, employee: Employee) -> None:
    """Remove a wrong link between the report and an employee."""
    _require(access.can_triage(actor, report))
    link = report.accused.filter(employee=employee).first()
    if link is None:
        raise InputError("employee", _("This employee is not linked to the report."))
    with transaction.atomic():
        link.delete()
        audit_record(
            actor=actor,
            action="report.accused_unlinked",
            target=report,
            instansi_code=report.instansi.code,
            data={"employee_id": employee.pk},
        )


def report_verify(*, actor: Any, report: Report, note: str = "", on: date | None = None) -> Report:
    """Mark a report verified: it describes misconduct of staff of this instansi, to be handled.
    `on` is the day it was verified, for a report entered after the fact (default: now)."""
    _require(access.can_triage(actor, report))
    if report.status != "received":
        raise InputError("status", _("Only a newly received report can be verified."))
    text = validation.plain_text("note", note, required=False, max_length=2000)
    moment = _step_moment(report, on)
    with transaction.atomic():
        report.status = "verified"
        report.verified_at = moment
        report.verified_by = actor
        changed = [
            "status",
            "verified_at",
            "verified_by",
            *_touch(report, answered=False, at=moment),
        ]
        report.save(update_fields=changed)
        if text:
            ReportMessage.objects.create(
                report=report, author_kind="staff", author=actor, body=text, internal=True
            )
        audit_record(
            actor=actor,
            action="report.verified",
            target=report,
            instansi_code=report.instansi.code,
            data={"note_length": len(text), **_day_data(on)},
        )
    return report


def report_reject(*, actor: Any, report: Report, reason: str, on: date | None = None) -> Report:
    """Reject a report with a reason the reporter reads (`on`: the day it was rejected, for a
    report entered after the fact; not before it was received or verified)."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    text = validation.plain_text("reason", reason, required=True, max_length=5000)
    if len(text) < 10:
        raise InputError(
            "reason", _("Explain the reason in a full sentence the reporter can read.")
        )
    moment = _step_moment(report, on, after=report.verified_at, what=_("the verification"))
    with transaction.atomic():
        report.status = "rejected"
        report.rejection_reason = text
        report.closed_at = moment
        changed = [
            "status",
            "rejection_reason",
            "closed_at",
            *_touch(report, answered=True, at=moment),
        ]
        report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.rejected",
            target=report,
            instansi_code=report.instansi.code,
            data={"reason_length": len(text), **_day_data(on)},
        )
    return report


def report_forward(
    *,
    actor: Any,
    report: Report,
    forwarded_to: str,
    letter_reference: str,
    note: str = "",
    on: date | None = None,
) -> Report:
    """Send a report that belongs to another body there, recording to whom and with which letter
    (`on`: the day it was sent on, for a report entered after the fact)."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    body = validation.plain_text("forwarded_to", forwarded_to, required=True, max_length=200)
    letter = validation.plain_text(
        "letter_reference", letter_reference, required=True, max_length=200
    )
    text = validation.plain_text("note", note, required=False, max_length=5000)
    moment = _step_moment(report, on, after=report.verified_at, what=_("the verification"))
    with transaction.atomic():
        report.status = "forwarded"
        report.forwarded_to = body
        report.forward_letter = letter
        report.forward_note = text
        report.closed_at = moment
        changed = ["status", "forwarded_to", "forward_letter", "forward_note", "closed_at"]
        report.save(update_fields=[*changed, *_touch(report, answered=True, at=moment)])
        audit_record(
            actor=actor,
            action="report.forwarded",
            target=report,
            instansi_code=report.instansi.code,
            data={"forwarded_to": body, "letter_reference": letter, **_day_data(on)},
        )
    return report


def report_merge(*, actor: Any, report: Report, into: Report, on: date | None = None) -> Report:
    """Merge a duplicate into the report that describes the same events (`on`: the day it was
    merged, for a report entered after the fact; not in the future, not before either report
    was received)."""
    _require(access.can_triage(actor, report))
    _open_for_triage(report)
    if into.pk == report.pk or into.instansi_id != report.instansi_id:
        raise InputError("into", _("Choose another report of the same instansi."))
    if into.status in ("rejected", "forwarded", "merged"):
        raise InputError("into", _("A report cannot be merged into a closed or merged report."))
    moment = _step_moment(
        report,
        on,
        after=into.received_at,
        what=_("the day the report it is merged into was received"),
    )
    with transaction.atomic():
        report.status = "merged"
        report.merged_into = into
        report.closed_at = moment
        changed = [
            "status",
            "merged_into",
            "closed_at",
            *_touch(report, answered=False, at=moment),
        ]
        report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.merged",
            target=report,
            instansi_code=report.instansi.code,
            data={"into": into.pk, **_day_data(on)},
        )
    return report


def report_mark_in_case(*, actor: Any, report: Report, case_reference: str) -> Report:
    """A case was opened from this verified report (called by the cases app)."""
    _require(access.can_take_into_case(actor, report))
    reference = validation.plain_text(
        "case_reference", case_reference, required=True, max_length=64
    )
    if report.status != "verified":
        raise InputError("status", _("Only a verified report can be taken into a case."))
    with transaction.atomic():
        report.status = "in_case"
        report.case_reference = reference
        report.save(update_fields=["status", "case_reference"])
        audit_record(
            actor=actor,
            action="report.taken_into_case",
            target=report,
            instansi_code=report.instansi.code,
            data={"case_reference": reference},
        )
    return report


OUTCOME_RESULTS = ("sanction", "not_proven", "revoked", "pending")
OBJECTION_KINDS = ("objection", "appeal")
OBJECTION_OUTCOMES = ("", "confirmed", "reduced", "increased", "changed", "revoked", "annulled")


def _clean_objection(raw: Any, field: str, day: Any) -> dict[str, Any] | None:
    """An objection against the decision as the reporter may read of it: kind, days, outcome."""
    if not raw:
        return None
    if not isinstance(raw, dict) or raw.get("kind") not in OBJECTION_KINDS:
        raise InputError(field + ".kind", _("Unknown kind of objection."))
    if raw.get("outcome", "") not in OBJECTION_OUTCOMES:
        raise InputError(field + ".outcome", _("Unknown result."))
    return {
        "kind": raw["kind"],
        "filed_on": day(raw.get("filed_on"), field + ".filed_on"),
        "decided_on": day(raw.get("decided_on"), field + ".decided_on"),
        "outcome": raw.get("outcome", ""),
    }


def _clean_outcome(outcome: dict[str, Any]) -> dict[str, Any]:
    """Only public words leave the case file: the register number, whether it is final and
    when, and per accused (unnamed, by order) the result with its label in both languages."""

    def day(value: Any, field: str) -> str | None:
        if value in (None, ""):
            return None
        parsed = validation.parse_date(field, str(value))
        return parsed.isoformat() if parsed else None

    rows = outcome.get("accused")
    if not isinstance(rows, list) or not rows:
        raise InputError("outcome.accused", _("Give the result for each accused employee."))
    clean_rows = []
    for index, row in enumerate(rows):
        field = f"outcome.accused[{index}]"
        result = str(row.get("result") or "")
        if result not in OUTCOME_RESULTS:
            raise InputError(field + ".result", _("Unknown result."))
        label = row.get("label") or {}
        clean_rows.append(
            {
                "result": result,
                "level": str(row.get("level") or "")[:12],
                "label": {
                    language: validation.plain_text(
                        f"{field}.label.{language}",
                        str(label.get(language) or ""),
                        required=False,
                        max_length=300,
                    )
                    for language in ("id", "en")
                },
                "on": day(row.get("on"), field + ".on"),
                "objection": _clean_objection(row.get("objection"), field + ".objection", day),
            }
        )
    return {
        "register_number": validation.plain_text(
            "outcome.register_number",
            str(outcome.get("register_number") or ""),
            required=True,
            max_length=64,
        ),
        "final": bool(outcome.get("final")),
        "final_on": day(outcome.get("final_on"), "outcome.final_on"),
        "accused": clean_rows,
    }


def report_outcome_publish(*, actor: Any, report: Report, outcome: dict[str, Any]) -> Report:
    """Tell the reporter what the case decided (called by the case file when an accused's
    matter ends): the tracking page shows it in plain words, without names (UU 25/2009
    Pasal 50(2)). A report taken into the case, or merged into one that was."""
    _require(access.can_take_into_case(actor, report, or_admin=True))
    # A report merged into one taken into a case is handled in that case: its reporter is told
    # the outcome too (UU 25/2009 Pasal 50(2), reading C28).
    if report.followed().status != "in_case":
        raise InputError("status", _("Only a report taken into a case has an outcome."))
    clean = _clean_outcome(outcome)
    with transaction.atomic():
        report.outcome = clean
        report.save(update_fields=["outcome"])
        audit_record(
            actor=actor,
            action="report.outcome_published",
            target=report,
            instansi_code=report.instansi.code,
            data={
                "report_id": report.pk,
                "case_reference": clean["register_number"],
                "final": clean["final"],
                "results": [row["result"] for row in clean["accused"]],
            },
        )
    return report


def message_send(*, actor: Any, report: Report, body: str, internal: bool) -> ReportMessage:
    """An officer writes to the reporter, or adds an internal note the reporter never sees."""
    _require(access.can_triage(actor, report))
    text = validation.plain_text("body", body, required=True, max_length=5000)
    with transaction.atomic():
        message = ReportMessage.objects.create(
            report=report, author_kind="staff", author=actor, body=text, internal=internal
        )
        changed = _touch(report, answered=not internal)
        if changed:
            report.save(update_fields=changed)
        audit_record(
            actor=actor,
            action="report.internal_note" if internal else "report.staff_message",
            target=report,
            instansi_code=report.instansi.code,
            data={"message_id": message.pk, "length": len(text)},
        )
    return message


def staff_evidence_add(
    *, actor: Any, report: Report, files: list[Upload], links: list[str]
) -> list[Evidence]:
    """An officer adds evidence received by letter or in person."""
    _require(access.can_triage(actor, report))
    cleaned_links = validation.links("links", links)
    stored_files = list(report.evidence.filter(kind="file").values_list("size", flat=True))
    checked = _inspect_files(
        files, already_stored=sum(stored_files), already_files=len(stored_files)
    )
    if not checked and not cleaned_links:
        raise InputError("files", _("Choose a file or give a link."))
    saved: list[str] = []
    try:
        _write_originals(checked, saved)
        with transaction.atomic():
            stored = _store_evidence(
                report, checked, cleaned_links, by_reporter=False, actor=actor, saved_names=saved
            )
            audit_record(
                actor=actor,
                action="report.evidence_added",
                target=report,
                instansi_code=report.instansi.code,
                data={
                    "evidence": [
                        {"id": item.pk, "sha256": item.sha256, "size": item.size}
                        for item in stored
                        if item.kind == "file"
                    ],
                    "links": len(cleaned_links),
                },
            )
    except BaseException:
        _remove_files(saved)
        raise
    return stored
