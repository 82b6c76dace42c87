"""The REST API: partner channels with their token, staff endpoints with the staff session."""

from __future__ import annotations

import base64
import json
from datetime import date

import pytest

from tegak.core.access import Right, SystemActor
from tegak.intake import receipts, services
from tegak.intake.models import Report

from .conftest import elf_renamed, jpeg_with_gps

# The command line's right to register partner channels.
GATEWAYS = SystemActor("cli", rights=frozenset({Right.PARTNER_CHANNELS}))

URL = "/api/v1/intake/partner/reports"


@pytest.fixture
def partner(instansi):
    return services.partner_channel_create(actor=GATEWAYS, instansi=instansi, name="SMS gateway")


def _post(client, token, body):
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    return client.post(URL, data=json.dumps(body), content_type="application/json", headers=headers)


BODY = {
    "description": "Pegawai meminta uang untuk mempercepat layanan KTP.",
    "accused_text": "Petugas loket Dinas Dukcapil",
    "occurred_on": "2025-01-15",
    "occurred_time": "10:30",
    "occurred_timezone": "WIB",
    "partner_reference": "SMS-991",
}


def test_partner_submits_and_gets_a_receipt_code(client, partner):
    channel, token = partner
    assert token not in channel.token_hash
    photo = base64.b64encode(jpeg_with_gps()).decode()
    response = _post(
        client, token, {**BODY, "attachments": [{"name": "a.jpg", "content_base64": photo}]}
    )
    assert response.status_code == 201, response.content
    answer = response.json()
    report = Report.objects.get()
    assert report.channel == "partner" and report.partner == channel
    assert report.partner_reference == "SMS-991"
    code = receipts.normalise_code(answer["receipt_code"])
    assert code and receipts.verify_code(report.receipt_hash, code)
    assert report.evidence.get().media_type == "image/jpeg"


def _stored_files():
    from django.core.files.storage import default_storage

    if not default_storage.exists("evidence"):
        return set()
    return set(default_storage.listdir("evidence")[1])


def test_a_gateways_resend_makes_no_second_report(client, partner):
    """The gateway lost the first answer and sends the same message again: the same report,
    a new receipt code that works (the first stops working), no second file, an audit event."""
    from tegak.audit.models import AuditEvent

    _channel, token = partner
    photo = base64.b64encode(jpeg_with_gps()).decode()
    body = {**BODY, "attachments": [{"name": "a.jpg", "content_base64": photo}]}
    first = _post(client, token, body)
    assert first.status_code == 201, first.content
    files = _stored_files()
    again = _post(client, token, body)
    assert again.status_code == 200, again.content
    answer = again.json()
    assert answer["replayed"] is True and first.json()["replayed"] is False
    assert answer["reference"] == first.json()["reference"]
    report = Report.objects.get()
    assert report.evidence.count() == 1 and _stored_files() == files
    new_code = receipts.normalise_code(answer["receipt_code"])
    old_code = receipts.normalise_code(first.json()["receipt_code"])
    assert new_code != old_code
    assert receipts.verify_code(report.receipt_hash, new_code)
    assert not receipts.verify_code(report.receipt_hash, old_code)
    event = AuditEvent.objects.get(action="report.receipt_reissued_to_partner")
    assert event.target_id == str(report.pk)
    assert new_code not in json.dumps(event.data) and old_code not in json.dumps(event.data)


def test_other_content_under_a_used_reference_is_refused(client, partner):
    _channel, token = partner
    assert _post(client, token, BODY).status_code == 201
    report = Report.objects.get()
    files = _stored_files()
    photo = base64.b64encode(jpeg_with_gps()).decode()
    for change in (
        {"description": "Pesan lain: pungutan liar di loket parkir."},
        {"attachments": [{"name": "a.jpg", "content_base64": photo}]},
        {"reporter_mode": "confidential", "identity": {"name": "Budi"}},
    ):
        response = _post(client, token, {**BODY, **change})
        assert response.status_code == 409, response.content
        error = response.json()["error"]
        assert error["field"] == "partner_reference"
        assert report.reference in error["message"]
        assert "tidak ada yang disimpan" in error["message"]
    assert Report.objects.count() == 1 and _stored_files() == files
    report.refresh_from_db()
    assert report.description == BODY["description"]


def test_a_reference_is_one_message_per_partner_only(client, instansi, partner):
    """Another gateway may use the same reference; without a reference nothing is matched."""
    _channel, token = partner
    _other, other_token = services.partner_channel_create(
        actor=GATEWAYS, instansi=instansi, name="WhatsApp gateway"
    )
    assert _post(client, token, BODY).status_code == 201
    assert _post(client, other_token, BODY).status_code == 201
    unnamed = {**BODY, "partner_reference": ""}
    assert _post(client, token, unnamed).status_code == 201
    assert _post(client, token, unnamed).status_code == 201
    assert Report.objects.count() == 4


@pytest.mark.django_db(transaction=True)
def test_the_migration_keeps_reports_a_retry_made_twice(instansi, partner):
    """Reports made twice before the unique key existed keep their rows; the later one's
    reference gets its id as a suffix so the key can be added."""
    import importlib

    from django.apps import apps
    from django.db import connection

    migration = importlib.import_module("tegak.intake.migrations.0009_partner_reference_once")
    constraint = next(
        item for item in Report._meta.constraints if item.name == "one_report_per_partner_reference"
    )
    channel, _token = partner
    with connection.schema_editor() as editor:
        editor.remove_constraint(Report, constraint)
    try:
        made = []
        for _ in range(3):
            sent = services.report_submit_partner(
                partner=channel,
                data=services.ReportInput(
                    description="Pungutan liar di loket.", occurred_on=date(2026, 11, 2)
                ),
                partner_reference="",
            )
            made.append(sent.report)
        Report.objects.filter(pk__in=[item.pk for item in made]).update(partner_reference="SMS-7")
        migration.suffix_repeats(apps, None)
    finally:
        with connection.schema_editor() as editor:
            editor.add_constraint(Report, constraint)
    references = list(Report.objects.order_by("pk").values_list("partner_reference", flat=True))
    assert references == ["SMS-7", f"SMS-7 #{made[1].pk}", f"SMS-7 #{made[2].pk}"]


@pytest.mark.parametrize("token", [None, "tgk_wrong"])
def test_partner_endpoint_needs_a_valid_token(client, partner, token):
    assert _post(client, token, BODY).status_code == 401
    assert Report.objects.count() == 0


def test_deactivated_partner_is_refused(client, partner):
    channel, token = partner
    services.partner_channel_deactivate(actor=GATEWAYS, partner=channel)
    assert _post(client, token, BODY).status_code == 401


@pytest.mark.parametrize(
    ("change", "field"),
    [
        pytest.param({"description": ""}, "description", id="empty"),
        pytest.param({"occurred_on": "2023-02-30"}, "occurred_on", id="no-such-day"),
        pytest.param({"occurred_on": "2999-01-01"}, "occurred_on", id="future"),
        pytest.param({"description": "<img src=x onerror=alert(1)>"}, "description", id="html"),
        pytest.param(
            {"attachments": [{"name": "a.jpg", "content_base64": "@@@"}]},
            "attachments[0].content_base64",
            id="bad-base64",
        ),
        pytest.param(
            {
                "attachments": [
                    {"name": "a.jpg", "content_base64": base64.b64encode(elf_renamed()).decode()}
                ]
            },
            "files",
            id="program-as-jpg",
        ),
    ],
)
def test_partner_bad_input_gets_the_same_validation(client, partner, change, field):
    _channel, token = partner
    response = _post(client, token, {**BODY, **change})
    assert response.status_code == 400
    assert response.json()["error"]["field"] == field
    assert Report.objects.count() == 0


def test_staff_queue_detail_and_verify(verified_client, intake_officer, submitted):
    report, _ = submitted
    client = verified_client(intake_officer)
    listed = client.get("/api/v1/intake/reports").json()
    assert [item["id"] for item in listed] == [report.pk]
    detail = client.get(f"/api/v1/intake/reports/{report.pk}").json()
    assert detail["status"] == "received" and "identity" not in detail
    response = client.post(
        f"/api/v1/intake/reports/{report.pk}/verify",
        data=json.dumps({"note": "ok"}),
        content_type="application/json",
    )
    assert response.status_code == 200 and response.json()["status"] == "verified"


def test_staff_endpoints_hide_other_instansi(verified_client, outsider, submitted):
    report, _ = submitted
    client = verified_client(outsider)
    assert client.get("/api/v1/intake/reports").json() == []
    assert client.get(f"/api/v1/intake/reports/{report.pk}").status_code == 404
    response = client.post(
        f"/api/v1/intake/reports/{report.pk}/verify", data="{}", content_type="application/json"
    )
    assert response.status_code == 404
    report.refresh_from_db()
    assert report.status == "received"


def test_custodian_reads_but_cannot_verify(verified_client, custodian, submitted):
    report, _ = submitted
    client = verified_client(custodian)
    assert client.get(f"/api/v1/intake/reports/{report.pk}").status_code == 200
    response = client.post(
        f"/api/v1/intake/reports/{report.pk}/verify", data="{}", content_type="application/json"
    )
    assert response.status_code == 403
    report.refresh_from_db()
    assert report.status == "received"


def test_staff_endpoints_need_a_session(client, submitted):
    assert client.get("/api/v1/intake/reports").status_code == 401
