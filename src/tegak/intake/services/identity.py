"""The sealed reporter identity: requests, the custodian's decision, opening, key rotation."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from tegak.audit.services import audit_record
from tegak.core.errors import InputError
from tegak.intake import access, sealing, validation
from tegak.intake.conf import disclosure_valid_days
from tegak.intake.models import (
    DisclosureStatus,
    IdentityDisclosureRequest,
    Report,
    ReporterMode,
)
from tegak.intake.services.common import (
    _require,
)
from tegak.people.models import Instansi


def disclosure_request_create(
    *, actor: Any, report: Report, reason: str
) -> IdentityDisclosureRequest:
    """An officer asks the custodian, in writing and with reasons, to open the identity."""
    _require(access.can_triage(actor, report))
    if report.reporter_mode != ReporterMode.CONFIDENTIAL:
        raise InputError("reason", _("Only a confidential reporter's identity is sealed."))
    text = validation.plain_text("reason", reason, required=True, max_length=5000)
    if len(text) < 20:
        raise InputError(
            "reason", _("Explain in at least one full sentence why the identity is needed.")
        )
    with transaction.atomic():
        request = IdentityDisclosureRequest.objects.create(
            report=report, requested_by=actor, reason=text
        )
        audit_record(
            actor=actor,
            action="report.identity_requested",
            target=report,
            instansi_code=report.instansi.code,
            data={"request_id": request.pk},
        )
    return request


def disclosure_request_decide(
    *, actor: Any, request: IdentityDisclosureRequest, approve: bool, note: str
) -> IdentityDisclosureRequest:
    """The custodian approves or refuses, with reasons (never their own request)."""
    _require(access.can_decide_disclosure(actor, request.report))
    _require(request.requested_by_id != actor.pk)
    if access.asks_for_identities(actor, request.report):
        # Separation of duties (docs/security.md): an account that may ask for identities (or
        # appoint those who do) decides none, whatever roles it was given before the rule.
        raise InputError(
            "decision",
            _(
                "You also hold the intake officer's or the administrator's role in this "
                "instansi: who approves opening a reporter's identity must not be who asks for "
                "it. Another custodian decides."
            ),
        )
    with transaction.atomic():
        # Read the status again under a row lock: two custodian pages sent at once each saw the
        # request pending, and the later decision overwrote the first (red-team pass).
        locked = IdentityDisclosureRequest.objects.select_for_update().get(pk=request.pk)
        if locked.status != DisclosureStatus.PENDING:
            raise InputError("decision", _("This request has already been decided."))
        text = validation.plain_text("note", note, required=True, max_length=5000)
        now = timezone.now()
        request.status = DisclosureStatus.APPROVED if approve else DisclosureStatus.REFUSED
        request.decided_by = actor
        request.decided_at = now
        request.decision_note = text
        if approve:
            request.valid_until = now + timedelta(days=disclosure_valid_days())
        request.save(
            update_fields=["status", "decided_by", "decided_at", "decision_note", "valid_until"]
        )
        audit_record(
            actor=actor,
            action="report.identity_approved" if approve else "report.identity_refused",
            target=request.report,
            instansi_code=request.report.instansi.code,
            data={"request_id": request.pk},
        )
    return request


def identity_open(*, actor: Any, report: Report) -> dict[str, str]:
    """The reporter's identity, for an officer allowed to see it; every opening is recorded.

    Open reporters agreed to be known to the officers handling the report; a confidential
    reporter's identity opens only for the officer whose request the custodian approved.
    """
    _require(access.can_view(actor, report))
    if report.reporter_mode == ReporterMode.ANONYMOUS or not report.identity_sealed:
        raise InputError("identity", _("This reporter gave no identity."))
    request_id = None
    if report.reporter_mode == ReporterMode.CONFIDENTIAL:
        approved = (
            report.disclosure_requests.filter(
                requested_by=actor, status=DisclosureStatus.APPROVED, valid_until__gt=timezone.now()
            )
            .order_by("-decided_at")
            .first()
        )
        _require(approved is not None)
        request_id = approved.pk if approved else None
    else:
        _require(access.can_triage(actor, report))
    identity = sealing.unseal(report.identity_sealed, instansi=report.instansi)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="report.identity_opened",
            target=report,
            instansi_code=report.instansi.code,
            data={"request_id": request_id, "reporter_mode": report.reporter_mode},
        )
    return identity


def identity_keys_rotate(*, actor: Any = None) -> int:
    """Re-wrap every instansi's data key under the newest master key, then give each instansi
    a new data key and re-seal its identities under it (the old data key is deleted). Each
    instansi's rotation is an audit event; returns how many identities were re-sealed."""
    count = 0
    with transaction.atomic():
        rewrapped = sealing.rewrap_all()
        sealed_anything = Q(identity_sealed__gt="") | Q(notice_contact_sealed__gt="")
        instansi_ids = (
            Report.objects.filter(sealed_anything)
            .values_list("instansi_id", flat=True)
            .distinct()
            .order_by()
        )
        for instansi in Instansi.objects.filter(pk__in=set(instansi_ids)).order_by("code"):
            reports = list(
                Report.objects.filter(instansi=instansi)
                .exclude(identity_sealed="")
                .select_for_update()
            )
            opened = [sealing.unseal(r.identity_sealed, instansi=instansi) for r in reports]
            # The contact a reporter chose for notices is sealed with the same data key.
            noticed = list(
                Report.objects.filter(instansi=instansi)
                .exclude(notice_contact_sealed="")
                .select_for_update()
            )
            contacts = [sealing.unseal(r.notice_contact_sealed, instansi=instansi) for r in noticed]
            fresh = sealing.new_data_key(instansi)
            for report, identity in zip(reports, opened, strict=True):
                report.identity_sealed = sealing.seal(identity, instansi=instansi)
                report.save(update_fields=["identity_sealed"])
            for report, contact in zip(noticed, contacts, strict=True):
                report.notice_contact_sealed = sealing.seal(contact, instansi=instansi)
                report.save(update_fields=["notice_contact_sealed"])
            dropped = sealing.drop_retired(instansi)
            count += len(reports)
            audit_record(
                actor=actor,
                action="intake.identity_data_key_rotated",
                instansi_code=instansi.code,
                data={"reports": len(reports), "key_id": fresh.key_id, "retired_keys": dropped},
            )
        audit_record(
            actor=actor,
            action="intake.identity_keys_rotated",
            data={"reports": count, "data_keys_rewrapped": rewrapped},
        )
    return count
