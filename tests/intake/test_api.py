"""The REST API: partner channels with their token, staff endpoints with the staff session."""

from __future__ import annotations

import base64
import json

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
