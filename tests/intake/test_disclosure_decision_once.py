"""A custodian's decision on an identity disclosure request is recorded once.

Red-team pass: six parallel POSTs to `/staf/laporan/identitas/<id>/putuskan/`, alternating
approve and refuse, recorded two decisions (both audit events) and the later one won, so a
refusal could be overwritten by an approval. The status was checked outside the transaction.
"""

from __future__ import annotations

import threading

import pytest
from django.contrib.messages import get_messages
from django.db import connection, connections
from django.test import Client
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.core.errors import InputError
from tegak.intake import services
from tegak.intake.models import IdentityDisclosureRequest

REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan."
DECISIONS = ("report.identity_approved", "report.identity_refused")


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


def test_a_decision_from_a_copy_read_before_another_decision_is_refused(
    intake_officer, custodian, confidential
):
    """Two custodian pages opened on the same pending request: the refusal is sent first, the
    approval from the other page afterwards must not overwrite it."""
    request = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    first_page = IdentityDisclosureRequest.objects.get(pk=request.pk)
    second_page = IdentityDisclosureRequest.objects.get(pk=request.pk)
    services.disclosure_request_decide(
        actor=custodian, request=first_page, approve=False, note="Belum perlu."
    )
    events = AuditEvent.objects.count()
    with pytest.raises(InputError) as caught:
        services.disclosure_request_decide(
            actor=custodian, request=second_page, approve=True, note="Diperlukan."
        )
    assert caught.value.field == "decision"
    assert str(caught.value.message) == "Permintaan ini sudah diputuskan."
    stored = IdentityDisclosureRequest.objects.get(pk=request.pk)
    assert stored.status == "refused" and stored.decision_note == "Belum perlu."
    assert stored.valid_until is None
    assert AuditEvent.objects.count() == events
    assert AuditEvent.objects.filter(action__in=DECISIONS).count() == 1
    with pytest.raises(Exception):  # noqa: B017 (PermissionDenied: not approved)
        services.identity_open(actor=intake_officer, report=confidential)


@pytest.mark.django_db(transaction=True)
def test_six_decisions_posted_at_once_record_exactly_one(
    instansi, intake_officer, custodian, confidential
):
    """The red-team's attack through the real page: six POSTs at once, alternating approve and
    refuse. One is recorded; the five others are told it was already decided, nothing written."""
    if connection.vendor == "sqlite":
        pytest.skip(
            "SQLite's in-memory test database is shared-cache: concurrent writers get "
            "'table is locked' instead of waiting, so threads cannot contend meaningfully; "
            "on a real file SQLite serialises writers (IMMEDIATE transactions). "
            "Run with TEGAK_TEST_DATABASE_URL for PostgreSQL."
        )
    from django_otp.plugins.otp_totp.models import TOTPDevice

    request = services.disclosure_request_create(
        actor=intake_officer, report=confidential, reason=REASON
    )
    device = TOTPDevice.objects.create(user=custodian, name="uji", confirmed=True)
    login = Client()
    login.force_login(custodian)
    session = login.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    url = reverse("intake:disclosure_decide", args=[request.pk])
    events_before = AuditEvent.objects.count()

    workers = 6
    barrier = threading.Barrier(workers)
    outcomes: list[tuple[str, int, list[str]]] = []
    errors: list[BaseException] = []

    def post(index: int) -> None:
        decision = "approve" if index % 2 == 0 else "refuse"
        client = Client()
        client.cookies = login.cookies
        try:
            barrier.wait()
            response = client.post(url, {"decision": decision, "note": f"Alasan {index}."})
            said = [str(message) for message in get_messages(response.wsgi_request)]
            outcomes.append((decision, response.status_code, said))
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=post, args=(index,)) for index in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert errors == []
    assert [status for _decision, status, _said in outcomes] == [302] * workers
    recorded = [
        decision for decision, _status, said in outcomes if "Keputusan sudah dicatat." in said
    ]
    refused = [
        said for _decision, _status, said in outcomes if "Keputusan sudah dicatat." not in said
    ]
    assert len(recorded) == 1, outcomes
    assert all(said == ["Permintaan ini sudah diputuskan."] for said in refused), outcomes
    stored = IdentityDisclosureRequest.objects.get(pk=request.pk)
    assert stored.status == ("approved" if recorded[0] == "approve" else "refused")
    decisions = AuditEvent.objects.filter(action__in=DECISIONS)
    assert decisions.count() == 1
    assert AuditEvent.objects.count() == events_before + 1
