"""The journeys of the issue's "Done when", in the real Chromium."""

from __future__ import annotations

import re

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from tegak.audit.models import AuditEvent
from tegak.intake.models import Report

from .conftest import jpeg_with_gps

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _staff_context(browser, browser_context_args, live_server, user):
    """A browser context logged in as a staff user who passed the second factor."""
    client = Client()
    device = TOTPDevice.objects.create(user=user, name="uji", confirmed=True)
    client.force_login(user)
    session = client.session
    session["otp_device_id"] = device.persistent_id
    session.save()
    context = browser.new_context(**browser_context_args)
    context.add_cookies(
        [{"name": "sessionid", "value": session.session_key, "url": live_server.url}]
    )
    return context


def _fill_report(page, live_server, *, mode: str = "anonymous", name: str = "") -> str:
    page.goto(f"{live_server.url}/lapor/")
    page.fill("#id_accused_text", "Budi Santoso, Sekretariat DPRD")
    page.fill("#id_description", "Pegawai berkaraoke hari Jumat pukul 15.00, masih jam kerja.")
    page.fill("#id_occurred_on", "2022-08-26")
    page.fill("#id_occurred_time", "15:00")
    page.fill("#id_location", "Tempat karaoke di pusat kota")
    page.set_input_files(
        "#id_files",
        files=[{"name": "nota.jpg", "mimeType": "image/jpeg", "buffer": jpeg_with_gps()}],
    )
    page.check(f"input[name=reporter_mode][value={mode}]")
    if name:
        page.fill("#id_name", name)
    page.get_by_role("button", name="Kirim laporan").click()
    code = page.get_by_test_id("receipt-code").inner_text().strip()
    assert re.fullmatch(r"\d{5}-\d{5}-\d{5}-\d{5}-\d{5}", code)
    assert code.replace("-", "") not in page.url
    return code


def test_anonymous_reporter_and_intake_officer(
    page, browser, browser_context_args, live_server, intake_officer, employee
):
    # The reporter sends a report with a photo and keeps the code.
    code = _fill_report(page, live_server)
    report = Report.objects.get()
    assert report.evidence.get().media_type == "image/jpeg"

    # The intake officer finds it in the queue, links the employee, asks a question, verifies.
    staff = _staff_context(browser, browser_context_args, live_server, intake_officer)
    officer = staff.new_page()
    officer.goto(f"{live_server.url}/staf/laporan/")
    officer.get_by_role("link", name=report.reference).click()
    officer.fill("#employee-search", "Budi")
    officer.get_by_role("button", name="Cari").click()
    officer.get_by_role("button", name="Kaitkan ke laporan").click()
    assert "Budi Santoso" in officer.get_by_test_id("linked-employee").inner_text()
    officer.fill("#id_body", "Apakah Anda masih menyimpan nota karaoke itu?")
    officer.get_by_role("button", name="Kirim", exact=True).click()
    officer.get_by_role("button", name="Verifikasi").click()
    assert officer.get_by_test_id("status").inner_text() == "Terverifikasi"

    # The reporter comes back with the code, sees the status and answers.
    reporter = browser.new_context(**browser_context_args).new_page()
    reporter.goto(f"{live_server.url}/lapor/lacak/")
    reporter.fill("#id_code", code)
    reporter.get_by_role("button", name="Buka laporan saya").click()
    assert reporter.get_by_test_id("report-status").inner_text() == "Terverifikasi"
    assert "nota karaoke" in reporter.get_by_test_id("message").first.inner_text()
    reporter.fill("#id_body", "Ya, nota dan tiket parkir masih saya simpan.")
    reporter.get_by_role("button", name="Kirim pesan").click()
    assert reporter.get_by_test_id("message").count() == 2
    assert code.replace("-", "") not in reporter.url

    officer.reload()
    assert "tiket parkir" in officer.content()
    report.refresh_from_db()
    assert report.status == "verified" and report.accused.get().employee == employee


def test_confidential_name_needs_the_custodian(
    page, browser, browser_context_args, live_server, intake_officer, custodian
):
    _fill_report(page, live_server, mode="confidential", name="Izhar Pelapor")
    report = Report.objects.get()

    officer = _staff_context(browser, browser_context_args, live_server, intake_officer).new_page()
    officer.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    assert officer.get_by_test_id("identity-sealed").is_visible()
    assert "Izhar" not in officer.content()
    officer.get_by_role("button", name="Buka identitas (perlu permintaan yang disetujui)").click()
    assert "Izhar" not in officer.content()
    officer.fill(
        "#id_identity-reason", "Pelapor perlu dimintai keterangan sebagai saksi pemeriksaan."
    )
    officer.get_by_role("button", name="Minta kustodian membuka identitas").click()

    keeper = _staff_context(browser, browser_context_args, live_server, custodian).new_page()
    keeper.goto(f"{live_server.url}/staf/laporan/identitas/")
    keeper.select_option("#id_decision", "approve")
    keeper.fill("#id_note", "Diperlukan untuk pemeriksaan; dibuka satu kali.")
    keeper.get_by_role("button", name="Catat keputusan").click()
    assert "Disetujui" in keeper.get_by_test_id("disclosure-request").inner_text()

    officer.goto(f"{live_server.url}/staf/laporan/{report.pk}/")
    officer.get_by_role("button", name="Buka identitas (perlu permintaan yang disetujui)").click()
    assert "Izhar Pelapor" in officer.get_by_test_id("identity").inner_text()
    assert AuditEvent.objects.filter(action="report.identity_opened").count() == 1
