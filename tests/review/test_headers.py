"""Security headers on public and staff pages; no caching of pages with a receipt or identity."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django.urls import reverse

from .conftest import staff_client


def _assert_secure(response):
    policy = response["Content-Security-Policy"]
    scripts = re.search(r"script-src ([^;]*)", policy) or re.search(r"default-src ([^;]*)", policy)
    assert scripts, policy
    assert "'unsafe-inline'" not in scripts.group(1) and "'unsafe-eval'" not in scripts.group(1)
    assert "frame-ancestors 'none'" in policy
    assert response["X-Frame-Options"] == "DENY"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("url", ["/", "/statistik/", "/lapor/", "/lapor/lacak/", "/akun/masuk/"])
def test_public_pages_carry_the_security_headers(url, instansi):
    response = Client().get(url)
    assert response.status_code == 200
    _assert_secure(response)


def test_staff_pages_carry_the_security_headers(intake_officer):
    client = staff_client(intake_officer)
    for name in ("dashboard:home", "intake:queue", "cases:list", "people:units"):
        response = client.get(reverse(name))
        assert response.status_code == 200, name
        _assert_secure(response)


def test_the_receipt_and_the_opened_identity_are_never_cached(instansi, intake_officer):
    public = Client()
    receipt = public.post(
        reverse("reporting:new"),
        {
            "instansi": instansi.pk,
            "accused_text": "Budi Santoso, Sekretariat DPRD",
            "description": "Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            "occurred_on": "2022-08-26",
            "occurred_timezone": "WIB",
            "reporter_mode": "open",
            "name": "Pelapor Terbuka",
            "phone": "081200000001",
        },
    )
    assert receipt.status_code == 201
    assert "no-store" in receipt["Cache-Control"]
    _assert_secure(receipt)
    code = re.search(rb"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", receipt.content).group().decode()
    tracked = public.post(reverse("reporting:track"), {"code": code}, follow=True)
    assert tracked.status_code == 200
    assert all(code not in url for url, _status in tracked.redirect_chain)
    assert "no-store" in tracked["Cache-Control"]

    from tegak.intake.models import Report

    report = Report.objects.get()
    opened = staff_client(intake_officer).post(reverse("intake:open_identity", args=[report.pk]))
    assert opened.status_code == 200 and b"Pelapor Terbuka" in opened.content
    assert "no-store" in opened["Cache-Control"]
    _assert_secure(opened)
