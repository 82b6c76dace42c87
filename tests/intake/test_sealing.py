"""Sealed identities: encrypted with keys outside the database, opened only on approval."""

from __future__ import annotations

from datetime import timedelta

import pytest
import time_machine
from cryptography.fernet import Fernet
from django.core.exceptions import PermissionDenied
from django.core.management import call_command
from django.utils import timezone

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.intake import sealing, services
from tegak.intake.models import IdentityDisclosureRequest


def test_seal_round_trip_and_no_clear_text(settings, instansi):
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]
    token = sealing.seal({"name": "Andi Wijaya"}, instansi=instansi)
    assert "Andi" not in token
    assert sealing.unseal(token, instansi=instansi) == {"name": "Andi Wijaya"}


def test_a_token_sealed_with_an_unknown_key_does_not_open(settings, instansi):
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]
    token = sealing.seal({"name": "A"}, instansi=instansi)
    settings.IDENTITY_KEYS = [Fernet.generate_key().decode()]
    with pytest.raises(sealing.SealError):
        sealing.unseal(token, instansi=instansi)


def test_rotation_reseals_under_the_newest_key(settings, instansi, report_input):
    old = Fernet.generate_key().decode()
    new = Fernet.generate_key().decode()
    settings.IDENTITY_KEYS = [old]
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(reporter_mode="confidential", identity={"name": "Andi"}),
        client_key="k",
    )
    services.report_submit(instansi=instansi, data=report_input(), client_key="k")  # anonymous
    settings.IDENTITY_KEYS = [new, old]
    call_command("rotate_identity_keys", stdout=__import__("io").StringIO())
    report.refresh_from_db()
    settings.IDENTITY_KEYS = [new]  # the old key can now be dropped
    assert sealing.unseal(report.identity_sealed, instansi=instansi) == {"name": "Andi"}
    event = AuditEvent.objects.get(action="intake.identity_keys_rotated")
    assert event.data == {"reports": 1, "data_keys_rewrapped": 1}


@pytest.fixture
def confidential(instansi, report_input):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(
            reporter_mode="confidential", identity={"name": "Andi Wijaya", "phone": "0812345"}
        ),
        client_key="k",
    )
    return report


REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan."


def test_identity_opens_only_after_custodian_approval(intake_officer, custodian, confidential):
    with pytest.raises(PermissionDenied):
        services.identity_open(actor=intake_officer, report=confidential)
    request = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    with pytest.raises(PermissionDenied):
        services.identity_open(actor=intake_officer, report=confidential)
    services.disclosure_request_decide(
        actor=custodian, request=request, approve=True, note="Diperlukan untuk pemeriksaan."
    )
    identity = services.identity_open(actor=intake_officer, report=confidential)
    assert identity["name"] == "Andi Wijaya"
    opened = AuditEvent.objects.get(action="report.identity_opened")
    assert opened.data["request_id"] == request.pk
    assert "Andi" not in str(opened.data)
    # the approval is personal: the custodian cannot use it
    with pytest.raises(PermissionDenied):
        services.identity_open(actor=custodian, report=confidential)


def test_each_opening_is_an_event(intake_officer, custodian, confidential):
    request = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    services.disclosure_request_decide(actor=custodian, request=request, approve=True, note="Ya.")
    for _ in range(3):
        services.identity_open(actor=intake_officer, report=confidential)
    assert AuditEvent.objects.filter(action="report.identity_opened").count() == 3


def test_refused_and_expired_requests_do_not_open(intake_officer, custodian, confidential):
    refused = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    services.disclosure_request_decide(
        actor=custodian, request=refused, approve=False, note="Belum perlu."
    )
    with pytest.raises(PermissionDenied):
        services.identity_open(actor=intake_officer, report=confidential)
    approved = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    services.disclosure_request_decide(actor=custodian, request=approved, approve=True, note="Ya.")
    with time_machine.travel(timezone.now() + timedelta(days=8)), pytest.raises(PermissionDenied):
        services.identity_open(actor=intake_officer, report=confidential)


@pytest.mark.parametrize(
    "persona", ["administrator", "intake_officer", "examiner", "authorised_official", "outsider"]
)
def test_only_a_custodian_decides(request, persona, intake_officer, confidential):
    disclosure = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    events = AuditEvent.objects.count()
    with pytest.raises(PermissionDenied):
        services.disclosure_request_decide(
            actor=request.getfixturevalue(persona), request=disclosure, approve=True, note="x"
        )
    disclosure.refresh_from_db()
    assert disclosure.status == "pending" and AuditEvent.objects.count() == events


def test_a_custodian_cannot_approve_their_own_request(instansi, confidential):
    from tests.conftest import make_user

    both = make_user("ganda", instansi, "intake_officer", "custodian")
    disclosure = services.disclosure_request_create(actor=both, report=confidential, reason=REASON)
    with pytest.raises(PermissionDenied):
        services.disclosure_request_decide(actor=both, request=disclosure, approve=True, note="x")


def test_a_custodian_who_also_asks_for_identities_decides_none(
    instansi, intake_officer, confidential
):
    """Separation of duties (an account given both roles before the rule, or by the database):
    one holding the intake officer's or the administrator's role cannot approve anyone's
    request either, so an administrator's own appointee is not their approver."""
    from tests.conftest import make_user

    disclosure = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    for username, role in (("ganda-1", "intake_officer"), ("ganda-2", "administrator")):
        both = make_user(username, instansi, role, "custodian")
        with pytest.raises(InputError) as caught:
            services.disclosure_request_decide(
                actor=both, request=disclosure, approve=True, note="Disetujui."
            )
        assert caught.value.field == "decision"
    disclosure.refresh_from_db()
    assert disclosure.status == "pending"
    assert not AuditEvent.objects.filter(action="report.identity_approved").exists()


def test_request_needs_a_reason_and_a_confidential_report(intake_officer, confidential, submitted):
    with pytest.raises(InputError):
        services.disclosure_request_create(actor=intake_officer, report=confidential, reason="x")
    anonymous, _ = submitted
    with pytest.raises(InputError):
        services.disclosure_request_create(actor=intake_officer, report=anonymous, reason=REASON)
    assert IdentityDisclosureRequest.objects.count() == 0


def test_open_reporter_is_shown_to_intake_officer_and_recorded(
    intake_officer, examiner, instansi, report_input
):
    report, _ = services.report_submit(
        instansi=instansi,
        data=report_input(reporter_mode="open", identity={"name": "Perkumpulan Baladewa"}),
        client_key="k",
    )
    assert services.identity_open(actor=intake_officer, report=report)["name"]
    assert AuditEvent.objects.filter(action="report.identity_opened").count() == 1
    with pytest.raises(PermissionDenied):
        services.identity_open(actor=examiner, report=report)
