"""A confidential reporter's identity never reaches the database in clear, the audit chain, the
logs or a URL; it opens only after the custodian approves, and each opening is one audit event."""

from __future__ import annotations

import logging
import re

import pytest
from django.db import connection
from django.test import Client
from django.urls import reverse

from tegak.audit.models import AuditEvent
from tegak.intake.models import Report

from .conftest import staff_client

NAME = "Zulkarnaen Wiradikusumah"
EMAIL = "zulkarnaen.rahasia@contoh.test"
PHONE = "081299887766"
REASON = "Pelapor perlu dipanggil sebagai saksi dalam pemeriksaan pendahuluan."


class RecordingClient:
    """Wraps a test client and remembers every URL asked for or redirected to."""

    def __init__(self, client, urls):
        self.client, self.urls = client, urls

    def _note(self, path, response):
        self.urls.append(path)
        for url, _status in getattr(response, "redirect_chain", []):
            self.urls.append(url)
        if response.has_header("Location"):
            self.urls.append(response["Location"])
        return response

    def get(self, path, *args, **kwargs):
        return self._note(path, self.client.get(path, *args, **kwargs))

    def post(self, path, *args, **kwargs):
        return self._note(path, self.client.post(path, *args, **kwargs))


def table_rows_containing(text: str) -> list[str]:
    """Every table.column whose text form contains `text` (all tables, all columns)."""
    found = []
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            columns = [
                c.name for c in connection.introspection.get_table_description(cursor, table)
            ]
            for column in columns:
                cursor.execute(
                    f"SELECT 1 FROM {quote(table)} WHERE CAST({quote(column)} AS TEXT) LIKE %s",
                    [f"%{text}%"],
                )
                if cursor.fetchone():
                    found.append(f"{table}.{column}")
    return found


@pytest.mark.django_db
def test_identity_stays_sealed_and_out_of_audit_logs_and_urls(
    instansi, intake_officer, custodian, caplog
):
    caplog.set_level(logging.DEBUG)
    urls: list[str] = []
    public = RecordingClient(Client(), urls)
    response = public.post(
        reverse("reporting:new"),
        {
            "instansi": instansi.pk,
            "accused_text": "Budi Santoso, Sekretariat DPRD",
            "description": "Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            "occurred_on": "2022-08-26",
            "occurred_time": "15:00",
            "occurred_timezone": "WIB",
            "location": "Tempat karaoke",
            "reporter_mode": "confidential",
            "name": NAME,
            "email": EMAIL,
            "phone": PHONE,
        },
    )
    assert response.status_code == 201, response.content[:2000]
    code = re.search(rb"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", response.content).group().decode()
    report = Report.objects.get()

    # The database holds the identity only sealed (the scan does find what is stored in clear).
    assert "intake_report.description" in table_rows_containing("Karaoke pada hari Jumat")
    for secret in (NAME, EMAIL, PHONE, code, code.replace("-", "")):
        assert table_rows_containing(secret) == [], secret

    officer = RecordingClient(staff_client(intake_officer), urls)
    page = officer.get(reverse("intake:detail", args=[report.pk]))
    assert page.status_code == 200 and NAME.encode() not in page.content
    # Not yet approved: the identity does not open.
    refused = officer.post(reverse("intake:open_identity", args=[report.pk]), follow=True)
    assert NAME.encode() not in refused.content
    response = officer.post(
        reverse("intake:action", args=[report.pk, "request_identity"]),
        {"identity-reason": REASON},
    )
    assert response.status_code == 302
    assert not AuditEvent.objects.filter(action="report.identity_opened").exists()

    keeper = RecordingClient(staff_client(custodian), urls)
    listing = keeper.get(reverse("intake:disclosures"))
    assert listing.status_code == 200 and NAME.encode() not in listing.content
    request = report.disclosure_requests.get()
    response = keeper.post(
        reverse("intake:disclosure_decide", args=[request.pk]),
        {"decision": "approve", "note": "Diperlukan untuk pemeriksaan."},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.status == "approved"

    opened = officer.post(reverse("intake:open_identity", args=[report.pk]))
    assert opened.status_code == 200
    assert NAME.encode() in opened.content and EMAIL.encode() in opened.content
    assert "no-store" in opened["Cache-Control"]
    assert AuditEvent.objects.filter(action="report.identity_opened").count() == 1
    officer.post(reverse("intake:open_identity", args=[report.pk]))
    assert AuditEvent.objects.filter(action="report.identity_opened").count() == 2

    # Nothing identifying anywhere it could leak.
    secrets = (NAME, EMAIL, PHONE, code, code.replace("-", ""), "Zulkarnaen", "99887766")
    events = [str(event.data) for event in AuditEvent.objects.all()]
    records = [record.getMessage() + str(record.args) for record in caplog.records]
    assert len(urls) >= 6
    for secret in secrets:
        assert not [e for e in events if secret in e], secret
        assert not [r for r in records if secret in r], secret
        assert not [u for u in urls if secret in u], secret
    for secret in (NAME, EMAIL, PHONE):
        assert table_rows_containing(secret) == [], secret
