"""Security headers on public and staff pages; no caching of pages with a receipt or identity."""

from __future__ import annotations

import re
from datetime import date

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


STAFF_NO_STORE = "no-store, private"


def _directives(response) -> set[str]:
    return {part.strip() for part in response.get("Cache-Control", "").split(",") if part.strip()}


def test_staff_pages_and_staff_api_with_personal_data_are_never_cached(
    instansi, staff, open_case, intake_officer, custodian
):
    """Red-team pass: the report page, the case page, the report through the API and the report
    queue came without Cache-Control, so on a shared office computer they came back from the
    browser's cache (and back-forward cache) after logging out."""
    from tegak.intake import services as intake
    from tegak.intake.services import ReportInput

    report, _code = intake.report_submit(
        instansi=instansi,
        data=ReportInput(
            description="Karaoke pada hari Jumat pukul 15.00, masih jam kerja.",
            accused_text="Staf Uji, Bagian Umum",
            occurred_on=date(2026, 10, 2),
            reporter_mode="open",
            identity={"name": "Pelapor Terbuka"},
        ),
        client_key="cache",
    )
    case = open_case()
    officer = staff_client(intake_officer)
    urls = [
        reverse("intake:detail", args=[report.pk]),
        reverse("intake:queue"),
        reverse("cases:detail", args=[case.pk]),
        reverse("cases:list"),
        reverse("dashboard:home"),
        f"/api/v1/intake/reports/{report.pk}",
    ]
    for url in urls:
        response = officer.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == STAFF_NO_STORE, url
    # A refusal and a redirect to a signed-in user are not cached either.
    refused = staff_client(custodian).get(reverse("cases:detail", args=[case.pk]))
    assert refused.status_code == 404 and refused["Cache-Control"] == STAFF_NO_STORE
    # A view that already says no-store keeps what it set, with private added.
    opened = officer.post(reverse("intake:open_identity", args=[report.pk]))
    assert opened.status_code == 200 and {"no-store", "private"} <= _directives(opened)


def test_the_django_admin_is_never_cached(django_user_model):
    superuser = django_user_model.objects.create_superuser("super-uji", password="x" * 16)
    response = staff_client(superuser).get("/admin/")
    assert response.status_code == 200
    assert {"no-store", "private"} <= _directives(response)


def test_static_files_and_public_pages_keep_their_own_caching(instansi, intake_officer):
    """The rule is for signed-in staff: a stylesheet stays cacheable even for them, and an
    anonymous visitor's portal page is not changed."""
    static = staff_client(intake_officer).get("/static/tegak/tegak.css")
    assert static.status_code == 200
    assert "no-store" not in static.get("Cache-Control", "")
    b"".join(static.streaming_content)
    public = Client().get("/")
    assert public.status_code == 200
    assert "no-store" not in public.get("Cache-Control", "")
